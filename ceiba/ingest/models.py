"""Ingest jobs: one per uploaded tabular file revision, with its state and progress."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IngestState(models.TextChoices):
    QUEUED = "queued", _("waiting")
    RUNNING = "running", _("processing")
    SUCCEEDED = "succeeded", _("ready")
    FAILED = "failed", _("failed")


class IngestJob(models.Model):
    revision = models.ForeignKey(
        "catalog.DistributionRevision", on_delete=models.CASCADE, related_name="ingests"
    )
    state = models.CharField(
        max_length=16, choices=IngestState.choices, default=IngestState.QUEUED
    )
    stage = models.CharField(max_length=32, blank=True)
    rows_read = models.PositiveBigIntegerField(default=0)
    rows_total = models.PositiveBigIntegerField(null=True, blank=True)
    error_code = models.CharField(max_length=64, blank=True)
    error_message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ingest job")
        verbose_name_plural = _("ingest jobs")

    def __str__(self) -> str:
        return f"{self.revision} · {self.state}"

    @property
    def percent(self) -> int | None:
        if not self.rows_total:
            return None
        return min(100, round(100 * self.rows_read / self.rows_total))

    @property
    def is_finished(self) -> bool:
        return self.state in {IngestState.SUCCEEDED, IngestState.FAILED}
