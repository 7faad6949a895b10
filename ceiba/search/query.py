"""The values that cross the search interface: a query and its results.

Other apps import them from ``ceiba.search.selectors``. A query corrects what it
cannot use (an unknown sort, page 0, a facet that does not exist) instead of failing,
so any query string from the web gives a page.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from ceiba.search.conditions import ALWAYS, Condition
from ceiba.search.documents import FACETS

SORTS = ("relevance", "newest", "updated", "name", "downloads")
MATCHES = ("all", "any")
MAX_TEXT_LENGTH = 500
MAX_FILTER_VALUES = 20
MAX_PAGE = 100_000
MAX_PAGE_SIZE = 100
# With an explicit ``start`` (API clients such as CKAN's package_search).
MAX_ROWS = 1000
MAX_START = 10**9
FACET_LIMIT = 50


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    # facet -> values; a dataset must have every value (AND within and across facets)
    filters: Mapping[str, Sequence[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    match: str = "all"  # "all" words must match, or "any" word
    start: int | None = None  # an offset that overrides ``page``
    # Besides ``filters``, a condition every dataset found meets (the CKAN API's fq).
    where: Condition = ALWAYS
    # Public datasets only, unless the caller may see drafts: those of these
    # institutions (ids), or every draft.
    drafts_of: tuple[int, ...] = ()
    all_drafts: bool = False
    # Count facet values over all matches (pages show them; API callers ask).
    facets: bool = True

    def __post_init__(self) -> None:
        fix = object.__setattr__
        fix(self, "where", self.where if isinstance(self.where, Condition) else ALWAYS)
        fix(self, "drafts_of", tuple(sorted({int(i) for i in self.drafts_of})))
        fix(self, "all_drafts", self.all_drafts is True)
        fix(self, "facets", self.facets is not False)
        fix(self, "text", str(self.text or "")[:MAX_TEXT_LENGTH])
        fix(self, "filters", _clean_filters(self.filters))
        fix(self, "sort", self.sort if self.sort in SORTS else "relevance")
        fix(self, "page", _bounded(self.page, 1, MAX_PAGE))
        rows = MAX_PAGE_SIZE if self.start is None else MAX_ROWS
        fix(self, "page_size", _bounded(self.page_size, 1, rows))
        if self.start is not None:
            fix(self, "start", _bounded(self.start, 0, MAX_START))
        fix(self, "match", self.match if self.match in MATCHES else "all")

    @property
    def offset(self) -> int:
        if self.start is not None:
            return self.start
        return (self.page - 1) * self.page_size

    def matching(self) -> tuple[object, ...]:
        """What decides which datasets match and their facet counts (every page
        and every order of the same search share them)."""
        return (
            self.text,
            self.filters,
            self.match,
            self.where,
            self.drafts_of,
            self.all_drafts,
            self.facets,
        )


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int


@dataclass(frozen=True)
class Tally:
    """How many datasets match a search, and the counts of their facet values."""

    total: int
    facets: dict[str, list[FacetCount]]


@dataclass(frozen=True)
class SearchResults:
    dataset_ids: list[UUID]  # the requested page, in order
    total: int
    # counts over all matching datasets, by count then value, FACET_LIMIT per facet
    facets: dict[str, list[FacetCount]]
    query: SearchQuery

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.query.page_size))

    @property
    def has_next(self) -> bool:
        return self.query.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.query.page > 1


def _bounded(value: Any, low: int, high: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return low
    return max(low, min(number, high))


def _clean_filters(filters: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(filters, Mapping):
        return {}
    cleaned = {}
    for name in FACETS:
        raw = filters.get(name) or ()
        values = [raw] if isinstance(raw, str) else list(raw)
        # Databases refuse NUL characters; no facet value has one.
        unique = dict.fromkeys(str(v).replace("\x00", "") for v in values if v)
        if unique:
            cleaned[name] = tuple(unique)[:MAX_FILTER_VALUES]
    return cleaned
