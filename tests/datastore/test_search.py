"""Structured queries: columns, order, pages, totals, distinct values and groups,
checked against plain Python computations on the same rows."""

from functools import cmp_to_key
from typing import Any

import pytest

from ceiba.datastore.query import (
    Filter,
    Limits,
    QueryError,
    TableQuery,
    ckan_type,
    run_query,
    table_columns,
)
from tests.datastore.conftest import BUDGET

TABLE = "presupuesto-2024"
INDEXED = [dict(row, _i=i) for i, row in enumerate(BUDGET)]


def python_sorted(rows: list[dict], sort: list[tuple[str, str]]) -> list[dict]:
    """ORDER BY sort NULLS LAST, then file order."""

    def compare(a: dict, b: dict) -> int:
        for name, direction in sort:
            x, y = a[name], b[name]
            if x == y:
                continue
            if x is None or y is None:
                return 1 if x is None else -1
            before = x < y if direction == "asc" else x > y
            return -1 if before else 1
        return a["_i"] - b["_i"]

    return [
        {k: v for k, v in r.items() if k != "_i"}
        for r in sorted(rows, key=cmp_to_key(compare))
    ]


def query(tables, pool, **options: Any):
    return run_query(TableQuery(TABLE, **options), tables, pool=pool)


def test_fields_are_named_and_typed_in_both_vocabularies(tables, pool):
    result = query(tables, pool, limit=1)
    assert result.fields[:5] == [
        {"name": "departamento_codigo", "type": "string"},
        {"name": "municipio_codigo", "type": "string"},
        {"name": "municipio", "type": "string"},
        {"name": "anio", "type": "integer"},
        {"name": "monto", "type": "number"},
    ]
    ckan = {f.name: ckan_type(f.type) for f in table_columns(TABLE, tables, pool=pool)}
    assert ckan == {
        "departamento_codigo": "text",
        "municipio_codigo": "text",
        "municipio": "text",
        "anio": "int",
        "monto": "numeric",
        "fecha": "date",
        "aprobado": "bool",
        "actualizado": "timestamp",
        "nota": "text",
    }


def test_codes_keep_their_leading_zeros(tables, pool):
    row = query(tables, pool, limit=1).rows[0]
    assert row["departamento_codigo"] == "01" and row["municipio_codigo"] == "0101"


def test_chosen_fields_come_in_the_order_asked(tables, pool):
    result = query(tables, pool, fields=["monto", "municipio"], limit=3)
    assert [f["name"] for f in result.fields] == ["monto", "municipio"]
    assert result.rows == [
        {"monto": r["monto"], "municipio": r["municipio"]} for r in BUDGET[:3]
    ]


SORTS = [
    [],
    [("monto", "desc")],
    [("monto", "asc")],
    [("anio", "asc"), ("monto", "desc")],
    [("municipio", "asc")],
    [("departamento_codigo", "asc")],
    [("fecha", "desc"), ("aprobado", "asc")],
    [("aprobado", "desc"), ("anio", "desc"), ("actualizado", "asc")],
]


@pytest.mark.parametrize("sort", SORTS, ids=[str(s) for s in SORTS])
def test_rows_are_sorted_with_empty_cells_last(tables, pool, sort):
    result = query(tables, pool, sort=sort, limit=1000)
    assert result.rows == python_sorted(INDEXED, sort)


@pytest.mark.parametrize("sort", SORTS, ids=[str(s) for s in SORTS])
@pytest.mark.parametrize("filters", [[], [Filter("departamento_codigo", "ne", "09")]])
def test_keyset_pages_equal_offset_pages(tables, pool, sort, filters):
    by_cursor, after = [], None
    while True:
        page = query(tables, pool, sort=sort, filters=filters, limit=7, after=after)
        by_cursor.extend(page.rows)
        after = page.next_cursor
        if after is None:
            break
        assert len(page.rows) == 7
    by_offset, offset = [], 0
    while rows := query(
        tables, pool, sort=sort, filters=filters, limit=7, offset=offset
    ).rows:
        by_offset.extend(rows)
        offset += 7
    assert by_cursor == by_offset
    whole = query(tables, pool, sort=sort, filters=filters, limit=1000).rows
    assert by_cursor == whole and len(whole) > 100


def test_the_last_page_has_no_cursor(tables, pool):
    result = query(tables, pool, limit=len(BUDGET))
    assert len(result.rows) == len(BUDGET) and result.next_cursor is None


def test_totals_count_the_filtered_rows(tables, pool):
    result = query(
        tables, pool, filters=[Filter("anio", "eq", 2020)], limit=0, include_total=True
    )
    assert result.rows == [] and result.total == sum(r["anio"] == 2020 for r in BUDGET)
    assert query(tables, pool, limit=5).total is None


@pytest.mark.parametrize("after", ["nonsense", "eyJzIjoiMSJ9", "eyJzIjogMX0", "e30"])
def test_a_foreign_or_broken_cursor_is_refused(tables, pool, after):
    with pytest.raises(QueryError) as caught:
        query(tables, pool, after=after)
    assert caught.value.code == "invalid_cursor"


def test_a_cursor_belongs_to_its_query(tables, pool):
    cursor = query(tables, pool, sort=[("monto", "desc")], limit=5).next_cursor
    with pytest.raises(QueryError) as caught:
        query(tables, pool, sort=[("monto", "asc")], after=cursor)
    assert caught.value.code == "invalid_cursor"
    with pytest.raises(QueryError) as caught:
        query(tables, pool, sort=[("monto", "desc")], after=cursor, offset=5)
    assert caught.value.code == "invalid_argument"


def python_groups(keys: list[str]) -> dict[tuple, dict[str, Any]]:
    groups: dict[tuple, list[dict]] = {}
    for row in BUDGET:
        groups.setdefault(tuple(row[k] for k in keys), []).append(row)
    result = {}
    for key, rows in groups.items():
        montos = [r["monto"] for r in rows if r["monto"] is not None]
        result[key] = {
            "count": len(rows),
            "sum_monto": sum(montos) if montos else None,
            "avg_monto": sum(montos) / len(montos) if montos else None,
            "min_fecha": min((r["fecha"] for r in rows if r["fecha"]), default=None),
            "max_anio": max((r["anio"] for r in rows if r["anio"]), default=None),
            "count_municipio": sum(r["municipio"] is not None for r in rows),
        }
    return result


AGGREGATES = [
    ("count", None),
    ("sum", "monto"),
    ("avg", "monto"),
    ("min", "fecha"),
    ("max", "anio"),
    ("count", "municipio"),
]


@pytest.mark.parametrize("keys", [["departamento_codigo"], ["anio", "aprobado"], []])
def test_group_by_aggregates_equal_python(tables, pool, keys):
    result = query(
        tables,
        pool,
        group_by=keys,
        aggregates=AGGREGATES,
        limit=1000,
        include_total=True,
    )
    expected = python_groups(keys)
    assert result.total == len(expected) == len(result.rows)
    for row in result.rows:
        want = expected[tuple(row[k] for k in keys)]
        assert {k: v for k, v in row.items() if k not in keys} == pytest.approx(want)
    names = [f["name"] for f in result.fields]
    assert names == [
        *keys,
        "count",
        "sum_monto",
        "avg_monto",
        "min_fecha",
        "max_anio",
        "count_municipio",
    ]
    types = {f["name"]: f["type"] for f in result.fields}
    assert types["count"] == "integer" and types["avg_monto"] == "number"
    assert types["min_fecha"] == "date"


def test_groups_are_sorted_and_paged(tables, pool):
    options = {
        "group_by": ["municipio_codigo"],
        "aggregates": [("sum", "monto")],
        "sort": [("sum_monto", "desc")],
        "limit": 3,
    }
    pages, after = [], None
    while True:
        page = query(tables, pool, after=after, **options)
        pages.extend(page.rows)
        if not (after := page.next_cursor):
            break
    sums = python_groups(["municipio_codigo"])
    want = sorted(sums, key=lambda k: (-sums[k]["sum_monto"], k))
    assert [(row["municipio_codigo"],) for row in pages] == want


def test_distinct_values(tables, pool):
    result = query(
        tables,
        pool,
        fields=["departamento_codigo"],
        distinct=True,
        sort=[("departamento_codigo", "desc")],
        include_total=True,
    )
    assert result.rows == [{"departamento_codigo": c} for c in ["16", "09", "05", "01"]]
    assert result.total == 4


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ({"fields": ["nada"]}, "unknown_field"),
        ({"fields": ["anio", "anio"]}, "invalid_argument"),
        ({"sort": [("nada", "asc")]}, "unknown_field"),
        ({"sort": [("anio", "up")]}, "invalid_argument"),
        ({"group_by": ["nada"]}, "unknown_field"),
        ({"aggregates": [("median", "monto")]}, "invalid_argument"),
        ({"aggregates": [("sum", "municipio")]}, "invalid_operator"),
        ({"aggregates": [("count", None), ("count", None)]}, "invalid_argument"),
        ({"group_by": ["anio"], "sort": [("monto", "asc")]}, "unknown_field"),
        ({"limit": -1}, "invalid_argument"),
        ({"offset": -1}, "invalid_argument"),
        ({"limit": 10_001}, "too_many_rows"),
    ],
)
def test_bad_queries_are_refused_with_a_code(tables, pool, options, code):
    with pytest.raises(QueryError) as caught:
        query(tables, pool, **options)
    assert caught.value.code == code


def test_an_unknown_table_is_not_found(tables, pool):
    with pytest.raises(QueryError) as caught:
        run_query(TableQuery("otra"), tables, pool=pool)
    assert caught.value.code == "unknown_table" and caught.value.status == 404


def test_a_page_over_the_byte_limit_is_refused(tables, pool):
    with pytest.raises(QueryError) as caught:
        run_query(
            TableQuery(TABLE, limit=100), tables, Limits(max_bytes=1000), pool=pool
        )
    assert caught.value.code == "result_too_large"


def test_page_sizes_are_bounded_by_the_limits(tables, pool):
    result = run_query(
        TableQuery(TABLE, limit=20), tables, Limits(max_rows=20), pool=pool
    )
    assert len(result.rows) == 20 and result.took_ms >= 0
    with pytest.raises(QueryError) as caught:
        run_query(TableQuery(TABLE, limit=21), tables, Limits(max_rows=20), pool=pool)
    assert caught.value.code == "too_many_rows" and caught.value.fields == {"limit": 20}
