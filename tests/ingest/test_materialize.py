"""Typed copies of a raw table: Parquet and the normalised UTF-8 CSV."""

import csv
import datetime as dt
import tempfile
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ceiba.datastore.schema import normalised_schema
from ceiba.ingest.materialize import MaterializeStats, materialize
from ceiba.ingest.schema import infer_schema
from ceiba.ingest.typing_rules import (
    DUCKDB_MEMORY_LIMIT,
    MISSING_VALUES,
    TYPE_THRESHOLD,
    InvalidSchemaError,
    connect,
)
from ceiba.ingest.validation import validate


def write_raw(path: Path, columns: dict[str, list[str | None]]) -> Path:
    """A raw table as the readers write it: ``__row`` and text columns."""
    size = len(next(iter(columns.values())))
    data = {"__row": pa.array(range(2, size + 2), pa.int64())}
    data |= {name: pa.array(values, pa.string()) for name, values in columns.items()}
    pq.write_table(pa.table(data), path)
    return path


SCHEMA = {
    "fields": [
        {"name": "codigo", "type": "string"},
        {"name": "monto", "type": "number", "decimalChar": ",", "groupChar": "."},
        {"name": "cantidad", "type": "integer"},
        {"name": "fecha", "type": "date", "format": "%d/%m/%Y"},
        {"name": "hora", "type": "datetime", "format": "%d/%m/%Y %H:%M"},
        {
            "name": "activo",
            "type": "boolean",
            "trueValues": ["Sí"],
            "falseValues": ["No"],
        },
        {"name": "nota", "type": "string"},
    ],
    "missingValues": MISSING_VALUES,
}
RAW = {
    "codigo": ["0101", "0102", "0201", ""],
    "monto": ["1.234,56", "-12,5", "N/D", "abc"],
    "cantidad": ["7", "", "1.5", "-3"],
    "fecha": ["31/12/2024", "1/2/2024", "32/01/2024", "-"],
    "hora": ["31/12/2024 08:30", "01/01/2024 23:59", "", "x"],
    "activo": ["Sí", "No", "sí", ""],
    "nota": ['dice "hola", adiós', "línea 1\nlínea 2", "", "ñandú"],
}


@pytest.fixture
def outputs(tmp_path: Path) -> tuple[Path, Path, Path]:
    raw = write_raw(tmp_path / "raw.parquet", RAW)
    return raw, tmp_path / "table.parquet", tmp_path / "table.csv"


def test_parquet_holds_typed_values_and_nulls(outputs):
    raw, parquet, csv_path = outputs
    stats = materialize(raw, SCHEMA, parquet, csv_path)
    assert isinstance(stats, MaterializeStats)
    assert stats.row_count == 4
    assert stats.seconds > 0
    table = pq.read_table(parquet)
    assert [str(t) for t in table.schema.types] == [
        "string",
        "double",
        "int64",
        "date32[day]",
        "timestamp[us]",
        "bool",
        "string",
    ]
    assert table.to_pydict() == {
        "codigo": ["0101", "0102", "0201", None],
        "monto": [1234.56, -12.5, None, None],
        "cantidad": [7, None, None, -3],
        "fecha": [dt.date(2024, 12, 31), dt.date(2024, 2, 1), None, None],
        "hora": [dt.datetime(2024, 12, 31, 8, 30), dt.datetime(2024, 1, 1, 23, 59)]
        + [None, None],
        "activo": [True, False, None, None],
        "nota": ['dice "hola", adiós', "línea 1\nlínea 2", None, "ñandú"],
    }


def test_csv_is_normalised_utf8_rfc4180(outputs):
    raw, parquet, csv_path = outputs
    materialize(raw, SCHEMA, parquet, csv_path)
    data = csv_path.read_bytes()
    assert data.startswith(b"codigo,monto,cantidad,fecha,hora,activo,nota\r\n")
    assert b'"dice ""hola"", adi\xc3\xb3s"' in data
    with csv_path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[1:] == [
        ["0101", "1234.56", "7", "2024-12-31", "2024-12-31T08:30:00", "true"]
        + ['dice "hola", adiós'],
        ["0102", "-12.5", "", "2024-02-01", "2024-01-01T23:59:00", "false"]
        + ["línea 1\nlínea 2"],
        ["0201", "", "", "", "", "", ""],
        ["", "", "-3", "", "", "", "ñandú"],
    ]


def test_the_normalised_csv_is_valid_under_the_normalised_schema(tmp_path):
    frictionless = pytest.importorskip("frictionless")
    raw = write_raw(
        tmp_path / "raw.parquet",
        {
            "monto": ["1.234,56", "12,5", "7"],
            "fecha": ["31/12/2024", "01/02/2024", "05/06/2023"],
            "hora": ["2024-12-31T08:30:00.25", "2024-01-01 10:00:00", "N/A"],
            "activo": ["Sí", "No", "si"],
        },
    )
    columns = [("monto", "Monto"), ("fecha", "Fecha"), ("hora", "Hora")]
    schema = infer_schema(raw, [*columns, ("activo", "Activo")], {})
    materialize(raw, schema, tmp_path / "t.parquet", tmp_path / "t.csv")
    resource = frictionless.Resource(
        path="t.csv",
        basepath=str(tmp_path),
        schema=frictionless.Schema.from_descriptor(normalised_schema(schema)),
    )
    report = frictionless.validate(resource)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_row_order_is_kept_across_row_groups(tmp_path):
    """Long IN lists become joins in DuckDB and joins reorder rows: the missing
    values are tested with OR chains, and this guards it."""
    raw, rows = tmp_path / "raw.parquet", 400_000
    duckdb.sql(
        f"""COPY (SELECT i + 2 AS __row, i::VARCHAR AS n,
                CASE WHEN i % 97 = 0 THEN 'N/A' ELSE 'texto ' || i END AS t
            FROM range({rows}) r(i)) TO '{raw}' (FORMAT parquet)"""
    )
    schema = infer_schema(raw, [("n", "N"), ("t", "T")], {})
    materialize(raw, schema, tmp_path / "t.parquet", tmp_path / "t.csv")
    disorder = duckdb.sql(
        f"""SELECT count(*) FROM read_parquet('{tmp_path / "t.parquet"}',
            file_row_number = true) WHERE n <> file_row_number"""
    ).fetchall()
    assert disorder == [(0,)]
    with (tmp_path / "t.csv").open() as handle:
        handle.readline()
        assert [handle.readline().split(",")[0] for _ in range(3)] == ["0", "1", "2"]


def test_existing_files_are_replaced_whole(outputs):
    raw, parquet, csv_path = outputs
    parquet.write_text("old")
    csv_path.write_text("old")
    materialize(raw, SCHEMA, parquet, csv_path)
    assert pq.read_table(parquet).num_rows == 4
    assert csv_path.read_text(encoding="utf-8").startswith("codigo,")
    assert sorted(p.name for p in parquet.parent.iterdir()) == [
        "raw.parquet",
        "table.csv",
        "table.parquet",
    ]


def test_a_failure_leaves_no_file_and_keeps_the_old_ones(outputs):
    raw, parquet, csv_path = outputs
    csv_path.write_text("previous version")
    broken = {**SCHEMA, "fields": [*SCHEMA["fields"], {"name": "nope"}]}
    with pytest.raises(InvalidSchemaError):
        materialize(raw, broken, parquet, csv_path)
    assert csv_path.read_text() == "previous version"
    assert sorted(p.name for p in parquet.parent.iterdir()) == [
        "raw.parquet",
        "table.csv",
    ]


def test_duckdb_runs_with_bounded_memory_and_its_own_spill_folder(tmp_path):
    with connect(tmp_path) as connection:
        limit, threads, spill = connection.execute(
            "SELECT current_setting('memory_limit'), current_setting('threads'), "
            "current_setting('temp_directory')"
        ).fetchall()[0]
        assert Path(spill).parent == tmp_path
        assert Path(spill).is_dir()
    same = duckdb.connect(config={"memory_limit": DUCKDB_MEMORY_LIMIT})
    assert (
        limit == same.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
    )
    assert threads == 2
    assert not Path(spill).exists()


CELLS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(MISSING_VALUES + ["0101", "1,5", "1.234,5", "31/12/2024"]),
    st.integers(-(10**15), 10**15).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.none(),
)
COLUMNS = st.integers(1, 4).flatmap(
    lambda width: st.lists(
        st.lists(CELLS, min_size=width, max_size=width), min_size=1, max_size=30
    )
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=COLUMNS, hint=st.sampled_from([{}, {"decimal_hint": ","}]))
def test_arbitrary_text_never_breaks_inference_materialize_or_validation(rows, hint):
    names = [f"c{i}" for i in range(len(rows[0]))]
    columns = {name: [row[i] for row in rows] for i, name in enumerate(names)}
    with tempfile.TemporaryDirectory() as folder:
        raw = write_raw(Path(folder) / "raw.parquet", columns)
        schema = infer_schema(raw, [(name, name) for name in names], hint)
        stats = materialize(
            raw, schema, Path(folder) / "t.parquet", Path(folder) / "t.csv"
        )
        report = validate(raw, schema)
        assert stats.row_count == len(rows)
        assert pq.read_table(Path(folder) / "t.parquet").num_rows == len(rows)
    # What inference typed, validation accepts: at most 1 - TYPE_THRESHOLD of the
    # present cells of a typed column are type errors.
    for number, field in enumerate(schema["fields"], start=1):
        values = columns[field["name"]]
        present = sum(v is not None and v not in MISSING_VALUES for v in values)
        errors = sum(
            e["type"] == "type-error" and e["fieldNumber"] == number
            for e in report["errors"]
        )
        assert errors <= (1 - TYPE_THRESHOLD) * present, field
