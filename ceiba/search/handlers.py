"""Receivers of the catalog's events: each change queues a reindex."""

from uuid import UUID

from ceiba.search.tasks import search_index_dataset_task, search_index_institution_task


def on_dataset_changed(
    sender: object, *, dataset_id: UUID | str, **kwargs: object
) -> None:
    search_index_dataset_task.enqueue(str(dataset_id))


def on_institution_changed(
    sender: object, *, institution_id: int, **kwargs: object
) -> None:
    search_index_institution_task.enqueue(institution_id)
