from django.db import models
from django.utils.translation import get_language


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class VocabularyTerm(models.Model):
    """A term of a controlled vocabulary, with a label per language.

    ``labels`` maps language codes to labels ({"es": ..., "en": ...}); Mayan
    languages are added as keys, without a schema change.
    """

    code = models.CharField(max_length=64, primary_key=True)
    labels = models.JSONField(default=dict)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        language = (get_language() or "es").split("-")[0]
        return self.labels.get(language) or self.labels.get("es") or self.code
