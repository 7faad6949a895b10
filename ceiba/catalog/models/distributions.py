import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ceiba.common.models import TimestampedModel


class DistributionKind(models.TextChoices):
    FILE = "file", _("uploaded file")
    LINK = "link", _("link")


class Distribution(TimestampedModel):
    """A file or link of a dataset (dcat:Distribution).

    An uploaded file's bytes live in immutable ``DistributionRevision`` rows;
    ``current_revision`` is what the stable "latest" address serves.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dataset = models.ForeignKey(
        "catalog.Dataset", on_delete=models.CASCADE, related_name="distributions"
    )
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(max_length=8, choices=DistributionKind.choices)
    format = models.CharField(_("format"), max_length=20, blank=True)
    media_type = models.CharField(_("media type"), max_length=120, blank=True)
    access_url = models.URLField(_("address"), max_length=2000, blank=True)
    current_revision = models.ForeignKey(
        "catalog.DistributionRevision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    position = models.PositiveIntegerField(default=0)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "created_at"]
        verbose_name = _("file")
        verbose_name_plural = _("files")

    def __str__(self) -> str:
        return self.title

    @property
    def byte_size(self) -> int | None:
        return self.current_revision.byte_size if self.current_revision else None

    def get_latest_url(self) -> str:
        return reverse("web:distribution-latest", args=[self.dataset.slug, self.id])


class WithholdReason(models.TextChoices):
    REPLACED = (
        "replaced",
        _("it contained personal data, and a treated version replaced it"),
    )
    AWAITING_REVIEW = "awaiting_review", _("its personal data is awaiting review")
    CHECKING = (
        "checking",
        _("it is being checked for personal data, which takes a few moments"),
    )


class DistributionRevision(models.Model):
    """One immutable upload of a file. Its address never changes."""

    distribution = models.ForeignKey(
        Distribution, on_delete=models.PROTECT, related_name="revisions"
    )
    number = models.PositiveIntegerField()
    storage_name = models.CharField(max_length=300)
    filename = models.CharField(max_length=250)
    byte_size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    format = models.CharField(max_length=20)
    media_type = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    # A revision that must not be served (it held personal data that a treated
    # revision replaced). Its bytes stay in storage, private to the institution.
    withheld_at = models.DateTimeField(null=True, blank=True)
    withheld_reason = models.CharField(
        max_length=20, choices=WithholdReason, blank=True
    )

    class Meta:
        ordering = ["distribution", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["distribution", "number"], name="revision_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.filename} (v{self.number})"

    def get_absolute_url(self) -> str:
        return reverse(
            "web:distribution-revision",
            args=[
                self.distribution.dataset.slug,
                self.distribution_id,
                self.number,
                self.filename,
            ],
        )
