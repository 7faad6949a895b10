"""Structured queries over one table: filters, text search, columns, order, pages,
distinct values and groups, answered from the table's Parquet file by DuckDB.

    run_query(TableQuery("3f…", filters=[Filter("anio", "gte", 2020)],
                         sort=[("monto", "desc")], limit=50), tables)

``tables`` maps the ids of the tables that exist to their Parquet files. Queries run
in a pooled sandbox (see ``sandbox.py``): the SQL is this package's own, built from
checked names and bound values.
"""

import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ceiba.datastore.query.cursors import decode_cursor, encode_cursor, keyset_values
from ceiba.datastore.query.errors import QueryError
from ceiba.datastore.query.fieldtypes import Field
from ceiba.datastore.query.plan import (
    Plan,
    hidden_key,
    page_statement,
    plan_on_copy,
    plan_query,
    rows_statement,
    total_statement,
    two_steps,
)
from ceiba.datastore.query.sandbox import (
    DEFAULT_LIMITS,
    ROW_ID,
    Limits,
    Sandbox,
    SandboxPool,
    Session,
    check_size,
    quote_identifier,
    shared_pool,
)
from ceiba.datastore.query.sortcopy import (
    SortedCopy,
    find_sorted_copy,
    request_sorted_copy,
)
from ceiba.datastore.query.tablequery import QueryResult, TableQuery


def run_query(
    query: TableQuery,
    tables: Mapping[str, Path],
    limits: Limits = DEFAULT_LIMITS,
    *,
    pool: SandboxPool | None = None,
) -> QueryResult:
    """One page of ``query``'s result, its fields, its total when asked, and the
    cursor of the next page (None on the last one)."""
    started = time.perf_counter()
    _check_page(query, limits)
    sandbox = table_sandbox(query.table_id, tables, limits, pool)
    plan = plan_query(query, sandbox.columns(query.table_id), limits)
    copy = _sorted_copy(plan, tables[query.table_id])
    if copy is not None:
        copies = {_copy_view(copy): copy.path}
        sandbox = (pool or shared_pool()).get(
            {query.table_id: tables[query.table_id]}, limits, copies
        )
    with sandbox.session() as session:
        page = _page_from_copy(session, plan, query, copy) if copy else None
        rows, next_cursor = page or fetch_page(session, plan, query, limits)
        total = count_rows(session, plan) if query.include_total else None
    return QueryResult(
        fields=[field.as_dict() for field in plan.output],
        rows=rows,
        total=total,
        next_cursor=next_cursor,
        took_ms=round((time.perf_counter() - started) * 1000, 1),
    )


def table_columns(
    table_id: str,
    tables: Mapping[str, Path],
    limits: Limits = DEFAULT_LIMITS,
    *,
    pool: SandboxPool | None = None,
) -> list[Field]:
    """The table's columns with their types (for ``datastore_info``)."""
    sandbox = table_sandbox(table_id, tables, limits, pool)
    return list(sandbox.columns(table_id).values())


def table_sandbox(
    table_id: str,
    tables: Mapping[str, Path],
    limits: Limits,
    pool: SandboxPool | None = None,
) -> Sandbox:
    if table_id not in tables:
        raise QueryError("unknown_table", table=table_id)
    return (pool or shared_pool()).get({table_id: tables[table_id]}, limits)


def fetch_page(
    session: Session, plan: Plan, query: TableQuery, limits: Limits
) -> tuple[list[dict[str, Any]], str | None]:
    """The page's rows (visible columns only) and the next page's cursor."""
    sql, params, offset = page_statement(
        plan, limit=query.limit, offset=query.offset, after=query.after
    )
    names, records = session.fetch(sql, params)
    more = len(records) > query.limit
    records = records[: query.limit]
    rows = _page_rows(session, plan, names, records)
    check_size((row.values() for row in rows), limits)
    if not (more and records):
        return rows, None
    if not plan.rows:
        return rows, encode_cursor(plan.sign, o=offset + query.limit)
    return rows, _next_cursor(plan, names, records[-1])


def _page_rows(
    session: Session, plan: Plan, names: list[str], records: list[tuple[Any, ...]]
) -> list[dict[str, Any]]:
    """The page as dictionaries, reading its rows now if the page query found
    only their numbers."""
    visible = [field.name for field in plan.output]
    if not two_steps(plan):
        width = len(visible)
        return [dict(zip(visible, r[:width], strict=True)) for r in records]
    if not records:
        return []
    position = names.index(ROW_ID)
    row_ids = [record[position] for record in records]
    _, fetched = session.fetch(rows_statement(plan, row_ids))
    by_id = {record[-1]: record[:-1] for record in fetched}
    return [dict(zip(visible, by_id[row_id], strict=True)) for row_id in row_ids]


def _sorted_copy(plan: Plan, table: Path) -> SortedCopy | None:
    """The copy of the table sorted by the query's first sort key, if any; a big
    table gets one built for next time."""
    if not two_steps(plan):
        return None
    column = plan.sort[0][0].name
    copy = find_sorted_copy(table, column)
    if copy is None:
        request_sorted_copy(table, column)
    return copy


def _copy_view(copy: SortedCopy) -> str:
    return f"sorted:{copy.path.name}"


def _page_from_copy(
    session: Session, plan: Plan, query: TableQuery, copy: SortedCopy
) -> tuple[list[dict[str, Any]], str | None] | None:
    """The page read from growing windows of the sorted copy; None when no
    window holds more rows than the page (then the table itself answers)."""
    on_copy = plan_on_copy(plan, quote_identifier(_copy_view(copy)))
    direction = plan.sort[0][1]
    after = None
    if query.after:
        values, _ = keyset_values(
            decode_cursor(query.after, plan.sign), [f for f, _ in plan.sort]
        )
        if values[0] is None:
            return None  # among the empty cells, which no window holds
        after = values[0]
    try:
        windows = copy.windows(direction, after)
    except TypeError:  # a cursor value that does not compare with the column
        return None
    for window in windows:
        sql, params, _ = page_statement(
            on_copy,
            limit=query.limit,
            offset=query.offset,
            after=query.after,
            window=window,
        )
        names, records = session.fetch(sql, params)
        if len(records) > query.limit:
            width = len(plan.output)
            visible = [field.name for field in plan.output]
            rows = [
                dict(zip(visible, r[:width], strict=True))
                for r in records[: query.limit]
            ]
            check_size((row.values() for row in rows), session.limits)
            last = records[query.limit - 1] if query.limit else None
            cursor = _next_cursor(plan, names, last) if last else None
            return rows, cursor
    return None


def count_rows(session: Session, plan: Plan) -> int:
    sql, params = total_statement(plan)
    _, records = session.fetch(sql, params)
    return int(records[0][0])


def _next_cursor(plan: Plan, names: list[str], last: tuple[Any, ...]) -> str:
    by_name = dict(zip(names, last, strict=True))
    keys = [by_name[hidden_key(i)] for i in range(len(plan.sort))]
    return encode_cursor(plan.sign, k=keys, r=by_name[ROW_ID])


def _check_page(query: TableQuery, limits: Limits) -> None:
    if not isinstance(query.limit, int) or query.limit < 0:
        raise QueryError("invalid_argument", argument="limit")
    if not isinstance(query.offset, int) or query.offset < 0:
        raise QueryError("invalid_argument", argument="offset")
    if query.limit > limits.max_rows:
        raise QueryError("too_many_rows", limit=limits.max_rows)
