"""Receivers of lower apps' events: each change queues a rescore."""

from uuid import UUID

from django.db import transaction

from ceiba.catalog.models import Distribution
from ceiba.quality.tasks import dataset_quality_recompute_task


def on_dataset_changed(
    sender: object, *, dataset_id: UUID | str, **kwargs: object
) -> None:
    dataset_quality_recompute_task.enqueue(str(dataset_id))


def on_table_saved(sender: object, instance: object, **kwargs: object) -> None:
    """A file's tables (and their validation) arrive after the file's own change,
    when its ingest finishes: rescore its dataset once that has committed."""
    dataset_id = (
        Distribution.objects.filter(
            revisions__pk=getattr(instance, "revision_id", None)
        )
        .values_list("dataset_id", flat=True)
        .first()
    )
    if dataset_id is not None:
        transaction.on_commit(
            lambda: dataset_quality_recompute_task.enqueue(str(dataset_id))
        )
