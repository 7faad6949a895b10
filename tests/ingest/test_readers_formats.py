"""What each reader makes of well-formed but varied files: CSV dialects and row
numbers, workbook layouts and cell types, JSON shapes, progress and clean output."""

import datetime as dt
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from ceiba.ingest.raw import ROW_COLUMN, RawTable, read_table_file
from tests.ingest import corpus


def read(path: Path, out: Path, **kwargs) -> list[RawTable]:
    return read_table_file(path, filename=path.name, out_dir=out, **kwargs)


def rows(table: RawTable) -> list[dict]:
    return pq.read_table(table.path).to_pylist()


def csv_file(tmp_path: Path, text: str, name: str = "datos.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode())
    return path


def test_row_numbers_count_blank_lines_and_multiline_records(tmp_path):
    text = 'a,b\r\n1,"uno\r\ndos"\r\n\r\n3,4\r\n,\r\n5,6'
    (table,) = read(csv_file(tmp_path, text), tmp_path / "out")
    assert [(r[ROW_COLUMN], r["a"], r["b"]) for r in rows(table)] == [
        (2, "1", "uno\r\ndos"),
        (4, "3", "4"),
        (6, "5", "6"),
    ]
    assert table.detection["blank_rows_dropped"] == 2


def test_totals_and_sources_after_the_data_are_dropped(tmp_path):
    text = (
        "departamento;casos\nGuatemala;1.234,5\nPetén;2.345,25\nIzabal;3.456,75\n"
        "TOTAL;7.036,5\n;\nFuente: MSPAS;\n"
    )
    (table,) = read(csv_file(tmp_path, text), tmp_path / "out")
    assert table.row_count == 3
    assert [d["row"] for d in table.detection["dropped_rows_below"]] == [5, 7]
    assert (table.detection["decimal_hint"], table.detection["thousands_hint"]) == (
        ",",
        ".",
    )


def test_pipe_and_single_quotes(tmp_path):
    text = "'id'|'nombre'\n'1'|'Mixco'\n'2'|'Villa Nueva'\n"
    (table,) = read(csv_file(tmp_path, text, "datos.txt"), tmp_path / "out")
    assert (table.detection["delimiter"], table.detection["quotechar"]) == ("|", "'")
    assert rows(table)[1] == {ROW_COLUMN: 3, "id": "2", "nombre": "Villa Nueva"}


def test_excel_sep_line_declares_the_delimiter(tmp_path):
    (table,) = read(
        csv_file(tmp_path, "sep=;\r\nnombre;valor\r\nMixco;1,5\r\n"), tmp_path
    )
    assert (table.detection["delimiter"], table.detection["skipped_rows_above"]) == (
        ";",
        1,
    )
    assert rows(table) == [{ROW_COLUMN: 3, "nombre": "Mixco", "valor": "1,5"}]


def test_regular_sample_then_ragged_row_falls_back_to_the_slow_path(tmp_path):
    text = "a,b\n" + "1,2\n" * 300_000 + "3,4,5\n"
    (table,) = read(csv_file(tmp_path, text), tmp_path / "out")
    assert table.detection["engine"] == "python-csv"
    assert "Expected 2 columns" in table.detection["fast_path_fallback"]
    assert [c.name for c in table.columns] == ["a", "b", "columna_3"]
    assert table.row_count == 300_001
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["01-datos.parquet"]


def test_value_late_in_a_dropped_column_is_kept(tmp_path):
    text = "a,b,\n" + "1,2,\n" * 300_000 + "3,4,tarde\n"
    (table,) = read(csv_file(tmp_path, text), tmp_path / "out")
    assert [c.name for c in table.columns] == ["a", "b", "columna_3"]
    assert (
        table.detection["fast_path_fallback"] == "column 3 has values after the sample"
    )
    assert rows(table)[-1]["columna_3"] == "tarde"


def test_progress_is_reported_and_ends_with_the_total(tmp_path):
    text = "id,valor\n" + "".join(f"{i},{i * 2}\n" for i in range(120_000))
    calls = []
    read(
        csv_file(tmp_path, text),
        tmp_path / "out",
        progress=lambda done, total: calls.append((done, total)),
    )
    assert len(calls) >= 2
    assert calls[-1] == (120_000, 120_000)
    assert all(total is None or total >= done for done, total in calls)


def test_ine_workbook_with_merges_hidden_and_index_sheets(tmp_path):
    sheet, merges = corpus.ine_sheet()
    path = corpus.write_xlsx(
        tmp_path / "ine.xlsx",
        {
            "Índice": [["Cuadro 5.5"]],
            "5.5": sheet,
            "Tipos": corpus.typed_sheet(),
            "Oculta": [["dpi"], ["1234567890101"]],
        },
        merges={"5.5": merges},
        hidden=["Oculta"],
    )
    tables = read(path, tmp_path / "out")
    assert [t.name for t in tables] == ["5.5", "Tipos"]
    ine = tables[0]
    assert [c.title for c in ine.columns][:3] == [
        "Pueblo de pertenencia",
        "2018 - Ambos sexos",
        "2018 - Hombres",
    ]
    assert [r["pueblo_de_pertenencia"] for r in rows(ine)] == [
        "Total",
        "Maya",
        "Ladino",
    ]
    assert ine.detection["skipped_sheets"] == [
        {"sheet": "Índice", "reason": "index"},
        {"sheet": "Oculta", "reason": "hidden"},
    ]


def test_excel_cells_become_iso_dates_and_plain_numbers(tmp_path):
    path = corpus.write_xlsx(tmp_path / "tipos.xlsx", {"Datos": corpus.typed_sheet()})
    (table,) = read(path, tmp_path / "out")
    assert rows(table)[0] == {
        ROW_COLUMN: 2,
        "fecha": "2024-12-31",
        "hora": "2024-12-31T08:30:00",
        "monto": "1234.5",
        "entero": "12",
        "activo": "true",
        "codigo": "0101",
    }


def test_ods_without_merge_information(tmp_path):
    sheet = [
        ["Cuadro 1"],
        ["Pueblo", 2018, None, 2019, None],
        [None, "Hombres", "Mujeres", "Hombres", "Mujeres"],
        ["Maya", 1.5, 2, 3, 4],
        ["Xinka", 5, 6, 7, 8.25],
        ["Fecha de corte", dt.date(2024, 12, 31)],
    ]
    path = corpus.write_ods(tmp_path / "hoja.ods", {"Hoja1": sheet})
    (table,) = read(path, tmp_path / "out")
    assert table.detection["format"] == "ods"
    assert [c.title for c in table.columns] == [
        "Pueblo",
        "2018 - Hombres",
        "2018 - Mujeres",
        "2019 - Hombres",
        "2019 - Mujeres",
    ]
    assert [r["pueblo"] for r in rows(table)] == ["Maya", "Xinka", "Fecha de corte"]
    assert rows(table)[2]["c_2018_hombres"] == "2024-12-31"


def test_parquet_is_all_strings_after_the_row_number(tmp_path):
    path = corpus.write_xlsx(tmp_path / "tipos.xlsx", {"Datos": corpus.typed_sheet()})
    (table,) = read(path, tmp_path / "out")
    schema = pq.read_schema(table.path)
    assert schema.names[0] == ROW_COLUMN
    assert str(schema.field(ROW_COLUMN).type) == "int64"
    assert {str(schema.field(n).type) for n in schema.names[1:]} == {"string"}
    assert not list((tmp_path / "out").glob("*.part"))


@pytest.mark.parametrize(
    ("document", "shape", "first"),
    [
        ([{"a": 1}, {"a": 2.5, "b": None}], "array", {"a": "1", "b": None}),
        (
            {"success": True, "result": {"records": [{"a": 1}, {"a": 2}]}},
            "wrapped_array",
            {"a": "1"},
        ),
        ({"data": [{"a": 1}, {"a": 3}], "meta": {"n": 2}}, "wrapped_array", {"a": "1"}),
        (
            {"Mixco": 10, "Villa Nueva": 12},
            "key_value",
            {"clave": "Mixco", "valor": "10"},
        ),
        (["x", "y"], "array_of_values", {"valor": "x"}),
        (
            {"101": {"nombre": "Guatemala"}, "102": {"nombre": "Santa Catarina"}},
            "keyed_objects",
            {"clave": "101", "nombre": "Guatemala"},
        ),
    ],
)
def test_json_shapes(tmp_path, document, shape, first):
    path = tmp_path / "datos.json"
    path.write_text(json.dumps(document))
    (table,) = read(path, tmp_path / "out")
    assert (table.detection["shape"], table.row_count) == (shape, 2)
    assert rows(table)[0] == {ROW_COLUMN: 1, **first}


def test_json_flattening(tmp_path):
    path = tmp_path / "datos.json"
    path.write_text(json.dumps([{"a": 1, "b": {"c": True, "d": [1, 2]}}, {"a": 2.5}]))
    (table,) = read(path, tmp_path / "out")
    assert [(c.name, c.title) for c in table.columns] == [
        ("a", "a"),
        ("b_c", "b.c"),
        ("b_d", "b.d"),
    ]
    assert rows(table) == [
        {ROW_COLUMN: 1, "a": "1", "b_c": "true", "b_d": "[1,2]"},
        {ROW_COLUMN: 2, "a": "2.5", "b_c": None, "b_d": None},
    ]


def test_geojson_feature_collection(tmp_path):
    document = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"cod_mun": "101"},
                "geometry": {"type": "Point", "coordinates": [-90.5, 14.6]},
            },
            {"type": "Feature", "properties": {"cod_mun": "102"}, "geometry": None},
        ],
    }
    path = tmp_path / "puntos.geojson"
    path.write_text(json.dumps(document))
    (table,) = read(path, tmp_path / "out")
    assert rows(table) == [
        {
            ROW_COLUMN: 1,
            "cod_mun": "101",
            "geometry": '{"type":"Point","coordinates":[-90.5,14.6]}',
        },
        {ROW_COLUMN: 2, "cod_mun": "102", "geometry": None},
    ]


def test_json_array_of_arrays_gets_header_detection(tmp_path):
    document = [["Cuadro 1"], ["municipio", "casos"], ["Mixco", 10], ["Total", 10]]
    path = tmp_path / "tabla.json"
    path.write_text(json.dumps(document))
    (table,) = read(path, tmp_path / "out")
    assert [c.title for c in table.columns] == ["municipio", "casos"]
    assert rows(table) == [{ROW_COLUMN: 3, "municipio": "Mixco", "casos": "10"}]
