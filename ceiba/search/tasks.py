"""Background entry points: take ids, call a service."""

from django_tasks import task

from ceiba.search.services import search_index_dataset, search_index_institution


@task()
def search_index_dataset_task(dataset_id: str) -> bool:
    return search_index_dataset(dataset_id=dataset_id)


@task()
def search_index_institution_task(institution_id: int) -> int:
    return search_index_institution(institution_id=institution_id)
