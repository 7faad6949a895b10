"""Background entry points: take ids, call a service."""

from django_tasks import task

from ceiba.quality.models import DatasetQuality
from ceiba.quality.services import (
    dataset_quality_recompute,
    overdue_notices_send,
    quality_history_publish,
    quality_links_check,
    quality_snapshot_refresh,
)


@task()
def dataset_quality_recompute_task(dataset_id: str) -> int:
    """Rescore one dataset, then refresh today's figures of its institution."""
    stored = dataset_quality_recompute(dataset_ids=[dataset_id])
    publisher = (
        DatasetQuality.objects.filter(dataset_id=dataset_id)
        .values_list("publisher_id", flat=True)
        .first()
    )
    if publisher is not None:
        quality_snapshot_refresh(institution_ids=[publisher])
    return stored


@task()
def quality_links_check_task() -> int:
    """The scheduled link check (the ``quality_links`` command does the same)."""
    return len(quality_links_check())


@task()
def quality_daily_task() -> int:
    """The daily round: figures, history, out-of-date notices."""
    rows = quality_snapshot_refresh()
    quality_history_publish()
    overdue_notices_send()
    return rows
