"""Findings of personal data per table, their reviews, and which kinds block.

A table (``datastore.DatastoreTable``) gets one ``PrivacyScan`` and a
``PrivacyFinding`` per column and kind found. A finding stays ``open`` until a
publisher who may publish the dataset treats the data (a new version of the file
without it) or justifies publishing it; who decided, when and why are kept here and
in the dataset's history.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ceiba.privacy.kinds import Kind


class PrivacyScan(models.Model):
    table = models.OneToOneField(
        "datastore.DatastoreTable",
        on_delete=models.CASCADE,
        related_name="privacy_scan",
    )
    scanned_at = models.DateTimeField(auto_now=True)
    rows = models.PositiveBigIntegerField(default=0)
    seconds = models.FloatField(default=0)
    # {"columns", "k", "unique_rows", "groups", "rows"} for the guessed
    # quasi-identifier columns, or null when the table has fewer than two.
    k_anonymity = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("personal data scan")
        verbose_name_plural = _("personal data scans")

    def __str__(self) -> str:
        return str(self.table)


class FindingStatus(models.TextChoices):
    OPEN = "open", _("to review")
    TREATED = "treated", _("treated")
    JUSTIFIED = "justified", _("published with a justification")


class PrivacyFinding(models.Model):
    table = models.ForeignKey(
        "datastore.DatastoreTable",
        on_delete=models.CASCADE,
        related_name="privacy_findings",
    )
    column = models.CharField(_("column"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    count = models.PositiveBigIntegerField(_("values"))
    examples = models.JSONField(default=list)
    context = models.CharField(max_length=16, default="values")
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=FindingStatus.choices,
        default=FindingStatus.OPEN,
    )
    justification = models.TextField(_("justification"), blank=True)
    treatment = models.CharField(_("treatment"), max_length=200, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["table", "id"]
        verbose_name = _("personal data finding")
        verbose_name_plural = _("personal data findings")
        constraints = [
            models.UniqueConstraint(
                fields=["table", "column", "kind"], name="privacy_finding_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.column}: {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.status == FindingStatus.OPEN


class PrivacyRule(models.Model):
    """An administrator's choice for one kind, over ``CEIBA_PRIVACY_BLOCKING``."""

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, unique=True)
    blocks = models.BooleanField(
        _("blocks publishing"),
        default=True,
        help_text=_(
            "When off, findings of this kind only warn: the dataset can be published "
            "before they are reviewed."
        ),
    )

    class Meta:
        ordering = ["kind"]
        verbose_name = _("personal data rule")
        verbose_name_plural = _("personal data rules")

    def __str__(self) -> str:
        return self.get_kind_display()
