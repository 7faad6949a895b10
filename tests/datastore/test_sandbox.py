"""The sandbox, branch by branch: SQL is run on it directly, with no parse check in
front, to show that DuckDB itself refuses every way out."""

import threading
import time
from contextlib import closing
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from ceiba.datastore.query import Limits, QueryError, Sandbox
from ceiba.datastore.query.sandbox import ROW_ID, quote_identifier
from tests.datastore.conftest import BUDGET, SCHEMA, write_table

TABLE = "presupuesto-2024"


@pytest.fixture
def other_file(tmp_path: Path) -> Path:
    return write_table(tmp_path / "borrador.parquet", BUDGET[:3], SCHEMA)


@pytest.fixture
def sandbox(tables, limits):
    box = Sandbox(tables, limits)
    yield box
    box.close()


def run(sandbox: Sandbox, sql: str) -> list[tuple]:
    with sandbox.session() as session:
        return session.fetch(sql)[1]


def refused(sandbox: Sandbox, sql: str) -> QueryError:
    with pytest.raises(QueryError) as caught:
        run(sandbox, sql)
    return caught.value


def setting(sandbox: Sandbox, name: str) -> str:
    return run(sandbox, f"SELECT current_setting('{name}')")[0][0]


def test_the_portal_table_is_a_view_named_by_its_id(sandbox):
    assert run(sandbox, f'SELECT count(*) FROM "{TABLE}"') == [(len(BUDGET),)]
    names = run(sandbox, "SELECT view_name FROM duckdb_views() WHERE NOT internal")
    assert names == [(TABLE,)]


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM read_csv('/etc/passwd', sep = ':')",
        "SELECT * FROM read_text('/etc/hostname')",
        "SELECT * FROM read_blob('/etc/hostname')",
        "SELECT * FROM glob('/etc/*')",
        "SELECT * FROM read_csv('https://example.com/datos.csv')",
        "SELECT * FROM read_parquet('http://127.0.0.1:9/x.parquet')",
        "INSTALL httpfs",
        "LOAD httpfs",
        "LOAD '/tmp/evil.duckdb_extension'",
    ],
)
def test_files_network_and_extensions_are_out_of_reach(sandbox, sql):
    assert refused(sandbox, sql).code == "forbidden"


def test_other_files_are_out_of_reach(sandbox, other_file, tmp_path):
    csv_file = tmp_path / "claves.csv"
    csv_file.write_text("usuario,clave\nadmin,hunter2\n")
    for sql in (
        f"SELECT * FROM read_parquet('{other_file}')",
        f"SELECT * FROM '{other_file}'",
        f"SELECT * FROM parquet_metadata('{other_file}')",
        f"SELECT * FROM '{csv_file}'",
        f"SELECT * FROM read_csv_auto('{csv_file}')",
    ):
        assert refused(sandbox, sql).code == "forbidden"


def test_nothing_can_be_written(sandbox, tmp_path):
    target = tmp_path / "salida.csv"
    assert refused(sandbox, f"COPY (SELECT 1) TO '{target}'").code == "forbidden"
    database = tmp_path / "otra.duckdb"
    assert refused(sandbox, f"ATTACH '{database}' AS otra").code == "forbidden"
    export = tmp_path / "volcado"
    assert refused(sandbox, f"EXPORT DATABASE '{export}'").code == "forbidden"
    assert not target.exists() and not database.exists() and not export.exists()


@pytest.mark.parametrize(
    "sql",
    [
        "SET enable_external_access = true",
        "RESET enable_external_access",
        "SET allowed_directories = ['/']",
        "SET allowed_paths = ['/etc/passwd']",
        "SET memory_limit = '100GB'",
        "SET threads = 64",
        "PRAGMA threads = 64",
        "SET temp_directory = '/tmp'",
        "SET autoload_known_extensions = true",
        "SET lock_configuration = false",
    ],
)
def test_the_configuration_is_locked(sandbox, sql):
    with pytest.raises(QueryError):
        run(sandbox, sql)
    assert setting(sandbox, "enable_external_access") is False
    assert setting(sandbox, "lock_configuration") is True
    assert setting(sandbox, "threads") == 2
    assert setting(sandbox, "autoload_known_extensions") is False


def test_environment_and_python_variables_are_invisible(sandbox):
    secreto = pa.table({"clave": ["hunter2"]})  # a replacement scan would find it
    assert refused(sandbox, "SELECT getenv('HOME')").code == "invalid_sql"
    assert refused(sandbox, "SELECT * FROM secreto").code == "invalid_sql"
    assert secreto.num_rows == 1


def test_settings_can_be_read_but_not_changed(sandbox):
    """Decision: reading duckdb_settings() in the sandbox is harmless (it shows the
    limits in force); the SQL endpoint still refuses it, because duckdb_views()
    and similar functions would show server paths."""
    rows = run(
        sandbox, "SELECT value FROM duckdb_settings() WHERE name = 'memory_limit'"
    )
    assert rows and rows[0][0]


def test_only_the_given_tables_are_visible(tables, limits, other_file):
    with closing(Sandbox(tables, limits)) as box:
        assert refused(box, "SELECT * FROM borrador").code == "invalid_sql"
        assert refused(box, "SELECT * FROM presupuesto").code == "invalid_sql"


def test_a_query_over_the_time_limit_is_interrupted(tables):
    box = Sandbox(tables, Limits(timeout_seconds=0.5))
    started = time.monotonic()
    cross_join = (
        "SELECT count(*) FROM range(100000000) a, range(100000000) b "
        "WHERE a.range = -b.range - 1"
    )
    error = refused(box, cross_join)
    assert error.code == "timeout" and error.fields["seconds"] == "0.5"
    assert time.monotonic() - started < 3
    assert run(box, "SELECT 42") == [(42,)]  # the next session is not interrupted
    box.close()


def test_a_query_over_the_memory_limit_is_stopped(tables):
    box = Sandbox(tables, Limits(memory_limit="64MB", timeout_seconds=30))
    error = refused(
        box, "SELECT count(DISTINCT range::VARCHAR || 'x') FROM range(30000000)"
    )
    assert error.code == "out_of_memory"
    box.close()


def test_a_temporary_directory_lets_large_sorts_spill(tables, tmp_path):
    big_sort = (
        "SELECT count(*) FROM "
        "(SELECT range::VARCHAR || 'x' AS s FROM range(8000000) ORDER BY s DESC)"
    )
    tight = Limits(memory_limit="64MB", timeout_seconds=60)
    with closing(Sandbox(tables, tight)) as box:
        assert refused(box, big_sort).code == "out_of_memory"
    spill_root = tmp_path / "spill"
    spill = Limits(memory_limit="64MB", timeout_seconds=60, temp_directory=spill_root)
    with closing(Sandbox(tables, spill)) as box:
        assert run(box, big_sort) == [(8_000_000,)]
        # DuckDB lets a query reach its own spill folder, so each sandbox has one
        # of its own, beside no other, removed when it closes.
        (folder,) = spill_root.iterdir()
        neighbour = spill_root / "vecino.csv"
        assert refused(box, f"COPY (SELECT 1) TO '{neighbour}'").code == "forbidden"
        assert not neighbour.exists()
    assert not folder.exists()


def test_row_ids_are_the_parquet_row_numbers(tables, limits):
    box = Sandbox(tables, limits, row_ids=True)
    rows = run(box, f'SELECT {ROW_ID}, anio FROM "{TABLE}" ORDER BY {ROW_ID} LIMIT 3')
    assert rows == [(i, BUDGET[i]["anio"]) for i in range(3)]
    assert ROW_ID not in box.columns(TABLE)
    box.close()


def test_columns_are_typed(sandbox):
    columns = sandbox.columns(TABLE)
    assert {name: field.type for name, field in columns.items()} == {
        "departamento_codigo": "string",
        "municipio_codigo": "string",
        "municipio": "string",
        "anio": "integer",
        "monto": "number",
        "fecha": "date",
        "aprobado": "boolean",
        "actualizado": "datetime",
        "nota": "string",
    }


def test_a_missing_table_file_is_an_unknown_table(tmp_path, limits):
    with pytest.raises(QueryError) as caught:
        Sandbox({"x": tmp_path / "nada.parquet"}, limits)
    assert caught.value.code == "unknown_table"


def test_quoted_identifiers_cannot_break_out():
    assert quote_identifier('a"; DROP') == '"a""; DROP"'


def test_sessions_run_in_parallel_threads(sandbox):
    results: list[int] = []

    def count() -> None:
        results.append(run(sandbox, f'SELECT count(*) FROM "{TABLE}"')[0][0])

    threads = [threading.Thread(target=count) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [len(BUDGET)] * 8


def test_duckdb_errors_never_leave_the_session(sandbox):
    with pytest.raises(QueryError) as caught:
        run(sandbox, "SELECT 1/0::INTEGER + 'x'")
    assert not isinstance(caught.value, duckdb.Error)
