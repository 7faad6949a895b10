"""From the query string of ``/tables/{id}/rows`` to a ``TableQuery``.

- ``filter=<column>:<operator>:<value>`` (repeat for AND): ``anio:gte:2020``,
  ``municipio:in:Mixco,Cobán``, ``nota:contains:agua``, ``monto:isnull:false``;
- ``sort=<column>`` or ``sort=-<column>`` (descending), repeated or comma-separated;
- ``fields``, ``group_by``: column names, repeated or comma-separated;
- ``aggregate=count`` or ``<function>:<column>`` (count, sum, avg, min, max).

Everything named is checked against the table by the query layer, which refuses
unknown columns and operators with a ``QueryError`` saying which.
"""

import math
from collections.abc import Collection, Sequence
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import Field

from ceiba.api.v1.params import split_names
from ceiba.datastore.query import DEFAULT_LIMITS, OPERATORS, Filter, QueryError
from ceiba.datastore.query.tablequery import Aggregate, SortKey, TableQuery

Name = Annotated[str, Field(min_length=1, max_length=300)]
FORMATS = ("json", "csv", "xlsx", "parquet")


class RowsQuery(Schema):
    filter: list[Annotated[str, Field(min_length=1, max_length=1_000)]] = Field(
        [],
        max_length=20,
        description="`column:operator:value`; operators: "
        + ", ".join(OPERATORS)
        + ". `in` takes comma-separated values; `isnull` takes true or false.",
    )
    q: str = Field("", max_length=200, description="Words to find in text columns.")
    fields: list[Name] = Field([], max_length=200, description="Columns to return.")
    sort: list[Name] = Field(
        [], max_length=20, description="Columns to sort by; `-column` descending."
    )
    group_by: list[Name] = Field([], max_length=20, description="Columns to group by.")
    aggregate: list[Name] = Field(
        [],
        max_length=20,
        description="`count`, or `function:column` with sum, avg, min, max, count.",
    )
    distinct: bool = Field(False, description="Distinct rows of the chosen fields.")
    page_size: int = Field(100, ge=0, le=DEFAULT_LIMITS.max_rows)
    cursor: str | None = Field(
        None, min_length=1, max_length=2_000, description="`next_cursor` of a page."
    )
    total: bool = Field(True, description="Count the matching rows.")
    format: Literal["json", "csv", "xlsx", "parquet"] = Field(
        "json",
        description="json: one page; csv, xlsx, parquet: every matching row, "
        "streamed as a file (page_size and cursor are ignored).",
    )


def parse_filter(text: str) -> Filter:
    column, has_op, rest = text.partition(":")
    op, has_value, value = rest.partition(":")
    if not column or not has_op:
        raise QueryError("invalid_argument", argument="filter")
    if op not in OPERATORS:
        raise QueryError("invalid_operator", op=op[:50], field=column[:200])
    if op == "isnull":
        return Filter(column, op, value or "true")
    if not has_value:
        raise QueryError("invalid_argument", argument="filter")
    return Filter(column, op, value.split(",") if op == "in" else value)


def parse_sort(values: Sequence[str], known: Collection[str]) -> list[SortKey]:
    keys: list[SortKey] = []
    for name in split_names(values, known):
        if name not in known and name.startswith("-"):
            keys.append((name[1:], "desc"))
        else:
            keys.append((name, "asc"))
    return keys


def parse_aggregates(values: Sequence[str]) -> list[Aggregate]:
    aggregates: list[Aggregate] = []
    for item in split_names(values):
        function, _, column = item.partition(":")
        aggregates.append((function, column or None))
    return aggregates


def table_query(table_id: str, params: RowsQuery, known: Collection[str]) -> TableQuery:
    fields = split_names(params.fields, known)
    return TableQuery(
        table_id,
        filters=[parse_filter(text) for text in params.filter],
        q=params.q.replace("\x00", "") or None,
        fields=fields or None,
        sort=parse_sort(params.sort, known),
        limit=params.page_size,
        after=params.cursor,
        distinct=params.distinct,
        group_by=split_names(params.group_by, known),
        aggregates=parse_aggregates(params.aggregate),
        include_total=params.total,
    )


def plain(value: Any) -> Any:
    """A value JSON can carry: NaN and infinities become null, decimals numbers."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Decimal):
        return float(value) if value.is_finite() else None
    if isinstance(value, bytes | bytearray):
        return value.hex()
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    return value


def plain_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{key: plain(value) for key, value in row.items()} for row in rows]
