"""Harvest's own tables: sources, jobs, the per-dataset log and the link between a
source's record and the dataset it became.

Written only by ``ceiba.harvest.services``; read through ``ceiba.harvest.selectors``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ceiba.common.models import TimestampedModel


class SourceType(models.TextChoices):
    CKAN = "ckan", _("CKAN portal (Action API)")
    DCAT = "dcat", _("DCAT catalog (RDF: Turtle, RDF/XML, JSON-LD)")
    DATAJSON = "datajson", _("data.json catalog (DCAT-US 1.1)")
    SOCRATA = "socrata", _("Socrata portal")
    CEIBA = "ceiba", _("Another Ceiba portal")


class Schedule(models.TextChoices):
    MANUAL = "manual", _("only when asked")
    DAILY = "daily", _("daily")
    WEEKLY = "weekly", _("weekly")


class HarvestSource(TimestampedModel):
    """A portal whose catalog the national portal gathers."""

    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("address"), max_length=2000)
    type = models.CharField(_("type"), max_length=16, choices=SourceType.choices)
    institution = models.ForeignKey(
        "catalog.Institution",
        on_delete=models.PROTECT,
        related_name="harvest_sources",
        verbose_name=_("institution"),
        help_text=_("The institution its datasets belong to, unless mapped below."),
    )
    # {"source organisation name or id": "our institution slug"}
    organisation_map = models.JSONField(
        _("organisation mapping"), default=dict, blank=True
    )
    schedule = models.CharField(
        _("schedule"), max_length=16, choices=Schedule.choices, default=Schedule.MANUAL
    )
    filter_organisations = models.JSONField(
        _("only these organisations"), default=list, blank=True
    )
    filter_tags = models.JSONField(_("only these tags"), default=list, blank=True)
    default_licence = models.ForeignKey(
        "catalog.Licence",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name=_("default licence"),
        help_text=_("Used when the source gives no licence we recognise."),
    )
    editable_fields = models.JSONField(
        _("fields local editors may change"), default=list, blank=True
    )
    mirror_files = models.BooleanField(_("mirror files"), default=False)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("harvest source")
        verbose_name_plural = _("harvest sources")

    def __str__(self) -> str:
        return self.name


class JobState(models.TextChoices):
    QUEUED = "queued", _("waiting")
    RUNNING = "running", _("running")
    DONE = "done", _("finished")
    FAILED = "failed", _("failed")
    INTERRUPTED = "interrupted", _("interrupted")


class HarvestJob(models.Model):
    """One run of a source. ``unmapped`` counts source values we could not map:
    {"licence": {"value": count}, "theme": {...}, ...}."""

    source = models.ForeignKey(
        HarvestSource, on_delete=models.CASCADE, related_name="jobs"
    )
    state = models.CharField(
        max_length=16, choices=JobState.choices, default=JobState.QUEUED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    complete = models.BooleanField(default=False)
    new = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    withdrawn = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    unmapped = models.JSONField(default=dict, blank=True)
    fetch_seconds = models.FloatField(default=0)
    process_seconds = models.FloatField(default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("harvest job")
        verbose_name_plural = _("harvest jobs")
        indexes = [models.Index(fields=["source", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.source} · {self.created_at:%Y-%m-%d %H:%M}"


class RecordAction(models.TextChoices):
    NEW = "new", _("new")
    UPDATED = "updated", _("updated")
    UNCHANGED = "unchanged", _("unchanged")
    WITHDRAWN = "withdrawn", _("withdrawn")
    RESTORED = "restored", _("back at the source")
    FAILED = "failed", _("failed")


class HarvestRecord(models.Model):
    """What a job did with one record of the source."""

    job = models.ForeignKey(
        HarvestJob, on_delete=models.CASCADE, related_name="records"
    )
    identifier = models.CharField(max_length=500)
    action = models.CharField(max_length=16, choices=RecordAction.choices)
    dataset = models.ForeignKey(
        "catalog.Dataset",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_fields = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["job", "pk"]
        verbose_name = _("harvested record")
        verbose_name_plural = _("harvested records")

    def __str__(self) -> str:
        return f"{self.identifier}: {self.action}"


class HarvestedDataset(models.Model):
    """The link between a source's record and our dataset, with the record as
    received and every field we could not map."""

    source = models.ForeignKey(
        HarvestSource, on_delete=models.PROTECT, related_name="links"
    )
    identifier = models.CharField(max_length=500)
    dataset = models.OneToOneField(
        "catalog.Dataset", on_delete=models.CASCADE, related_name="harvest_link"
    )
    original = models.TextField(blank=True)
    original_format = models.CharField(max_length=20, default="json")
    unmapped = models.JSONField(default=dict, blank=True)
    mapped = models.JSONField(default=dict, blank=True)
    content_hash = models.CharField(max_length=64)
    record_hash = models.CharField(max_length=64)
    source_page = models.URLField(max_length=2000, blank=True)
    source_issued = models.DateTimeField(null=True, blank=True)
    source_modified = models.DateTimeField(null=True, blank=True)
    harvested_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("harvested dataset")
        verbose_name_plural = _("harvested datasets")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "identifier"], name="harvest_link_unique_identifier"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source} · {self.identifier}"

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None
