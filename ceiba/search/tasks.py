"""Background entry points: take ids, call a service."""

from django_tasks import task

from ceiba.search.services import search_index_dataset, search_index_institution


@task()
def search_index_datasets_task(dataset_ids: list[str]) -> int:
    """Reindex datasets; returns how many are in the index now."""
    return sum(search_index_dataset(dataset_id=pk) for pk in dataset_ids)


@task()
def search_index_dataset_task(dataset_id: str) -> bool:
    """One dataset (tasks queued before ``search_index_datasets_task``)."""
    return search_index_dataset(dataset_id=dataset_id)


@task()
def search_index_institution_task(institution_id: int) -> int:
    return search_index_institution(institution_id=institution_id)
