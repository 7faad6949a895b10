"""Exports: every format's content, inert formulas, Excel's row limit, streaming."""

import csv
import io
import json
import tracemalloc
import zipfile
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ceiba.datastore.query import (
    Filter,
    Limits,
    QueryError,
    TableQuery,
    export_query,
)
from ceiba.datastore.query.exports import MEDIA_TYPES
from ceiba.datastore.query.xlsx import MAX_XLSX_ROWS
from tests.datastore.conftest import BUDGET

TABLE = "presupuesto-2024"
SORTED = TableQuery(
    TABLE, sort=[("monto", "desc")], fields=["municipio", "monto", "nota"]
)


def body(export) -> bytes:
    return b"".join(export.chunks)


def expected_rows() -> list[dict]:
    from tests.datastore.test_search import INDEXED, python_sorted

    rows = python_sorted(INDEXED, [("monto", "desc")])
    return [{k: r[k] for k in ("municipio", "monto", "nota")} for r in rows]


def test_csv_has_a_header_typed_values_and_inert_formulas(tables):
    export = export_query(SORTED, tables, "csv", filename="presupuesto")
    assert export.media_type == "text/csv; charset=utf-8"
    assert export.filename == "presupuesto.csv"
    named = export_query(SORTED, tables, "csv", filename="presupuesto-1.csv")
    assert named.filename == "presupuesto-1.csv"
    named.chunks.close()
    rows = list(csv.reader(io.StringIO(body(export).decode())))
    assert rows[0] == ["municipio", "monto", "nota"]
    want = expected_rows()
    assert len(rows) == len(want) + 1
    for line, row in zip(rows[1:], want, strict=True):
        assert line[0] == (row["municipio"] or "")
        assert line[1] == ("" if row["monto"] is None else f"{row['monto']:g}")
        note = row["nota"] or ""
        assert line[2] == ("'" + note if note[:1] in "=+-@\t\r" and note else note)
    cells = {line[2] for line in rows[1:]}
    assert {"'=SUM(A1:A9)", "'+50212345678", "'-5", "'@usuario", "'\tTab"} <= cells
    assert "'\rretorno" in cells
    assert any(line[1].startswith("-") for line in rows[1:]), "negative numbers stay"


def test_csv_can_start_with_a_byte_order_mark(tables):
    data = body(export_query(SORTED, tables, "csv", bom=True))
    assert data.startswith(b"\xef\xbb\xbfmunicipio,")
    assert not body(export_query(SORTED, tables, "csv")).startswith(b"\xef\xbb\xbf")


def test_csv_writes_dates_and_times_plainly(tables):
    query = TableQuery(TABLE, fields=["fecha", "actualizado", "aprobado"], limit=1)
    rows = list(
        csv.reader(io.StringIO(body(export_query(query, tables, "csv")).decode()))
    )
    assert rows[1] == ["2020-01-01", "2024-01-01 08:00:00", "true"]


def test_exports_ignore_pages_but_keep_filters(tables):
    query = TableQuery(TABLE, filters=[Filter("anio", "eq", 2020)], limit=2, offset=3)
    rows = json.loads(body(export_query(query, tables, "json")))
    assert len(rows) == sum(r["anio"] == 2020 for r in BUDGET)


def test_json_is_an_array_of_objects_in_order(tables):
    export = export_query(SORTED, tables, "json")
    assert export.media_type == "application/json"
    assert json.loads(body(export)) == expected_rows()


def test_groups_export_like_they_query(tables, pool):
    from ceiba.datastore.query import run_query

    grouped = TableQuery(
        TABLE,
        group_by=["departamento_codigo"],
        aggregates=[("count", None), ("sum", "monto")],
        sort=[("count", "desc")],
    )
    exported = json.loads(body(export_query(grouped, tables, "json")))
    assert exported == run_query(grouped, tables, pool=pool).rows


def test_a_column_named_like_the_row_alias_is_still_a_column(tmp_path):
    path = tmp_path / "result.parquet"
    pq.write_table(pa.table({"result": [1, 2], "page": ["a", "b"]}), path)
    rows = json.loads(body(export_query(TableQuery("r"), {"r": path}, "json")))
    assert rows == [{"result": 1, "page": "a"}, {"result": 2, "page": "b"}]


def test_json_of_nothing_is_an_empty_array(tables):
    query = TableQuery(TABLE, filters=[Filter("anio", "eq", 1900)])
    assert json.loads(body(export_query(query, tables, "json"))) == []


def test_parquet_keeps_types_and_order(tables, tmp_path):
    export = export_query(
        TableQuery(TABLE, sort=[("monto", "desc")]), tables, "parquet"
    )
    assert export.media_type == MEDIA_TYPES["parquet"]
    target = tmp_path / "export.parquet"
    target.write_bytes(body(export))
    table = pq.read_table(target)
    assert table.schema.field("fecha").type == pa.date32()
    assert table.schema.field("anio").type == pa.int64()
    assert table.column("monto").to_pylist() == [r["monto"] for r in expected_rows()]


SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def sheet_cells(data: bytes) -> list[list[tuple[str, str]]]:
    """The first sheet's rows as (cell type, text); a formula would be type "f"."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in root.iter(f"{SHEET}row"):
        cells = []
        for cell in row.iter(f"{SHEET}c"):
            if cell.find(f"{SHEET}f") is not None:
                cells.append(("f", ""))
            elif cell.get("t") == "inlineStr":
                cells.append(("s", "".join(cell.find(f"{SHEET}is").itertext())))
            else:
                cells.append((cell.get("t") or "n", cell.findtext(f"{SHEET}v")))
        rows.append(cells)
    return rows


def test_xlsx_has_typed_cells_and_inert_formulas(tables):
    query = TableQuery(TABLE, fields=["municipio", "anio", "monto", "aprobado", "nota"])
    export = export_query(query, tables, "xlsx")
    assert export.filename == f"{TABLE}.xlsx"
    rows = sheet_cells(body(export))
    assert [text for _, text in rows[0]] == [
        "municipio",
        "anio",
        "monto",
        "aprobado",
        "nota",
    ]
    assert rows[1] == [
        ("s", "Guatemala"),
        ("n", "2019"),
        ("n", f"{BUDGET[0]['monto']:g}"),
        ("b", "1"),
        ("s", "Agua potable"),
    ]
    texts = {text for row in rows[1:] for kind, text in row if kind == "s"}
    assert {"'=SUM(A1:A9)", "'+50212345678", "'-5", "'@usuario", "'\tTab"} <= texts
    assert not any(kind == "f" for row in rows for kind, _ in row)
    numbers = [float(text) for row in rows[1:] for kind, text in row if kind == "n"]
    assert any(number < 0 for number in numbers), "negative numbers stay numbers"
    assert len(rows) == len(BUDGET) + 1


def test_xlsx_writes_dates_as_dates(tables):
    query = TableQuery(TABLE, fields=["fecha", "actualizado"], limit=1)
    first = sheet_cells(body(export_query(query, tables, "xlsx")))[1]
    assert first[0] == ("n", "43831")  # 2020-01-01 in Excel's serial days
    assert float(first[1][1]) == pytest.approx(45292 + 8 / 24)  # 2024-01-01 08:00


@pytest.fixture
def huge_path(tmp_path: Path) -> Path:
    """One narrow column of 1,048,576 rows: one more than a sheet holds below its
    header, and a million rows for the streaming tests."""
    path = tmp_path / "grande.parquet"
    duckdb.sql(
        "COPY (SELECT range AS id, 'fila ' || range AS texto, range * 0.5 AS valor "
        f"FROM range({MAX_XLSX_ROWS + 1})) TO '{path}' (FORMAT parquet)"
    )
    return path


def test_xlsx_refuses_more_rows_than_a_sheet_holds_before_writing(huge_path):
    with pytest.raises(QueryError) as caught:
        export_query(TableQuery("grande"), {"grande": huge_path}, "xlsx")
    assert caught.value.code == "too_many_rows_for_xlsx"
    assert caught.value.fields == {"rows": MAX_XLSX_ROWS + 1, "limit": 1_048_575}
    fewer = TableQuery("grande", filters=[Filter("id", "lt", 10)])
    assert body(export_query(fewer, {"grande": huge_path}, "xlsx")).startswith(b"PK")


@pytest.mark.parametrize("file_format", ["csv", "json"])
def test_a_million_rows_stream_in_bounded_memory(huge_path, file_format):
    export = export_query(TableQuery("grande"), {"grande": huge_path}, file_format)
    tracemalloc.start()
    chunks = size = arrow_peak = 0
    for chunk in export.chunks:
        chunks += 1
        size += len(chunk)
        arrow_peak = max(arrow_peak, pa.total_allocated_bytes())
    _, python_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert size > 20_000_000 and chunks > 10
    assert python_peak < min(size / 4, 16_000_000), "Python holds one batch at a time"
    assert arrow_peak < min(size / 4, 16_000_000), "Arrow holds one batch at a time"


def test_an_abandoned_export_frees_its_files(tables, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    export = export_query(SORTED, tables, "parquet", work_dir=work)
    assert list(work.iterdir())
    export.chunks.close()
    assert not list(work.iterdir())
    finished = export_query(SORTED, tables, "csv", work_dir=work)
    body(finished)
    assert not list(work.iterdir())


def test_an_export_over_the_time_limit_stops(huge_path):
    export = export_query(
        TableQuery("grande", sort=[("texto", "desc")]),
        {"grande": huge_path},
        "csv",
        Limits(timeout_seconds=0.05),
    )
    with pytest.raises(QueryError) as caught:
        body(export)
    assert caught.value.code == "timeout"


@pytest.mark.parametrize(
    ("query", "file_format", "code"),
    [
        (TableQuery(TABLE), "ods", "invalid_argument"),
        (TableQuery("otra"), "csv", "unknown_table"),
        (TableQuery(TABLE, fields=["nada"]), "csv", "unknown_field"),
    ],
)
def test_bad_exports_fail_before_streaming(tables, query, file_format, code):
    with pytest.raises(QueryError) as caught:
        export_query(query, tables, file_format)
    assert caught.value.code == code


def test_dates_in_json_are_iso(tables):
    query = TableQuery(TABLE, fields=["fecha", "actualizado"], limit=1)
    first = json.loads(body(export_query(query, tables, "json")))[0]
    assert first["fecha"] == date(2020, 1, 1).isoformat()
    assert first["actualizado"].startswith("2024-01-01")
