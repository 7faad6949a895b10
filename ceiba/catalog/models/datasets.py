import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ceiba.common.models import TimestampedModel


class DatasetStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class AccessRights(models.TextChoices):
    """The EU access-right vocabulary."""

    PUBLIC = "PUBLIC", _("public")
    RESTRICTED = "RESTRICTED", _("restricted")
    NON_PUBLIC = "NON_PUBLIC", _("non-public")


class Dataset(TimestampedModel):
    """A dataset (dcat:Dataset). Changed only through catalog.services."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    slug = models.SlugField(_("address name"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    # Other languages: {"en": {"title": ..., "description": ...}}
    translations = models.JSONField(default=dict, blank=True)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    themes = models.ManyToManyField(
        "catalog.Theme", blank=True, verbose_name=_("themes")
    )
    publisher = models.ForeignKey(
        "catalog.Institution",
        on_delete=models.PROTECT,
        related_name="datasets",
        verbose_name=_("publisher"),
    )
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    licence = models.ForeignKey(
        "catalog.Licence", on_delete=models.PROTECT, verbose_name=_("licence")
    )
    access_rights = models.CharField(
        _("access rights"),
        max_length=16,
        choices=AccessRights.choices,
        default=AccessRights.PUBLIC,
    )
    frequency = models.ForeignKey(
        "catalog.Frequency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("update frequency"),
    )
    temporal_start = models.DateField(_("covers from"), null=True, blank=True)
    temporal_end = models.DateField(_("covers until"), null=True, blank=True)
    places = models.ManyToManyField(
        "catalog.Place", blank=True, verbose_name=_("spatial coverage")
    )
    conforms_to = models.URLField(_("conforms to (standard)"), blank=True)
    sdg_targets = models.JSONField(_("SDG targets"), default=list, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    source_url = models.URLField(_("original address"), blank=True)
    status = models.CharField(
        max_length=16, choices=DatasetStatus.choices, default=DatasetStatus.DRAFT
    )
    issued = models.DateTimeField(_("first published"), null=True, blank=True)
    modified = models.DateTimeField(_("last updated"), null=True, blank=True)
    data_updated_at = models.DateTimeField(null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=1)
    download_count = models.PositiveBigIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")
        indexes = [
            models.Index(fields=["status", "deleted_at", "-issued"]),
            models.Index(fields=["status", "deleted_at", "-download_count"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(temporal_start__isnull=True)
                | models.Q(temporal_end__isnull=True)
                | models.Q(temporal_start__lte=models.F("temporal_end")),
                name="dataset_temporal_range_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("web:dataset-detail", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.status == DatasetStatus.PUBLISHED and self.deleted_at is None
