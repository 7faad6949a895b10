"""The dataset page's preview: query-string filters and order, pages, sums,
distinct counts and column types."""

import pytest

from ceiba.datastore.query import QueryError, preview_table
from ceiba.datastore.query.preview import parse_params
from ceiba.datastore.query.sandbox import Sandbox
from tests.datastore.conftest import BUDGET
from tests.datastore.test_search import INDEXED, python_sorted

TABLE = "presupuesto-2024"
SCHEMA = {
    "fields": [
        {"name": "municipio", "title": "Municipio", "type": "string"},
        {"name": "monto", "title": "Monto aprobado (Q)", "type": "number"},
    ]
}


def preview(tables, pool, **params):
    return preview_table(TABLE, tables, params, schema=SCHEMA, pool=pool)


def test_a_first_page_with_types_titles_sums_and_distinct_counts(tables, pool):
    page = preview(tables, pool)
    assert page.rows == BUDGET[:25] and page.total == len(BUDGET)
    assert page.page == 1 and page.page_size == 25 and page.next_cursor
    columns = {c.name: c for c in page.columns}
    assert columns["monto"].title == "Monto aprobado (Q)"
    assert columns["anio"].title == "anio"
    assert (columns["monto"].type, columns["monto"].ckan_type) == ("number", "numeric")
    assert columns["monto"].sum == pytest.approx(
        sum(r["monto"] for r in BUDGET if r["monto"] is not None)
    )
    assert columns["anio"].sum == sum(r["anio"] for r in BUDGET if r["anio"])
    assert columns["municipio"].sum is None
    assert columns["departamento_codigo"].distinct == 4
    assert columns["municipio"].distinct == 10
    assert page.stats_complete


def test_filters_and_order_come_from_the_query_string(tables, pool):
    page = preview(
        tables, pool, departamento_codigo="01", _sort_desc="monto", _size="5"
    )
    rows = [r for r in INDEXED if r["departamento_codigo"] == "01"]
    assert page.rows == python_sorted(rows, [("monto", "desc")])[:5]
    assert page.total == len(rows) and page.filters == {"departamento_codigo": ["01"]}
    assert page.sort == ("monto", "desc")
    monto = next(c for c in page.columns if c.name == "monto")
    assert monto.sum == pytest.approx(sum(r["monto"] or 0 for r in rows))
    assert (
        next(c for c in page.columns if c.name == "departamento_codigo").distinct == 1
    )


def test_a_column_given_twice_means_either_value(tables, pool):
    page = preview(tables, pool, anio=["2019", "2020"], _size="500")
    assert page.rows == [r for r in BUDGET if r["anio"] in (2019, 2020)]


def test_a_django_query_dict_keeps_repeated_parameters(tables, pool):
    from django.http import QueryDict

    params = QueryDict("anio=2019&anio=2020&_size=500&municipio=")
    page = preview_table(TABLE, tables, params, pool=pool)
    assert page.filters == {"anio": ["2019", "2020"]}
    assert page.rows == [r for r in BUDGET if r["anio"] in (2019, 2020)]


def test_pages_by_number_and_by_cursor_agree(tables, pool):
    second = preview(tables, pool, _sort="municipio", _page="2", _size="10")
    first = preview(tables, pool, _sort="municipio", _size="10")
    by_cursor = preview(
        tables, pool, _sort="municipio", _size="10", _next=first.next_cursor
    )
    assert (
        second.rows
        == by_cursor.rows
        == python_sorted(INDEXED, [("municipio", "asc")])[10:20]
    )


def test_search_and_unknown_parameters(tables, pool):
    page = preview(tables, pool, _search="cobán", utm_source="x", _size="abc")
    assert page.page_size == 25 and page.search == "cobán"
    assert {r["municipio"] for r in page.rows} == {"Cobán"}


def test_bad_values_are_reported(tables, pool):
    with pytest.raises(QueryError) as caught:
        preview(tables, pool, anio="dos mil")
    assert caught.value.code == "invalid_value"
    with pytest.raises(QueryError) as caught:
        preview(tables, pool, _sort="alcalde")
    assert caught.value.code == "unknown_field"


def test_statistics_that_take_too_long_are_left_out(tables, pool, monkeypatch):
    from ceiba.datastore.query import preview as module

    monkeypatch.setattr(module, "_STATS_CACHE", module._LruCache(1))

    def slow_sum(field):
        return "(SELECT count(*) FROM range(100000000) a, range(100000000) b)"

    monkeypatch.setattr(module, "_sum_sql", slow_sum)
    page = preview_table(TABLE, tables, {}, pool=pool, stats_seconds=0.2)
    assert not page.stats_complete and page.rows == BUDGET[:25]
    assert page.total == len(BUDGET)
    assert all(c.sum is None and c.distinct is None for c in page.columns)


def test_parse_params_bounds_sizes_and_pages(tables, limits):
    columns = Sandbox(tables, limits).columns(TABLE)
    request = parse_params({"_size": "100000", "_page": "-3", "anio": ""}, columns)
    assert (request.page_size, request.page, request.filters) == (500, 1, {})
