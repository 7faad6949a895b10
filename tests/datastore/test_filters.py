"""Every filter operator on every column type, checked against plain Python."""

import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest

from ceiba.datastore.query import Filter, Limits, QueryError, TableQuery, run_query
from tests.datastore.conftest import BUDGET

TABLE = "presupuesto-2024"


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def found(tables, pool, *filters: Filter, q: str | None = None) -> list[dict]:
    query = TableQuery(TABLE, filters=list(filters), q=q, limit=1000)
    return run_query(query, tables, pool=pool).rows


def expected(column: str, test: Callable[[Any], bool]) -> list[dict]:
    return [row for row in BUDGET if test(row[column])]


def present(test: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda value: value is not None and test(value)


CASES = [
    # text
    ("municipio", "eq", "Mixco", present(lambda v: v == "Mixco")),
    ("municipio", "ne", "Mixco", lambda v: v != "Mixco"),
    ("municipio", "in", ["Mixco", "Cobán"], present(lambda v: v in ("Mixco", "Cobán"))),
    ("municipio", "contains", "JOSE", present(lambda v: "jose" in fold(v))),
    ("municipio", "contains", "coban", present(lambda v: "coban" in fold(v))),
    ("municipio_codigo", "startswith", "01", present(lambda v: v.startswith("01"))),
    ("municipio", "lt", "M", present(lambda v: v < "M")),
    ("municipio", "isnull", True, lambda v: v is None),
    ("municipio", "isnull", "false", lambda v: v is not None),
    # integer, typed and from a query string
    ("anio", "eq", 2020, present(lambda v: v == 2020)),
    ("anio", "eq", "2020", present(lambda v: v == 2020)),
    ("anio", "ne", 2020, lambda v: v != 2020),
    ("anio", "lt", 2021, present(lambda v: v < 2021)),
    ("anio", "lte", 2021, present(lambda v: v <= 2021)),
    ("anio", "gt", "2021", present(lambda v: v > 2021)),
    ("anio", "gte", 2021, present(lambda v: v >= 2021)),
    ("anio", "in", [2019, 2023], present(lambda v: v in (2019, 2023))),
    ("anio", "in", "2019,2023", present(lambda v: v in (2019, 2023))),
    ("anio", "isnull", True, lambda v: v is None),
    # number, negatives included
    ("monto", "gt", 0, present(lambda v: v > 0)),
    ("monto", "lte", -125.5, present(lambda v: v <= -125.5)),
    ("monto", "eq", "-1004.0", present(lambda v: v == -1004.0)),
    ("monto", "in", [0, 125.5], present(lambda v: v in (0.0, 125.5))),
    ("monto", "isnull", True, lambda v: v is None),
    # date, ISO and Guatemalan
    ("fecha", "gte", "2020-06-01", present(lambda v: v >= date(2020, 6, 1))),
    ("fecha", "lt", date(2020, 3, 1), present(lambda v: v < date(2020, 3, 1))),
    ("fecha", "eq", "16/01/2020", present(lambda v: v == date(2020, 1, 16))),
    ("fecha", "ne", "2020-01-16", lambda v: v != date(2020, 1, 16)),
    # boolean
    ("aprobado", "eq", True, present(lambda v: v is True)),
    ("aprobado", "eq", "false", present(lambda v: v is False)),
    ("aprobado", "ne", True, lambda v: v is not True),
    ("aprobado", "in", ["sí", "no"], present(lambda v: v in (True, False))),
    ("aprobado", "isnull", True, lambda v: v is None),
    # datetime
    ("actualizado", "gte", "2024-01-05T00:00:00", lambda v: v >= datetime(2024, 1, 5)),
    ("actualizado", "lt", datetime(2024, 1, 3), lambda v: v < datetime(2024, 1, 3)),
    (
        "actualizado",
        "eq",
        "2024-01-01 13:00:00",
        lambda v: v == datetime(2024, 1, 1, 13),
    ),
]


@pytest.mark.parametrize(
    ("column", "op", "value", "test"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES]
)
def test_each_operator_on_each_type(tables, pool, column, op, value, test):
    rows = found(tables, pool, Filter(column, op, value))
    assert rows == expected(column, test)
    assert rows, "every case should match some rows"


def test_filters_combine_with_and(tables, pool):
    rows = found(
        tables,
        pool,
        Filter("departamento_codigo", "eq", "01"),
        Filter("anio", "gte", 2022),
    )
    assert rows == [
        r
        for r in BUDGET
        if r["departamento_codigo"] == "01"
        and r["anio"] is not None
        and r["anio"] >= 2022
    ]


@pytest.mark.parametrize(
    ("q", "words"),
    [
        ("jose pinula", ["jose", "pinula"]),
        ("COBÁN", ["coban"]),
        ("  Agua  ", ["agua"]),
        ("san pinula", ["san", "pinula"]),
        ("0108", ["0108"]),
    ],
)
def test_text_search_ignores_case_and_accents(tables, pool, q, words):
    def matches(row: dict) -> bool:
        texts = [fold(v) for v in row.values() if isinstance(v, str)]
        return all(any(word in text for text in texts) for word in words)

    rows = found(tables, pool, q=q)
    assert rows == [row for row in BUDGET if matches(row)]
    assert rows


def test_a_search_with_quotes_and_percent_signs_is_literal(tables, pool):
    assert found(tables, pool, q="%' OR 1=1 --") == []
    assert found(tables, pool, Filter("municipio", "contains", "_")) == []


@pytest.mark.parametrize(
    ("item", "code", "fields"),
    [
        (Filter("alcalde", "eq", "x"), "unknown_field", {"field": "alcalde"}),
        (Filter("anio", "eq", "dos mil"), "invalid_value", {"field": "anio"}),
        (Filter("anio", "eq", True), "invalid_value", {"field": "anio"}),
        (Filter("anio", "eq", 2**70), "invalid_value", {"field": "anio"}),
        (Filter("anio", "eq", 2020.5), "invalid_value", {"field": "anio"}),
        (Filter("monto", "eq", "NaN"), "invalid_value", {"field": "monto"}),
        (Filter("fecha", "eq", "2020-13-01"), "invalid_value", {"field": "fecha"}),
        (
            Filter("fecha", "eq", "2020-01-01T10:00"),
            "invalid_value",
            {"field": "fecha"},
        ),
        (Filter("aprobado", "eq", "quizás"), "invalid_value", {"field": "aprobado"}),
        (
            Filter("actualizado", "gt", "ayer"),
            "invalid_value",
            {"field": "actualizado"},
        ),
        (Filter("municipio", "eq", ["Mixco"]), "invalid_value", {"field": "municipio"}),
        (Filter("anio", "in", []), "invalid_value", {"field": "anio"}),
        (Filter("anio", "isnull", "tal vez"), "invalid_value", {"field": "anio"}),
        (Filter("anio", "contains", "20"), "invalid_operator", {"op": "contains"}),
        (Filter("aprobado", "gt", True), "invalid_operator", {"op": "gt"}),
        (Filter("municipio", "like", "%x%"), "invalid_operator", {"op": "like"}),
    ],
)
def test_bad_filters_are_refused_with_a_code(tables, pool, item, code, fields):
    with pytest.raises(QueryError) as caught:
        found(tables, pool, item)
    assert caught.value.code == code
    assert caught.value.fields.items() >= fields.items()
    assert caught.value.status == 400


def test_an_in_filter_has_a_bounded_length(tables, pool):
    query = TableQuery(TABLE, filters=[Filter("anio", "in", list(range(11)))])
    with pytest.raises(QueryError) as caught:
        run_query(query, tables, Limits(max_in_values=10), pool=pool)
    assert caught.value.code == "too_many_values"
    assert caught.value.fields == {"field": "anio", "limit": 10}


def test_search_finds_decomposed_and_capital_accents(tmp_path, pool):
    from tests.datastore.conftest import SCHEMA, write_table

    rows = [
        dict(BUDGET[0], municipio="Coba\u0301n"),  # decomposed, as some Macs save it
        dict(BUDGET[1], municipio="SAN JOSÉ PINULA"),
        dict(BUDGET[2], municipio="Cobertura"),
    ]
    tables = {TABLE: write_table(tmp_path / "acentos.parquet", rows, SCHEMA)}
    assert [r["municipio"] for r in found(tables, pool, q="cobán")] == ["Coba\u0301n"]
    assert [r["municipio"] for r in found(tables, pool, q="José")] == [
        "SAN JOSÉ PINULA"
    ]
    by_filter = found(tables, pool, Filter("municipio", "contains", "san jose"))
    assert [r["municipio"] for r in by_filter] == ["SAN JOSÉ PINULA"]
