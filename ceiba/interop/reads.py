"""What the metadata formats read, only through the catalog's and the datastore's
selectors (public visibility): pages of the public catalog and the tables of files."""

import datetime as dt
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Max

from ceiba.catalog import selectors
from ceiba.datastore.selectors import datastore_tables_of_revisions

if TYPE_CHECKING:
    from ceiba.catalog.models import Dataset
    from ceiba.datastore.models import DatastoreTable

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000
CHUNK = 500


@dataclass(frozen=True)
class CatalogPage:
    """One page of the public catalog, newest first."""

    datasets: list["Dataset"]
    number: int
    size: int
    total: int

    @property
    def last(self) -> int:
        return max(1, math.ceil(self.total / self.size))


def page_params(page: Any, size: Any) -> tuple[int, int]:
    """A page number and size from query parameters: bad values give the defaults,
    sizes are capped at MAX_PAGE_SIZE."""
    try:
        number = max(1, int(page))
    except (TypeError, ValueError):
        number = 1
    try:
        wanted = int(size)
    except (TypeError, ValueError):
        wanted = DEFAULT_PAGE_SIZE
    return number, min(max(1, wanted), MAX_PAGE_SIZE)


def _ordered() -> Any:
    return selectors.dataset_list_public().order_by("-issued", "pk")


def catalog_page(*, number: int, size: int) -> CatalogPage:
    total = selectors.dataset_list_public().count()
    start = (number - 1) * size
    ids = list(_ordered().values_list("pk", flat=True)[start : start + size])
    return CatalogPage(
        datasets=selectors.dataset_list_by_ids(ids=ids),
        number=number,
        size=size,
        total=total,
    )


def iter_public_datasets() -> Iterator["Dataset"]:
    """Every public dataset with its details, read in chunks (for whole-catalog
    documents such as data.json)."""
    ids = list(_ordered().values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        yield from selectors.dataset_list_by_ids(ids=ids[start : start + CHUNK])


def catalog_state() -> tuple[int, dt.datetime | None]:
    """How many datasets are public and when the latest of them changed: enough to
    tell that a catalog document is unchanged without building it."""
    public = selectors.dataset_list_public()
    state = public.aggregate(latest=Max("updated_at"))
    return public.count(), state["latest"]


def tables_by_distribution(
    datasets: Iterable["Dataset"],
) -> dict[Any, list["DatastoreTable"]]:
    """The datastore tables of each file's current release, in one query."""
    revisions = {
        file.current_revision_id: file.pk
        for dataset in datasets
        for file in dataset.live_distributions
        if file.current_revision_id
    }
    found: dict[Any, list[DatastoreTable]] = {}
    tables = datastore_tables_of_revisions(revision_ids=list(revisions)).order_by(
        "position"
    )
    for table in tables:
        found.setdefault(revisions[table.revision_id], []).append(table)
    return found


def last_change(dataset: "Dataset") -> dt.datetime:
    return max(filter(None, [dataset.updated_at, dataset.modified]))
