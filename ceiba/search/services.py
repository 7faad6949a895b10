"""Search writes: keeping the public index in step with the catalog.

Datasets are read through ``ceiba.catalog.selectors``, so the index holds exactly
what the portal shows as public.
"""

from collections.abc import Iterable, Iterator
from uuid import UUID

from ceiba.catalog.selectors import (
    dataset_index_source,
    dataset_list_by_ids,
    dataset_list_public,
)
from ceiba.search.backends import get_backend
from ceiba.search.backends.base import Progress
from ceiba.search.backends.sql import batches
from ceiba.search.documents import SearchDocument, document_for_dataset

LOAD_BATCH = 500


def search_index_dataset(*, dataset_id: UUID | str) -> bool:
    """Index a dataset if it is public, else remove it. Returns whether indexed."""
    dataset = dataset_index_source(dataset_id=dataset_id)
    backend = get_backend()
    if dataset is None:
        backend.delete([UUID(str(dataset_id))])
        return False
    backend.index([document_for_dataset(dataset)])
    return True


def search_index_institution(*, institution_id: int) -> int:
    """Reindex the public datasets of an institution (its name is in each)."""
    public = dataset_list_public(publisher_id=institution_id)
    ids = list(public.order_by().values_list("pk", flat=True))
    return get_backend().index(_documents(ids))


def search_rebuild(*, progress: Progress | None = None) -> int:
    """Rebuild the whole index from the catalog. Returns how many datasets."""
    ids = list(dataset_list_public().order_by().values_list("pk", flat=True))
    return get_backend().rebuild(_documents(ids), progress=progress)


def _documents(ids: Iterable[UUID]) -> Iterator[SearchDocument]:
    for chunk in batches(ids, LOAD_BATCH):
        datasets = dataset_list_by_ids(ids=chunk)
        yield from map(document_for_dataset, datasets)
