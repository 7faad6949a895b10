"""Queryable tables: each tabular file revision becomes one table per sheet.

A table's Parquet and CSV files never change: a new file revision gets new tables,
so every release stays queryable and downloadable.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class DatastoreTable(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    revision = models.ForeignKey(
        "catalog.DistributionRevision", on_delete=models.PROTECT, related_name="tables"
    )
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("name"), max_length=200)
    parquet_name = models.CharField(max_length=300)
    csv_name = models.CharField(max_length=300)
    row_count = models.PositiveBigIntegerField()
    byte_size = models.PositiveBigIntegerField(default=0)
    schema = models.JSONField(_("data dictionary"))
    validation = models.JSONField(default=dict)
    detection = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["revision", "position"]
        verbose_name = _("table")
        verbose_name_plural = _("tables")
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "position"], name="datastore_table_unique_position"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def error_count(self) -> int:
        return int(self.validation.get("stats", {}).get("errors", 0))

    @property
    def is_valid(self) -> bool:
        return bool(self.validation.get("valid", False))
