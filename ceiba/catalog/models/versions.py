from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionKind(models.TextChoices):
    CREATED = "created", _("created")
    UPDATED = "updated", _("metadata updated")
    PUBLISHED = "published", _("published")
    UNPUBLISHED = "unpublished", _("returned to draft")
    FILE_ADDED = "file_added", _("file added")
    FILE_REPLACED = "file_replaced", _("file replaced")
    FILE_UPDATED = "file_updated", _("file details updated")
    FILE_REMOVED = "file_removed", _("file removed")
    DELETED = "deleted", _("deleted")
    RESTORED = "restored", _("restored")
    DICTIONARY_UPDATED = "dictionary_updated", _("data dictionary updated")
    PRIVACY_REVIEWED = "privacy_reviewed", _("personal data reviewed")


class Version(models.Model):
    """An immutable record of one change to a dataset.

    ``snapshot`` holds the whole dataset (metadata and files, with revision numbers)
    after the change; ``changes`` lists what changed: ``[{"field", "before", "after"}]``
    for metadata and ``[{"file", "action", ...}]`` for files.
    """

    dataset = models.ForeignKey(
        "catalog.Dataset", on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=VersionKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    snapshot = models.JSONField()
    changes = models.JSONField(default=list)

    class Meta:
        ordering = ["dataset", "-number"]
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "number"], name="version_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dataset_id} v{self.number}"
