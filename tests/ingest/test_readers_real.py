"""The real Guatemalan files in ../shared/data/gt (see SOURCES.md there), read into
raw tables: exact row counts, titles and what was detected."""

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from ceiba.ingest.raw import ROW_COLUMN, RawTable, ReadError, read_table_file

GT = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "gt"


@pytest.fixture(scope="module")
def gt() -> Path:
    if not GT.is_dir():
        pytest.skip(f"{GT} is absent: the real Guatemalan files are not available")
    return GT


def read(path: Path, out: Path) -> list[RawTable]:
    return read_table_file(path, filename=path.name, out_dir=out)


def one(path: Path, out: Path) -> RawTable:
    (table,) = read(path, out)
    return table


def titles(table: RawTable) -> list[str]:
    return [column.title for column in table.columns]


def cells(table: RawTable, row: int = 0) -> list:
    return list(pq.read_table(table.path).slice(row, 1).to_pylist()[0].values())


def by_name(tables: list[RawTable]) -> dict[str, RawTable]:
    return {table.name: table for table in tables}


def test_compendio_1_12_windows_1252_semicolons(gt, tmp_path):
    table = one(gt / "educacion/compendio2013/1.12.csv", tmp_path)
    assert (table.row_count, titles(table)) == (22, ["x", "y"])
    detection = table.detection
    assert detection["encoding"] == "windows-1252"
    assert (detection["delimiter"], detection["line_terminator"]) == (";", "\r\n")
    assert detection["dropped_empty_columns"] == 6
    assert detection["decimal_hint"] == "."
    rows = pq.read_table(table.path).to_pylist()
    assert {ROW_COLUMN: 4, "x": "Sacatepéquez", "y": "54.73"} in rows


def test_munis2017_bom_crlf_and_mixed_amounts(gt, tmp_path):
    table = one(gt / "presupuesto/munis2017.csv", tmp_path)
    # SOURCES.md counts 7,450 records: the last one is ",,,,," (blank), dropped.
    assert table.row_count == 7449
    assert table.detection["blank_rows_dropped"] == 1
    assert len(table.columns) == 18
    assert titles(table)[:3] == ["Ejercicio", "Código Entidad", "Entidad"]
    assert table.columns[1].name == "codigo_entidad"
    assert table.detection["encoding"] == "utf-8-sig"
    assert (table.detection["decimal_hint"], table.detection["thousands_hint"]) == (
        ".",
        ",",
    )
    assert cells(table)[:4] == [2, "2017", "12100101", "MUNICIPALIDAD DE GUATEMALA"]
    assert cells(table)[14:17] == ["415,210,000.00", "0", "415210000"]


def test_elecciones_preamble_lines(gt, tmp_path):
    table = one(gt / "elecciones/gtm2023_e4d11m04.csv", tmp_path)
    assert (table.row_count, len(table.columns)) == (29, 33)
    assert table.detection["skipped_rows_above"] == 5
    assert titles(table)[:2] == ["MESA", "DEPARTAMENTO"]
    assert "CÓDIGO_INTEGRIDAD" in titles(table)
    assert cells(table)[0] == 7
    assert table.columns[titles(table).index("PADRÓN")].name == "padron"


def test_clima_two_header_rows(gt, tmp_path):
    table = one(gt / "clima/database.csv", tmp_path)
    assert (table.row_count, len(table.columns)) == (6018, 69)
    assert table.detection["header_rows"] == 2
    assert titles(table)[:3] == ["FECHA", "VARIABLE", "INS200501CV - CAMOTAN"]
    assert cells(table)[:4] == [3, "1/1/2022", "LLUVIA", "0"]


@pytest.mark.parametrize(
    ("folder", "total", "sin_datos"), [("confirmed", 17004, 22), ("deaths", 6463, 0)]
)
def test_covid_total_rows_dropped_sin_datos_kept(
    gt, tmp_path, folder, total, sin_datos
):
    count = kept = 0
    for path in sorted((gt / "covid19" / folder).glob("*.csv")):
        table = one(path, tmp_path / path.stem)
        (dropped,) = table.detection["dropped_rows_below"]
        assert "| Total |" in dropped["text"]
        dates = pq.read_table(table.path).column(2).to_pylist()
        count, kept = count + table.row_count, kept + dates.count("SIN DATOS")
    # SOURCES.md: 17,026 and 6,485 rows including one Total row in each of 22 files.
    assert (count, kept) == (total, sin_datos)


def test_covid_guatemala(gt, tmp_path):
    table = one(gt / "covid19/confirmed/Guatemala.csv", tmp_path)
    assert table.row_count == 828
    assert [c.name for c in table.columns][:2] == ["columna_1", "fecha"]
    assert cells(table, 827)[:3] == [829, "828", "SIN DATOS"]


def test_establecimientos_blank_rows(gt, tmp_path):
    table = one(gt / "educacion/establecimientos.csv", tmp_path)
    # 9,354 records of which 23 are entirely empty.
    assert (table.row_count, table.detection["blank_rows_dropped"]) == (9331, 23)
    assert table.detection["decimal_hint"] is None


def test_ipc_wide_table(gt, tmp_path):
    table = one(gt / "precios/Guatemala_IPC_2010.csv", tmp_path)
    assert (table.row_count, len(table.columns)) == (157, 280)
    assert table.columns[1].name == "c_0111101"


def test_violencia_intrafamiliar_ine_layout(gt, tmp_path):
    tables = by_name(read(gt / "seguridad/Violencia Intrafamiliar.xlsx", tmp_path))
    assert list(tables) == ["5.5", "5.6", "5.7"]
    table = tables["5.5"]
    assert table.row_count == 8
    assert titles(table)[:4] == [
        "pueblo de pertenencia",
        "2018 - Ambos sexos",
        "2018 - Hombres",
        "2018 - Mujeres",
    ]
    assert table.detection["skipped_rows_above"] == 5
    dropped = [row["text"][:8] for row in table.detection["dropped_rows_below"]]
    assert dropped == ["Fuente: ", "1/Cifras"]
    assert cells(table)[:3] == [8, "Total", "29992"]
    assert (tables["5.6"].row_count, tables["5.7"].row_count) == (16, 7)


def test_muertes_violentas_three_row_header(gt, tmp_path):
    path = (
        gt
        / "seguridad/Muertes_violentas_por_sexo_según_causa_de_muerte_2018_y_2022.xlsx"
    )
    tables = by_name(read(path, tmp_path))
    assert list(tables) == ["5.13_2018", "2018", "5.13_2022", "2022"]
    table = tables["5.13_2018"]
    assert (table.row_count, table.detection["header_rows"]) == (17, 3)
    assert titles(table)[:3] == [
        "Sexo y edad quinquenal",
        "Causa de muerte - Total",
        "Causa de muerte - Total - Hombre",
    ]
    assert table.detection["skipped_sheets"] == [{"sheet": "Índice", "reason": "index"}]
    assert [c.name for c in tables["2018"].columns][:5] == [
        "columna_1",
        "mujer",
        "hombre",
        "ignorado",
        "mujer_2",
    ]


def test_muertes_de_mujeres_footnote_mark(gt, tmp_path):
    path = gt / (
        "seguridad/Muertes_Violentas_de_Mujeres_relacionadas_con_hechos_delictivos"
        "_2018-2022.xlsx"
    )
    tables = by_name(read(path, tmp_path))
    table = tables["5.14_PNC"]
    assert table.row_count == 8
    assert titles(table)[-1] == "2022⅟ - Mujeres"
    assert table.detection["first_column"] == 2
    assert cells(table)[:3] == [9, "Total de causa", "570"]


def test_defunciones_workbook(gt, tmp_path):
    tables = by_name(read(gt / "vitales/2023_defunciones.xlsx", tmp_path))
    assert len(tables) == 17
    skipped = tables["Serie histórica"].detection["skipped_sheets"]
    assert [s["sheet"] for s in skipped] == [
        "Contenido",
        "Presentación",
        "Nota Técnica",
    ]
    serie = tables["Serie histórica"]
    assert serie.row_count == 25
    assert titles(serie)[:2] == [
        "Departamento de residencia",
        "Año de ocurrencia - 2019",
    ]
    assert tables["2 Depto. sexo y edades simples"].row_count == 2550
    external = tables["15 Causa externa sexo y depto."]
    assert external.row_count == 161
    values = pq.read_table(external.path).column(2).to_pylist()
    assert any(v.startswith("Agresiones (X85-Y09)") for v in values)


def test_nacimientos_workbook(gt, tmp_path):
    tables = by_name(read(gt / "vitales/2023_nacimientos.xlsx", tmp_path))
    assert len(tables) == 22
    hijos = tables["9 Hijos tenidos edades simples"]
    assert titles(hijos)[:4] == ["Edad de la madre", "Total", "1", "2"]
    assert hijos.row_count == 51


def test_compendio_c5_unlabeled_totals_row(gt, tmp_path):
    path = gt / "educacion/compendio2013/C5 Inscritos Edad Simple 18022015.xlsx"
    tables = read(path, tmp_path)
    assert len(tables) == 16
    assert tables[0].detection["skipped_sheets"] == [
        {"sheet": "Hoja2", "reason": "empty"}
    ]
    totales = tables[0]
    assert (totales.name, totales.row_count) == ("TOTALES", 28)
    assert titles(totales)[:4] == [
        "Edades simples",
        "TOTALES",
        "Estudiantes - Hombres",
        "Estudiantes - Mujeres",
    ]
    (dropped,) = totales.detection["dropped_rows_below"]
    assert dropped["row"] == 35
    umg = by_name(tables)["UMG"]
    assert umg.detection["dropped_rows_below"][0]["text"].startswith("Total:")


def test_estructura_primaria_legacy_xls(gt, tmp_path):
    tables = read(gt / "educacion/compendio2013/Estructura primaria.xls", tmp_path)
    assert len(tables) == 25
    assert tables[0].detection["format"] == "xls"
    assert [t.row_count for t in tables[:3]] == [5, 2, 6]
    assert cells(tables[0]) == [2, "2009", "2659776"]


def test_poblacion_workbook(gt, tmp_path):
    tables = by_name(read(gt / "poblacion/Unificado de INE pob.xlsx", tmp_path))
    assert len(tables) == 6
    data = tables["DAta"]
    assert data.row_count == 924
    assert titles(data)[:4] == ["Departamento", "Rango etario", "Sexo", "2015"]
    assert (
        tables["Pivot"]
        .detection["dropped_rows_below"][0]["text"]
        .startswith("Total general")
    )


def test_presupuesto_ingresos(gt, tmp_path):
    path = gt / "presupuesto/presupuesto-ingresos-2016-gobierno-central.xlsx"
    table = one(path, tmp_path)
    assert (table.row_count, len(table.columns)) == (321, 20)
    assert cells(table)[3] == "MINISTERIO DE RELACIONES   EXTERIORES"


def test_indices_json_uneven_keys(gt, tmp_path):
    table = one(gt / "municipios/indices.json", tmp_path)
    assert (table.row_count, len(table.columns)) == (340, 13)
    assert [c.name for c in table.columns][:2] == ["id_municipio", "id_departamento"]
    assert table.detection["shape"] == "array"


def test_municipios_geojson(gt, tmp_path):
    path = gt / "limites/municipios_limites_340_carto.geojson"
    table = one(path, tmp_path)
    assert table.row_count == 340
    assert [c.name for c in table.columns] == [
        "cartodb_id",
        "mun",
        "cod_dep",
        "depto",
        "cod_mun",
        "area_geo",
        "geometry",
    ]
    geometry = json.loads(cells(table)[-1])
    assert geometry["type"] == "MultiPolygon"


def test_topojson_is_refused(gt, tmp_path):
    with pytest.raises(ReadError) as caught:
        read(gt / "limites/deptos.json", tmp_path)
    assert caught.value.code == "json_not_tabular"


def test_stations_object_becomes_key_value_rows(gt, tmp_path):
    table = one(gt / "clima/stationsname.json", tmp_path)
    assert (table.row_count, titles(table)) == (63, ["clave", "valor"])
    assert cells(table) == [1, "AMATITLAN", "INS011401AT"]
