"""CKAN packages as the API last answered them, kept so that reads cost one query.

A stored body is served only while its ``generation`` equals the dataset's stamp.
Every change to a dataset bumps the stamp after it commits (see ``ApiConfig``), so
a body written by a request that read the dataset before the change no longer
matches, even when it is stored after the change.
"""

from django.db import models


class PackageStamp(models.Model):
    dataset = models.OneToOneField(
        "catalog.Dataset", primary_key=True, on_delete=models.CASCADE
    )
    generation = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.dataset_id} #{self.generation}"


class PackageBody(models.Model):
    dataset = models.ForeignKey("catalog.Dataset", on_delete=models.CASCADE)
    # Language and site address: labels are translated and URLs are absolute.
    variant = models.CharField(max_length=300)
    generation = models.PositiveBigIntegerField()
    body = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "variant"], name="package_body_one_per_variant"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dataset_id} {self.variant} #{self.generation}"
