"""What a dataset page shows of a table: one page of rows, filtered and sorted by
the query string, with column types, per-column sums and distinct counts.

Query-string parameters follow Datasette's convention, so links and plain forms
work without JavaScript: ``<column>=<value>`` filters (a column given twice means
either value), ``_sort=<column>`` / ``_sort_desc=<column>``, ``_size``, ``_page``
or ``_next`` (the cursor of the next page) and ``_search`` (words in text columns).
Other parameters are ignored.

Only the page's rows are materialised. Sums and distinct counts (approximate, by
HyperLogLog) need one pass over the filtered rows; they are cached per file and
filter and given a short time budget of their own: when it runs out the page is
still shown, without them (``stats_complete`` is False).
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ceiba.datastore.query.errors import QueryError
from ceiba.datastore.query.fieldtypes import NUMERIC, Field, ckan_type
from ceiba.datastore.query.filters import Filter, where_clause
from ceiba.datastore.query.sandbox import (
    DEFAULT_LIMITS,
    Limits,
    Sandbox,
    SandboxPool,
    quote_identifier,
)
from ceiba.datastore.query.search import run_query, table_sandbox
from ceiba.datastore.query.tablequery import TableQuery

PAGE_SIZE = 25
MAX_PAGE_SIZE = 500
STATS_SECONDS = 1.0
STATS_CACHE_SIZE = 256
Params = Mapping[str, str | Sequence[str]]


@dataclass(frozen=True)
class PreviewColumn:
    name: str
    title: str
    type: str  # Table Schema
    ckan_type: str
    sum: Any = None  # numeric columns, over the filtered rows
    distinct: int | None = None  # approximate distinct values, filtered rows


@dataclass(frozen=True)
class TablePreview:
    columns: list[PreviewColumn]
    rows: list[dict[str, Any]]
    total: int  # filtered rows
    filters: dict[str, list[str]]
    sort: tuple[str, str] | None
    search: str
    page: int
    page_size: int
    next_cursor: str | None
    stats_complete: bool
    took_ms: float


@dataclass(frozen=True)
class PreviewRequest:
    filters: dict[str, list[str]]
    sort: tuple[str, str] | None
    search: str
    page: int
    page_size: int
    after: str | None


def preview_table(
    table_id: str,
    tables: Mapping[str, Path],
    params: Params,
    *,
    schema: Mapping[str, Any] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    pool: SandboxPool | None = None,
    stats_seconds: float = STATS_SECONDS,
) -> TablePreview:
    """The page of ``table_id`` that the query-string ``params`` ask for."""
    started = time.perf_counter()
    sandbox = table_sandbox(table_id, tables, limits, pool)
    columns = sandbox.columns(table_id)
    request = parse_params(params, columns)
    query = preview_query(table_id, request)
    result = run_query(query, tables, limits, pool=pool)
    stats = _stats(sandbox, table_id, query, columns, limits, stats_seconds)
    return TablePreview(
        columns=_preview_columns(columns, stats.columns, schema),
        rows=result.rows,
        total=stats.total,
        filters=request.filters,
        sort=request.sort,
        search=request.search,
        page=request.page,
        page_size=request.page_size,
        next_cursor=result.next_cursor,
        stats_complete=stats.columns is not None,
        took_ms=round((time.perf_counter() - started) * 1000, 1),
    )


def parse_params(params: Params, columns: Mapping[str, Any]) -> PreviewRequest:
    """The preview a query string asks for; unknown parameters are ignored.

    ``params`` is a mapping of names to a value or a list of values; a Django
    ``QueryDict`` gives every value of a repeated parameter."""
    pairs = params.lists() if hasattr(params, "lists") else params.items()
    values = {key: _as_list(value) for key, value in pairs}
    filters = {k: v for k, v in values.items() if k in columns and v}  # empty: unset
    sort = None
    for key, direction in (("_sort", "asc"), ("_sort_desc", "desc")):
        if values.get(key):
            name = values[key][0]
            if name not in columns:
                raise QueryError("unknown_field", field=name)
            sort = (name, direction)
    return PreviewRequest(
        filters=filters,
        sort=sort,
        search=(values.get("_search") or [""])[0].strip(),
        page=_bounded(values.get("_page"), 1, 1, 1_000_000),
        page_size=_bounded(values.get("_size"), PAGE_SIZE, 1, MAX_PAGE_SIZE),
        after=(values.get("_next") or [None])[0] or None,
    )


def preview_query(table_id: str, request: PreviewRequest) -> TableQuery:
    """The query a preview request makes (exports reuse it: they ignore paging)."""
    filters = [
        Filter(name, "eq", items[0]) if len(items) == 1 else Filter(name, "in", items)
        for name, items in request.filters.items()
    ]
    offset = 0 if request.after else (request.page - 1) * request.page_size
    return TableQuery(
        table_id,
        filters=filters,
        q=request.search or None,
        sort=[request.sort] if request.sort else [],
        limit=request.page_size,
        offset=offset,
        after=request.after,
    )


@dataclass(frozen=True)
class _Stats:
    total: int  # filtered rows
    columns: dict[str, tuple[Any, int | None]] | None  # (sum, distinct); None: slow


def _stats(
    sandbox: Sandbox,
    table_id: str,
    query: TableQuery,
    columns: Mapping[str, Field],
    limits: Limits,
    seconds: float,
) -> _Stats:
    """The filtered rows' count, and per column its sum (numbers) and approximate
    distinct values, in one pass; only the count when that pass is too slow."""
    path = sandbox.tables[table_id]
    key = (str(path), path.stat().st_mtime_ns, repr(query.filters), query.q)
    if (cached := _STATS_CACHE.get(key)) is not None:
        return cached
    where = where_clause(query.filters, query.q, columns, limits)
    names = list(columns)
    parts = ["count(*)"] + [_sum_sql(columns[name]) for name in names]
    parts += [f"approx_count_distinct({quote_identifier(name)})" for name in names]
    view = quote_identifier(table_id)
    sql = f"SELECT {', '.join(parts)} FROM {view} WHERE {where.sql}"  # noqa: S608 (quoted names, bound values)
    try:
        with sandbox.session(seconds) as session:
            row = session.fetch(sql, where.params)[1][0]
    except QueryError as error:
        if error.code not in ("timeout", "out_of_memory"):
            raise
        with sandbox.session() as session:
            count = f"SELECT count(*) FROM {view} WHERE {where.sql}"  # noqa: S608 (quoted names, bound values)
            return _Stats(session.fetch(count, where.params)[1][0][0], None)
    width = len(names)
    per_column = {n: (row[1 + i], row[1 + width + i]) for i, n in enumerate(names)}
    stats = _Stats(row[0], per_column)
    _STATS_CACHE.put(key, stats)
    return stats


def _sum_sql(field: Field) -> str:
    if field.type in NUMERIC:
        return f"sum({quote_identifier(field.name)})"
    return "NULL"


def _preview_columns(
    columns: Mapping[str, Field],
    stats: Mapping[str, tuple[Any, int | None]] | None,
    schema: Mapping[str, Any] | None,
) -> list[PreviewColumn]:
    titles = {
        item.get("name"): item.get("title") or item.get("name")
        for item in (schema or {}).get("fields", [])
        if isinstance(item, Mapping)
    }
    return [
        PreviewColumn(
            name=field.name,
            title=str(titles.get(field.name) or field.name),
            type=field.type,
            ckan_type=ckan_type(field.type),
            sum=stats[field.name][0] if stats else None,
            distinct=stats[field.name][1] if stats else None,
        )
        for field in columns.values()
    ]


def _as_list(value: str | Sequence[str]) -> list[str]:
    """The non-empty values of a parameter (a plain form sends empty fields)."""
    items = [value] if isinstance(value, str) else [str(item) for item in value]
    return [item for item in items if item.strip()]


def _bounded(values: list[str] | None, default: int, low: int, high: int) -> int:
    try:
        number = int(values[0]) if values else default
    except ValueError:
        number = default
    return min(max(number, low), high)


class _LruCache:
    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._items: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> Any:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        return None

    def put(self, key: Any, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)


_STATS_CACHE = _LruCache(STATS_CACHE_SIZE)
