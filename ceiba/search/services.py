"""Search writes: keeping the index in step with the catalog.

Datasets are read through ``ceiba.catalog.selectors``, so the index holds exactly
the live datasets: public ones, and drafts marked as such (a search shows them only
to callers who may see them).
"""

from collections.abc import Iterable, Iterator
from uuid import UUID

from ceiba.catalog.selectors import (
    dataset_index_source,
    dataset_index_sources,
    dataset_list_indexed,
)
from ceiba.search.backends import get_backend
from ceiba.search.backends.base import Progress
from ceiba.search.backends.sql import batches
from ceiba.search.documents import SearchDocument, document_for_dataset

LOAD_BATCH = 500


def search_index_dataset(*, dataset_id: UUID | str) -> bool:
    """Index a dataset if it is live (public or draft), else remove it. Returns
    whether indexed."""
    dataset = dataset_index_source(dataset_id=dataset_id)
    backend = get_backend()
    if dataset is None:
        backend.delete([UUID(str(dataset_id))])
        return False
    backend.index([document_for_dataset(dataset)])
    return True


def search_index_institution(*, institution_id: int) -> int:
    """Reindex the datasets of an institution (its name is in each)."""
    indexed = dataset_list_indexed(publisher_id=institution_id)
    ids = list(indexed.order_by().values_list("pk", flat=True))
    return get_backend().index(_documents(ids))


def search_rebuild(*, progress: Progress | None = None) -> int:
    """Rebuild the whole index from the catalog. Returns how many datasets."""
    ids = list(dataset_list_indexed().order_by().values_list("pk", flat=True))
    return get_backend().rebuild(_documents(ids), progress=progress)


def _documents(ids: Iterable[UUID]) -> Iterator[SearchDocument]:
    for chunk in batches(ids, LOAD_BATCH):
        yield from map(document_for_dataset, dataset_index_sources(ids=chunk))
