"""Receivers of the catalog's events: each change queues a reindex (one task for
the datasets changed by one commit)."""

from uuid import UUID

from ceiba.catalog.events import on_commit_collect
from ceiba.search.tasks import (
    search_index_datasets_task,
    search_index_institution_task,
)


def on_dataset_changed(
    sender: object, *, dataset_id: UUID | str, **kwargs: object
) -> None:
    on_commit_collect("search-index", str(dataset_id), _enqueue_index)


def _enqueue_index(dataset_ids: list[str]) -> None:
    search_index_datasets_task.enqueue(dataset_ids)


def on_institution_changed(
    sender: object, *, institution_id: int, **kwargs: object
) -> None:
    search_index_institution_task.enqueue(institution_id)
