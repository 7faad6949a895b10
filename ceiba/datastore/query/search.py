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

from ceiba.datastore.query.cursors import encode_cursor
from ceiba.datastore.query.errors import QueryError
from ceiba.datastore.query.fieldtypes import Field
from ceiba.datastore.query.plan import (
    Plan,
    hidden_key,
    page_statement,
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
    shared_pool,
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
    with sandbox.session() as session:
        rows, next_cursor = fetch_page(session, plan, query, limits)
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
