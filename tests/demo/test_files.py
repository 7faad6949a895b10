"""The demo's content and its file generators: pure functions, no database."""

import csv
import io
import json

import pytest

from ceiba.catalog.vocabularies.places import MUNICIPALITIES
from ceiba.demo.catalog import DATASETS, INSTITUTIONS, DemoFile, Measure, Points, Table
from ceiba.demo.files import NOTE, NOTICE, file_render, table_columns

ALL_FILES = [f for d in DATASETS for f in d.files]


def _rows(content: bytes, delimiter: str = ",") -> list[dict[str, str]]:
    return list(
        csv.DictReader(io.StringIO(content.decode("utf-8")), delimiter=delimiter)
    )


def test_the_catalog_is_consistent() -> None:
    slugs = [d.slug for d in DATASETS]
    assert len(slugs) == len(set(slugs)) and 40 <= len(slugs) <= 60
    publishers = {i.slug for i in INSTITUTIONS}
    assert len(publishers) >= 15
    assert {d.publisher for d in DATASETS} == publishers
    names = [f.filename for f in ALL_FILES] + [
        f.earlier_filename for f in ALL_FILES if f.earlier_filename
    ]
    assert len(names) == len(set(names))
    assert all(n.endswith(("-demo.csv", "-demo.json", "-demo.geojson")) for n in names)


@pytest.mark.parametrize("demo_file", ALL_FILES, ids=lambda f: f.filename)
def test_every_file_is_small_deterministic_and_marked(demo_file: DemoFile) -> None:
    content = file_render(demo_file)

    assert content == file_render(demo_file)
    assert 500 < len(content) <= 200_000
    if demo_file.filename.endswith(".csv"):
        delimiter = ";" if demo_file.content.semicolon else ","
        rows = _rows(content, delimiter)
        assert list(rows[0]) == table_columns(demo_file.content)
        assert all(row["nota"] == NOTE for row in rows)
    else:
        document = json.loads(content)
        assert document["aviso"] == NOTICE


@pytest.mark.parametrize(
    "demo_file", [f for f in ALL_FILES if f.earlier_filename], ids=lambda f: f.filename
)
def test_an_earlier_revision_has_the_same_rows_and_one_year_less(
    demo_file: DemoFile,
) -> None:
    earlier, later = file_render(demo_file, earlier=True), file_render(demo_file)

    assert later.startswith(earlier) and len(later) > len(earlier)
    delimiter = ";" if demo_file.content.semicolon else ","
    last_year = demo_file.content.years[1]
    assert {r["anio"] for r in _rows(earlier, delimiter)} == {
        str(y) for y in range(demo_file.content.years[0], last_year)
    }


def test_semicolon_files_use_decimal_commas() -> None:
    table = Table((Measure("monto_q", 1000, 2000, 2),), (2023, 2024), semicolon=True)
    content = file_render(DemoFile("montos-demo.csv", "Montos", table))

    rows = _rows(content, ";")
    assert len(rows) == 2 * 22
    assert (
        rows[0]["departamento_codigo"] == "01"
        and rows[0]["departamento"] == "Guatemala"
    )
    whole, decimals = rows[0]["monto_q"].split(",")
    assert whole.isdigit() and len(decimals) == 2


def test_municipal_tables_have_every_municipality_with_its_ine_code() -> None:
    table = Table((Measure("total", 1, 10),), (2024, 2024), geo="municipio")
    rows = _rows(file_render(DemoFile("municipios-demo.csv", "Municipios", table)))

    assert [r["municipio_codigo"] for r in rows] == [m.code for m in MUNICIPALITIES]
    assert all(r["municipio_codigo"].startswith(r["departamento_codigo"]) for r in rows)


def test_points_are_geojson_features_inside_guatemala() -> None:
    points = Points("Estación de demostración", 25, (Measure("altitud_m", 5, 2900),))
    document = json.loads(
        file_render(DemoFile("puntos-demo.geojson", "Puntos", points))
    )

    assert document["type"] == "FeatureCollection" and len(document["features"]) == 25
    for feature in document["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert 13.5 < lat < 18 and -92.5 < lon < -88
        assert feature["properties"]["nota"] == NOTE
