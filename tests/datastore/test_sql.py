"""The SQL endpoint: one SELECT over the portal's tables; every refusal has a code."""

import time

import pytest

from ceiba.datastore.query import Limits, QueryError, run_sql
from ceiba.datastore.query import sql as sql_module
from tests.datastore.conftest import BUDGET, SCHEMA, write_table

TABLE = "presupuesto-2024"


@pytest.fixture
def portal(tables, tmp_path):
    """Two published tables; a draft's file sits in the same folder."""
    write_table(tmp_path / "borrador.parquet", BUDGET[:2], SCHEMA)
    municipios = write_table(tmp_path / "municipios.parquet", BUDGET[:10], SCHEMA)
    return {**tables, "Municipios": municipios}


def refusal(sql: str, tables, limits: Limits | None = None) -> QueryError:
    with pytest.raises(QueryError) as caught:
        run_sql(sql, tables, limits or Limits())
    return caught.value


def test_a_select_over_a_table(portal):
    result = run_sql(
        f'SELECT anio, count(*) AS filas, sum(monto) AS total FROM "{TABLE}" '
        "WHERE anio IS NOT NULL GROUP BY anio ORDER BY anio",
        portal,
    )
    assert [f["name"] for f in result.fields] == ["anio", "filas", "total"]
    assert [f["type"] for f in result.fields] == ["integer", "integer", "number"]
    years = sorted({r["anio"] for r in BUDGET if r["anio"] is not None})
    assert [row["anio"] for row in result.rows] == years
    assert result.rows[0]["filas"] == sum(r["anio"] == years[0] for r in BUDGET)
    assert result.total == len(years) and result.took_ms > 0


def test_with_joins_and_case_insensitive_names(portal):
    result = run_sql(
        f"WITH m AS (SELECT DISTINCT municipio_codigo FROM municipios) "
        f'SELECT count(*) AS n FROM "{TABLE}" p JOIN m USING (municipio_codigo)',
        portal,
    )
    codes = {r["municipio_codigo"] for r in BUDGET[:10]}
    assert result.rows == [{"n": sum(r["municipio_codigo"] in codes for r in BUDGET)}]


def test_duplicate_column_names_are_kept_apart(portal):
    result = run_sql("SELECT 1 AS a, 2 AS a, 3 AS a", portal)
    assert result.rows == [{"a": 1, "a_2": 2, "a_3": 3}]


@pytest.mark.parametrize(
    ("sql", "code", "fields"),
    [
        ("SELEC 1", "syntax_error", {}),
        ("", "syntax_error", {}),
        ("SELECT 1; SELECT 2", "multiple_statements", {}),
        (f'SELECT 1; DROP VIEW "{TABLE}"', "multiple_statements", {}),
        (f'DELETE FROM "{TABLE}"', "not_select", {}),
        ("CREATE TABLE t AS SELECT 1", "not_select", {}),
        ("COPY (SELECT 1) TO '/tmp/x.csv'", "not_select", {}),
        ("ATTACH '/tmp/x.duckdb'", "not_select", {}),
        ("INSTALL httpfs", "not_select", {}),
        ("LOAD httpfs", "not_select", {}),
        ("SET memory_limit = '100GB'", "not_select", {}),
        ("PRAGMA version", "not_select", {}),
        ("EXPLAIN SELECT 1", "not_select", {}),
        ("CALL pragma_version()", "not_select", {}),
        (
            "SELECT * FROM read_csv('/etc/passwd')",
            "forbidden_function",
            {"function": "read_csv"},
        ),
        ("SELECT * FROM read_parquet('borrador.parquet')", "forbidden_function", {}),
        ("SELECT * FROM glob('/*')", "forbidden_function", {"function": "glob"}),
        ("SELECT getenv('HOME')", "forbidden_function", {"function": "getenv"}),
        ("SELECT current_setting('memory_limit')", "forbidden_function", {}),
        ("SELECT * FROM duckdb_settings()", "forbidden_function", {}),
        ("SELECT sql FROM duckdb_views()", "forbidden_function", {}),
        (
            "SELECT * FROM query('SELECT 1')",
            "forbidden_function",
            {"function": "query"},
        ),
        (
            "SELECT (SELECT count(*) FROM read_text('/etc/hostname'))",
            "forbidden_function",
            {},
        ),
        ("SHOW TABLES", "forbidden_function", {}),
        ("SELECT * FROM borrador", "unknown_table", {"table": "borrador"}),
        ("SELECT * FROM duckdb_views", "unknown_table", {}),
        ("SELECT * FROM information_schema.tables", "unknown_table", {}),
        (f'SELECT * FROM memory.main."{TABLE}"', "unknown_table", {}),
        ("SELECT * FROM '/etc/passwd'", "unknown_table", {}),
        (f'SELECT nada FROM "{TABLE}"', "invalid_sql", {}),
    ],
)
def test_refusals_have_codes(portal, sql, code, fields):
    error = refusal(sql, portal)
    assert error.code == code
    assert error.fields.items() >= fields.items()


def test_a_syntax_error_carries_duckdbs_message(portal):
    assert "syntax error" in refusal("SELECT FROM WHERE", portal).detail


def test_describing_and_summarising_a_portal_table_is_allowed(portal):
    described = run_sql(f'DESCRIBE "{TABLE}"', portal)
    assert [row["column_name"] for row in described.rows][:2] == [
        "departamento_codigo",
        "municipio_codigo",
    ]
    assert len(run_sql("SUMMARIZE municipios", portal).rows) == len(SCHEMA)


def test_results_over_the_row_cap_are_refused(portal):
    error = refusal(f'SELECT * FROM "{TABLE}"', portal, Limits(max_rows=100))
    assert error.code == "too_many_rows" and error.fields == {"limit": 100}
    limited = run_sql(
        f'SELECT * FROM "{TABLE}" LIMIT 100', portal, Limits(max_rows=100)
    )
    assert len(limited.rows) == 100


def test_an_endless_series_stops_at_the_row_cap(portal):
    error = refusal("SELECT * FROM range(1000000000000)", portal, Limits(max_rows=10))
    assert error.code == "too_many_rows"


def test_results_over_the_byte_cap_are_refused(portal):
    error = refusal("SELECT repeat('x', 100000) AS t", portal, Limits(max_bytes=1000))
    assert error.code == "result_too_large"


def test_a_query_over_the_time_limit_is_stopped(portal):
    started = time.monotonic()
    error = refusal(
        "SELECT count(*) FROM range(100000000) a CROSS JOIN range(100000000) b",
        portal,
        Limits(timeout_seconds=0.5),
    )
    assert error.code == "timeout"
    assert time.monotonic() - started < 3


def test_a_query_over_the_memory_limit_is_stopped(portal):
    error = refusal(
        "SELECT count(DISTINCT range::VARCHAR || 'x') FROM range(30000000)",
        portal,
        Limits(memory_limit="64MB", timeout_seconds=30),
    )
    assert error.code == "out_of_memory"


def test_the_sandbox_holds_when_the_parse_check_is_fooled(
    portal, tmp_path, monkeypatch
):
    """Without the parse check, DuckDB itself still refuses files, settings and
    tables the request did not name."""
    monkeypatch.setattr(sql_module, "check_references", lambda found, tables: [])
    assert refusal("SELECT * FROM read_csv('/etc/passwd')", portal).code == "forbidden"
    borrador = tmp_path / "borrador.parquet"
    assert refusal(f"SELECT * FROM '{borrador}'", portal).code == "forbidden"
    assert refusal(f'SELECT * FROM "{TABLE}"', portal).code == "invalid_sql"
    assert (
        refusal("SELECT * FROM read_csv('https://example.com/x.csv')", portal).code
        == "forbidden"
    )
    assert run_sql(
        "SELECT current_setting('enable_external_access') AS x", portal
    ).rows == [{"x": False}]
