"""Controlled vocabularies; their terms are loaded by data migrations."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ceiba.common.models import VocabularyTerm


class Theme(VocabularyTerm):
    """A theme: an EU data theme (code like ``HEAL``) or a local theme (``salud``).

    Local themes are what the portal shows; each maps to an EU theme for DCAT-AP.
    """

    eu_theme = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="local_themes",
    )
    is_local = models.BooleanField(default=False)
    icon = models.CharField(max_length=32, blank=True)

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class Frequency(VocabularyTerm):
    """An update frequency of the EU frequency vocabulary (``ANNUAL``, ``MONTHLY``…)."""

    period_days = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Expected days between updates, if regular.")
    )

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("update frequency")
        verbose_name_plural = _("update frequencies")


class Licence(VocabularyTerm):
    """A licence, keyed by its SPDX identifier (``CC-BY-4.0``)."""

    url = models.URLField(blank=True)
    is_open = models.BooleanField(default=True)

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("licence")
        verbose_name_plural = _("licences")


class InstitutionKind(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("institution kind")
        verbose_name_plural = _("institution kinds")


class PlaceLevel(models.TextChoices):
    COUNTRY = "country", _("country")
    DEPARTMENT = "department", _("department")
    MUNICIPALITY = "municipality", _("municipality")


class Place(VocabularyTerm):
    """A place by its INE code: ``GT`` the country, ``01``–``22`` departments,
    ``0101``–``2217`` municipalities (text, with leading zeros)."""

    level = models.CharField(max_length=16, choices=PlaceLevel.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    slug = models.SlugField(max_length=80, unique=True)

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["code"]
