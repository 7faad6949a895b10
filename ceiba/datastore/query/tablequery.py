"""The values that cross the structured query interface: a query and its result."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ceiba.datastore.query.filters import Filter

AGGREGATES = ("count", "sum", "avg", "min", "max")
DIRECTIONS = ("asc", "desc")
SortKey = tuple[str, str]  # (column, "asc" | "desc")
Aggregate = tuple[str, str | None]  # (function, column); ("count", None) counts rows


@dataclass(frozen=True)
class TableQuery:
    """One read of one table. No SQL: every name is checked against the table.

    ``after`` is the ``next_cursor`` of the previous page; ``limit=0`` asks only
    for the fields (and the total). With ``group_by`` or ``aggregates`` the rows
    are groups, named by their columns and ``<function>_<column>`` (or ``count``).
    """

    table_id: str
    filters: Sequence[Filter] = ()
    q: str | None = None
    fields: Sequence[str] | None = None
    sort: Sequence[SortKey] = ()
    limit: int = 100
    offset: int = 0
    after: str | None = None
    distinct: bool = False
    group_by: Sequence[str] = ()
    aggregates: Sequence[Aggregate] = ()
    include_total: bool = False

    @property
    def grouped(self) -> bool:
        return bool(self.group_by or self.aggregates)


@dataclass
class QueryResult:
    """``fields`` are ``{"name", "type"}`` with Table Schema type names."""

    fields: list[dict[str, str]]
    rows: list[dict[str, Any]]
    total: int | None = None
    next_cursor: str | None = None
    took_ms: float = 0.0
