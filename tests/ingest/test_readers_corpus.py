"""The bad-file corpus: every case ends in a clear ReadError code or a safe import,
and a refused file leaves nothing behind in the output folder."""

import json
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ceiba.ingest.raw import ROW_COLUMN, RawTable, ReadError, read_table_file
from tests.ingest import corpus

REPO = Path(__file__).resolve().parents[2]

slow = pytest.mark.slow


def read(path: Path, out: Path, **limits: int) -> list[RawTable]:
    return read_table_file(path, filename=path.name, out_dir=out, **limits)


def refused(path: Path, out: Path, **limits: int) -> ReadError:
    with pytest.raises(ReadError) as caught:
        read(path, out, **limits)
    assert not list(out.glob("*")), "a refused file must leave nothing behind"
    return caught.value


def rows(table: RawTable) -> list[dict]:
    return pq.read_table(table.path).to_pylist()


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path / "out"


def test_windows_1252(tmp_path, out):
    (table,) = read(corpus.windows_1252_csv(tmp_path), out)
    assert table.detection["encoding"] == "windows-1252"
    assert table.detection["delimiter"] == ";"
    assert table.detection["decimal_hint"] == ","
    assert [r["departamento"] for r in rows(table)] == ["Sololá", "Petén", "Quiché"]


def test_mixed_encodings_decode_each_byte_and_say_so(tmp_path, out):
    (table,) = read(corpus.mixed_encoding_csv(tmp_path), out)
    assert table.detection["encoding"] == "mixed-utf-8-windows-1252"
    assert table.detection["fallback_bytes"] == 1
    assert [r["municipio"] for r in rows(table)] == ["San Martín Zapotitlán", "Petén"]


def test_utf16_with_bom(tmp_path, out):
    (table,) = read(corpus.utf16_csv(tmp_path), out)
    assert table.detection["encoding"] == "utf-16-le"
    assert table.detection["delimiter"] == "\t"
    assert rows(table)[1] == {ROW_COLUMN: 3, "nombre": "Petén", "valor": "2"}


def test_ragged_rows_are_padded_and_extra_cells_kept(tmp_path, out):
    (table,) = read(corpus.ragged_csv(tmp_path), out)
    assert [c.name for c in table.columns] == ["a", "b", "c", "columna_4"]
    assert table.detection["engine"] == "python-csv"
    assert rows(table) == [
        {ROW_COLUMN: 2, "a": "1", "b": "2", "c": None, "columna_4": None},
        {ROW_COLUMN: 3, "a": "3", "b": "4", "c": "5", "columna_4": "6"},
        {ROW_COLUMN: 4, "a": "7", "b": "8", "c": "9", "columna_4": None},
    ]


def test_empty_file(tmp_path, out):
    assert refused(corpus.empty_file(tmp_path), out).code == "empty_file"


def test_file_of_blank_lines_and_separators(tmp_path, out):
    assert refused(corpus.blank_lines_only(tmp_path), out).code == "empty_file"


def test_header_only_is_a_table_without_rows(tmp_path, out):
    (table,) = read(corpus.header_only_csv(tmp_path), out)
    assert table.row_count == 0
    assert [c.name for c in table.columns] == ["codigo", "nombre", "valor"]
    assert pq.read_table(table.path).num_rows == 0


def test_nul_bytes_are_removed_and_counted(tmp_path, out):
    (table,) = read(corpus.nul_bytes_csv(tmp_path), out)
    assert table.detection["nul_bytes_removed"] == 2
    assert [(r["a"], r["b"]) for r in rows(table)] == [("1", "2"), ("3", "4")]


def test_binary_junk(tmp_path, out):
    assert refused(corpus.binary_junk(tmp_path), out).code == "binary_not_text"


def test_million_column_line(tmp_path, out):
    error = refused(corpus.million_columns_csv(tmp_path), out)
    assert error.code == "too_many_columns"
    assert error.fields["limit"] == 5000


def test_row_too_wide_after_the_sample(tmp_path, out):
    error = refused(corpus.wide_row_after_sample(tmp_path), out)
    assert error.code == "too_many_columns"


def test_duplicate_and_blank_column_names(tmp_path, out):
    (table,) = read(corpus.duplicate_and_blank_names_csv(tmp_path), out)
    assert [(c.name, c.title) for c in table.columns] == [
        ("a", "a"),
        ("a_2", "a"),
        ("columna_3", ""),
        ("a_3", "A"),
        ("b", "b"),
        ("codigo_municipio", "Código Municipio"),
    ]


def test_unclosed_quote(tmp_path, out):
    error = refused(corpus.unclosed_quote_csv(tmp_path), out)
    assert error.code == "malformed_csv"


def test_web_page_disguised_as_xls(tmp_path, out):
    assert refused(corpus.html_disguised_as_xls(tmp_path), out).code == "not_tabular"


def test_zip_bomb_disguised_as_xlsx(tmp_path, out):
    assert refused(corpus.zip_bomb_xlsx(tmp_path), out).code == "zip_bomb"


def test_workbook_over_the_uncompressed_limit(tmp_path, out):
    path = corpus.write_xlsx(tmp_path / "small.xlsx", {"Datos": [["a"], [1]]})
    error = refused(path, out, max_uncompressed_bytes=1000)
    assert error.code == "zip_bomb"


def test_xlsx_with_macros_is_refused(tmp_path, out):
    error = refused(corpus.xlsx_with_macros(tmp_path), out)
    assert error.code == "macros_not_allowed"


def test_xlsx_with_external_links_reads_cached_values(tmp_path, out):
    (table,) = read(corpus.xlsx_with_external_links(tmp_path), out)
    assert table.detection["external_links"] == 1
    assert [r["valor"] for r in rows(table)] == ["10", "12"]


def test_corrupt_zip(tmp_path, out):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    assert refused(path, out).code == "unreadable_workbook"


def test_pdf(tmp_path, out):
    path = tmp_path / "informe.csv"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    assert refused(path, out).code == "binary_not_text"


def test_json_too_large(tmp_path, out):
    path = tmp_path / "big.json"
    path.write_text("[" + ",".join(['{"a": 1}'] * 1000) + "]")
    error = refused(path, out, max_json_bytes=1000)
    assert error.code == "file_too_large"


def test_topojson_is_not_tabular(tmp_path, out):
    path = tmp_path / "deptos.json"
    path.write_text('{"type": "Topology", "objects": {}, "arcs": []}')
    assert refused(path, out).code == "json_not_tabular"


def test_invalid_json(tmp_path, out):
    path = tmp_path / "datos.json"
    path.write_text('[{"a": 1},')
    error = refused(path, out)
    assert error.code == "invalid_json"
    assert error.fields["line"] == 1


_STREAM_SCRIPT = """
import json, sys
from pathlib import Path
from ceiba.ingest.raw import read_table_file
calls = []
(table,) = read_table_file(
    Path(sys.argv[1]), filename="large.csv", out_dir=Path(sys.argv[2]),
    progress=lambda rows, total: calls.append([rows, total]),
)
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across
# fork and exec, so a big test process would count as this one's peak.
status = Path("/proc/self/status").read_text().splitlines()
peak = next(int(l.split()[1]) for l in status if l.startswith("VmHWM")) * 1024
print(json.dumps({"rows": table.row_count, "peak": peak, "calls": calls,
                  "engine": table.detection["engine"]}))
"""


def _convert_in_subprocess(path: Path, out: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", _STREAM_SCRIPT, str(path), str(out)],
        capture_output=True,
        check=True,
        cwd=REPO,
        text=True,
        timeout=120,
    )
    return json.loads(result.stdout)


@slow
def test_large_csv_is_streamed_with_bounded_memory(tmp_path):
    """Peak memory does not grow with the file: 100 MB and 300 MB files peak within
    a few tens of megabytes of each other, well under 1 GB."""
    small, small_rows = corpus.large_csv(_mkdir(tmp_path / "s"), 100)
    large, large_rows = corpus.large_csv(_mkdir(tmp_path / "l"), 300)
    first = _convert_in_subprocess(small, tmp_path / "out-s")
    second = _convert_in_subprocess(large, tmp_path / "out-l")
    assert (first["rows"], second["rows"]) == (small_rows, large_rows)
    assert second["engine"] == "pyarrow"
    growth = second["peak"] - first["peak"]
    assert growth < 0.3 * (large.stat().st_size - small.stat().st_size)
    assert second["peak"] < 2**30  # the bound: an ingest stays under 1 GB
    assert len(second["calls"]) > 20
    assert second["calls"][-1] == [large_rows, large_rows]
    written = pq.ParquetFile(next((tmp_path / "out-l").glob("*.parquet")))
    assert written.schema_arrow.field(ROW_COLUMN).type == pa.int64()
    assert written.metadata.num_rows == large_rows


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path
