"""From a checked ``TableQuery`` to SQL: quoted identifiers and bound values only.

Three shapes of query:

- rows: the table's rows, ordered by the sort keys then by the Parquet row number,
  paged by keyset (the page query also selects hidden copies of the sort keys and
  the row number, for the next cursor); a sorted page is found by its row numbers
  first and its rows read after (``two_steps``), so only the page is decoded;
- distinct: distinct combinations of the chosen columns;
- groups: ``GROUP BY`` with count/sum/avg/min/max.

Distinct values and groups are ordered by the sort keys then by every output
column, so their pages are stable too, and paged by offset.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ceiba.datastore.query.cursors import (
    decode_cursor,
    keyset_condition,
    keyset_values,
    offset_value,
    signature,
)
from ceiba.datastore.query.errors import QueryError
from ceiba.datastore.query.fieldtypes import NUMERIC, ORDERED, Field
from ceiba.datastore.query.filters import Condition, where_clause
from ceiba.datastore.query.sandbox import ROW_ID, Limits, quote_identifier
from ceiba.datastore.query.tablequery import AGGREGATES, DIRECTIONS, TableQuery

KEY_PREFIX = "__ceiba_k"


@dataclass(frozen=True)
class Plan:
    source: str  # a SELECT of the output columns (and hidden ones, for rows)
    params: tuple[Any, ...]
    output: list[Field]
    sort: list[tuple[Field, str]]
    rows: bool  # keyset-paged rows (else distinct values or groups)
    sign: str  # what a cursor of this query must carry
    view: str
    where: Condition
    select: str = ""


def plan_query(query: TableQuery, columns: Mapping[str, Field], limits: Limits) -> Plan:
    view = quote_identifier(query.table_id)
    where = where_clause(query.filters, query.q, columns, limits)
    sign = signature(
        query.table_id,
        [(f.field, f.op, f.value) for f in query.filters],
        query.q,
        list(query.sort),
        query.distinct,
        list(query.group_by),
        list(query.aggregates),
    )
    select, output, sort = _select(query, columns)
    source = f"SELECT {select} FROM {view} WHERE {where.sql}"  # noqa: S608 (quoted names, bound values)
    if query.grouped and query.group_by:
        groups = ", ".join(quote_identifier(name) for name in query.group_by)
        source = f"{source} GROUP BY {groups}"
    rows = not (query.grouped or query.distinct)
    return Plan(source, where.params, output, sort, rows, sign, view, where, select)


def plan_on_copy(plan: Plan, view: str) -> Plan:
    """The same rows query read from a sorted copy (see ``sortcopy.py``), whose
    row numbers are a column of the same name."""
    source = f"SELECT {plan.select} FROM {view} WHERE {plan.where.sql}"  # noqa: S608 (quoted names, bound values)
    return replace(plan, source=source, view=view)


def _select(
    query: TableQuery, columns: Mapping[str, Field]
) -> tuple[str, list[Field], list[tuple[Field, str]]]:
    """The select list, the output fields and the sort keys of a query."""
    if query.grouped:
        output, select = _grouped_output(query, columns)
        return select, output, _sort_keys(query.sort, {f.name: f for f in output})
    output = _chosen(query.fields, columns)
    visible = [quote_identifier(f.name) for f in output]
    if query.distinct:
        sort = _sort_keys(query.sort, {f.name: f for f in output})
        return "DISTINCT " + ", ".join(visible), output, sort
    sort = _sort_keys(query.sort, columns)
    hidden = [
        f"{quote_identifier(field.name)} AS {quote_identifier(hidden_key(i))}"
        for i, (field, _) in enumerate(sort)
    ]
    return ", ".join([*visible, *hidden, ROW_ID]), output, sort


def page_statement(
    plan: Plan,
    *,
    limit: int,
    offset: int,
    after: str | None,
    window: Sequence[tuple[str, Any]] | None = None,
) -> tuple[str, tuple[Any, ...], int]:
    """One page plus one row (which says whether there is a next page), and the
    page's offset (from ``after`` for distinct values and groups).

    Sorted rows come in two steps (see ``rows_statement``): this statement then
    selects only the sort keys and row numbers, so the sort reads few columns.
    A ``window`` of bounds (operator, value) on the first sort key is for
    sorted copies: it bounds the rows read, and the page is read in one step."""
    if after and offset:
        raise QueryError("invalid_argument", argument="offset")
    params = plan.params
    condition = "TRUE"
    if after and plan.rows:
        payload = decode_cursor(after, plan.sign)
        values, row = keyset_values(payload, [field for field, _ in plan.sort])
        keyset = keyset_condition(_key_expressions(plan), values, row)
        condition, params = keyset.sql, params + keyset.params
    elif after:
        offset = offset_value(decode_cursor(after, plan.sign))
    if window is not None:
        first_key = quote_identifier(hidden_key(0))
        for operator, value in window:
            condition = f"({condition}) AND {first_key} {operator} ?"
            params = (*params, value)
    columns = "*"
    if two_steps(plan) and window is None:
        keys = [quote_identifier(hidden_key(i)) for i in range(len(plan.sort))]
        columns = ", ".join([*keys, ROW_ID])
    sql = (
        f"SELECT {columns} FROM ({plan.source}) AS page WHERE {condition} "  # noqa: S608 (quoted names, bound values)
        f"ORDER BY {order_by(plan)} LIMIT {int(limit) + 1} OFFSET {int(offset)}"
    )
    return sql, params, offset


def two_steps(plan: Plan) -> bool:
    """Whether a page of ``plan`` is found first and its rows read after.

    Sorting by a column means reading that column in every matching row; reading
    every column too would decode the whole table. So the page's row numbers are
    found first and then only those rows are read (``rows_statement``). Rows in
    file order need no sort and are read at once."""
    return plan.rows and bool(plan.sort)


def rows_statement(plan: Plan, row_ids: Sequence[int]) -> str:
    """The visible columns (then the row number) of the rows ``row_ids``.

    The range lets DuckDB skip row groups by their statistics; the ids are the
    integers the first step returned, written as literals."""
    ids = [int(row_id) for row_id in row_ids]
    visible = [quote_identifier(f.name) for f in plan.output]
    return (
        f"SELECT {', '.join([*visible, ROW_ID])} FROM {plan.view} "  # noqa: S608 (quoted names, integer literals)
        f"WHERE {ROW_ID} BETWEEN {min(ids)} AND {max(ids)} "
        f"AND {ROW_ID} IN ({', '.join(map(str, ids))})"
    )


def full_statement(plan: Plan) -> tuple[str, tuple[Any, ...]]:
    """Every row of the query, in order, without hidden columns (for exports)."""
    visible = ", ".join(quote_identifier(f.name) for f in plan.output)
    order = order_by(plan)
    sql = f"SELECT {visible} FROM ({plan.source}) AS result ORDER BY {order}"  # noqa: S608 (quoted names, bound values)
    return sql, plan.params


def total_statement(plan: Plan) -> tuple[str, tuple[Any, ...]]:
    if plan.rows:
        sql = f"SELECT count(*) FROM {plan.view} WHERE {plan.where.sql}"  # noqa: S608 (quoted names, bound values)
    else:
        sql = f"SELECT count(*) FROM ({plan.source}) AS result"  # noqa: S608 (quoted names, bound values)
    return sql, plan.params


def order_by(plan: Plan) -> str:
    keys = [
        f"{expr} {direction.upper()} NULLS LAST"
        for expr, direction in _key_expressions(plan)
    ]
    if plan.rows:
        return ", ".join([*keys, ROW_ID])
    sorted_names = {field.name for field, _ in plan.sort}
    rest = [
        f"{quote_identifier(f.name)} ASC NULLS LAST"
        for f in plan.output
        if f.name not in sorted_names
    ]
    return ", ".join([*keys, *rest])


def hidden_key(index: int) -> str:
    return f"{KEY_PREFIX}{index}"


def _key_expressions(plan: Plan) -> list[tuple[str, str]]:
    """Sort keys as columns of the plan's source (hidden copies for rows)."""
    if plan.rows:
        return [
            (quote_identifier(hidden_key(i)), d) for i, (_, d) in enumerate(plan.sort)
        ]
    return [(quote_identifier(field.name), d) for field, d in plan.sort]


def _chosen(names: Sequence[str] | None, columns: Mapping[str, Field]) -> list[Field]:
    if names is None:
        return list(columns.values())
    if not names or len(set(names)) != len(names):
        raise QueryError("invalid_argument", argument="fields")
    return [_column(name, columns) for name in names]


def _column(name: str, columns: Mapping[str, Field]) -> Field:
    if name not in columns:
        raise QueryError("unknown_field", field=name)
    return columns[name]


def _sort_keys(
    sort: Sequence[tuple[str, str]], columns: Mapping[str, Field]
) -> list[tuple[Field, str]]:
    keys = []
    for item in sort:
        name, direction = (item, "asc") if isinstance(item, str) else item
        if direction not in DIRECTIONS:
            raise QueryError("invalid_argument", argument="sort")
        keys.append((_column(name, columns), direction))
    if len({field.name for field, _ in keys}) != len(keys):
        raise QueryError("invalid_argument", argument="sort")
    return keys


def _grouped_output(
    query: TableQuery, columns: Mapping[str, Field]
) -> tuple[list[Field], str]:
    """Output fields and select list of a grouped query."""
    if query.fields is not None or query.distinct:
        raise QueryError("invalid_argument", argument="fields")
    groups = [_column(name, columns) for name in query.group_by]
    output = list(groups)
    select = [quote_identifier(f.name) for f in groups]
    for function, name in query.aggregates:
        field, expression = _aggregate(function, name, columns)
        output.append(field)
        select.append(f"{expression} AS {quote_identifier(field.name)}")
    if not output or len({f.name for f in output}) != len(output):
        raise QueryError("invalid_argument", argument="aggregates")
    return output, ", ".join(select)


def _aggregate(
    function: str, name: str | None, columns: Mapping[str, Field]
) -> tuple[Field, str]:
    if function not in AGGREGATES:
        raise QueryError("invalid_argument", argument="aggregates")
    if function == "count" and name is None:
        return Field("count", "integer", "BIGINT"), "count(*)"
    column = _column(str(name), columns)
    allowed = NUMERIC if function in ("sum", "avg") else ORDERED | {"boolean"}
    if function != "count" and column.type not in allowed:
        raise QueryError("invalid_operator", op=function, field=column.name)
    kind = {"count": "integer", "avg": "number"}.get(function, column.type)
    expression = f"{function}({quote_identifier(column.name)})"
    return Field(f"{function}_{column.name}", kind, ""), expression
