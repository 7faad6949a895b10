"""Deterministic generators of the demo's files: CSV, JSON and GeoJSON.

Every value comes from a ``random.Random`` seeded with the file's name, so the same
catalog gives the same bytes on every machine. Every row (or feature) carries a
``nota`` saying it is demo data. A file's earlier revision covers one year less and
its rows are exactly the first rows of the later one, as when an institution adds
a year to a file it publishes.
"""

import csv
import datetime as dt
import io
import json
import random
from dataclasses import dataclass
from itertools import product

from ceiba.catalog.vocabularies.places import DEPARTMENTS, MUNICIPALITIES
from ceiba.demo.catalog.spec import DemoFile, Measure, Points, Table

NOTE = "DATO DE DEMOSTRACIÓN"
NOTICE = "Datos de demostración: las cifras son generadas y no son oficiales."

_DEPARTMENT_NAME = {d.code: d.es for d in DEPARTMENTS}

# Approximate coordinates (latitude, longitude) of each department's capital.
DEPARTMENT_CENTRES: dict[str, tuple[float, float]] = {
    "01": (14.63, -90.51), "02": (14.85, -90.07), "03": (14.56, -90.73),
    "04": (14.66, -90.82), "05": (14.30, -90.79), "06": (14.28, -90.30),
    "07": (14.77, -91.18), "08": (14.91, -91.36), "09": (14.84, -91.52),
    "10": (14.53, -91.50), "11": (14.54, -91.68), "12": (14.96, -91.79),
    "13": (15.32, -91.47), "14": (15.03, -91.15), "15": (15.10, -90.32),
    "16": (15.47, -90.37), "17": (16.93, -89.89), "18": (15.73, -88.59),
    "19": (14.97, -89.53), "20": (14.80, -89.54), "21": (14.63, -89.99),
    "22": (14.29, -89.90),
}  # fmt: skip

_PERIOD_COLUMNS = {
    "anio": ["anio"],
    "trimestre": ["anio", "trimestre"],
    "mes": ["anio", "mes"],
    "dia": ["fecha"],
    "": [],
}
_GEO_COLUMNS = {
    "departamento": ["departamento_codigo", "departamento"],
    "municipio": [
        "departamento_codigo",
        "departamento",
        "municipio_codigo",
        "municipio",
    ],
    "": [],
}

Cell = str | int | float


@dataclass(frozen=True)
class GeneratedTable:
    header: list[str]
    decimals: list[int | None]  # per column; None for text
    rows: list[list[Cell]]


def table_columns(table: Table) -> list[str]:
    return [
        *_PERIOD_COLUMNS[table.period],
        *_GEO_COLUMNS[table.geo],
        *(c.column for c in table.categories),
        *(m.name for m in table.measures),
        "nota",
    ]


def points_properties(points: Points) -> list[str]:
    dated = ["fecha"] if points.year else []
    measures = [m.name for m in points.measures]
    return [
        "codigo",
        "nombre",
        *dated,
        "departamento_codigo",
        "departamento",
        *measures,
        "nota",
    ]


def file_render(demo_file: DemoFile, *, earlier: bool = False) -> bytes:
    """The bytes of ``demo_file``; with ``earlier``, of its first revision."""
    content = demo_file.content
    if isinstance(content, Points):
        return points_geojson(content, seed=demo_file.filename)
    last_year = content.years[1] - 1 if earlier else None
    table = table_generate(content, seed=demo_file.filename, last_year=last_year)
    name = demo_file.earlier_filename if earlier else demo_file.filename
    if name.endswith(".json"):
        return table_json(table)
    return table_csv(table, semicolon=content.semicolon)


def table_generate(
    table: Table, *, seed: str, last_year: int | None = None
) -> GeneratedTable:
    """Rows ordered by period, then place, then category, so that fewer years give
    a prefix of the same rows."""
    rng = random.Random(f"ceiba-demo:{seed}")  # noqa: S311 - demo figures, not secrets
    places = _places(table)
    place_weight = [_place_weight(p, rng) for p in places]
    combos = list(product(*(c.values for c in table.categories)))
    combo_weight = [rng.uniform(0.2, 1.0) for _ in combos]
    first, last = table.years[0], last_year or table.years[1]
    rows: list[list[Cell]] = []
    for year, period_cells in _periods(table.period, first, last):
        month = period_cells[1] if table.period == "mes" else None
        for place, p_weight in zip(places, place_weight, strict=True):
            for combo, c_weight in zip(combos, combo_weight, strict=True):
                weight = 0.6 * p_weight + 0.4 * c_weight if place else c_weight
                values = [
                    _value(m, weight * _season(m, month), year - first, rng)
                    for m in table.measures
                ]
                rows.append([*period_cells, *place, *combo, *values, NOTE])
    text_columns = len(table_columns(table)) - len(table.measures) - 1
    decimals = [None] * text_columns + [m.decimals for m in table.measures] + [None]
    return GeneratedTable(header=table_columns(table), decimals=decimals, rows=rows)


def table_csv(table: GeneratedTable, *, semicolon: bool = False) -> bytes:
    """UTF-8 CSV; ``semicolon`` gives ``;`` separators and decimal commas."""
    buffer = io.StringIO()
    writer = csv.writer(
        buffer, delimiter=";" if semicolon else ",", lineterminator="\n"
    )
    writer.writerow(table.header)
    for row in table.rows:
        writer.writerow(
            [_format(v, d, semicolon) for v, d in zip(row, table.decimals, strict=True)]
        )
    return buffer.getvalue().encode("utf-8")


def table_json(table: GeneratedTable) -> bytes:
    document = {
        "aviso": NOTICE,
        "columnas": table.header,
        "registros": [dict(zip(table.header, row, strict=True)) for row in table.rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def points_geojson(points: Points, *, seed: str) -> bytes:
    rng = random.Random(f"ceiba-demo:{seed}")  # noqa: S311 - demo figures, not secrets
    codes = [
        code
        for code in DEPARTMENT_CENTRES
        if not points.within or code in points.within
    ]
    features = [
        _feature(points, n, rng.choice(codes), rng) for n in range(1, points.count + 1)
    ]
    document = {
        "type": "FeatureCollection",
        "name": points.feature,
        "aviso": NOTICE,
        "features": features,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _feature(points: Points, number: int, code: str, rng: random.Random) -> dict:
    lat, lon = DEPARTMENT_CENTRES[code]
    properties: dict[str, Cell] = {
        "codigo": f"DEMO-{number:03d}",
        "nombre": f"{points.feature} {number:03d}",
    }
    if points.year:
        day = dt.date(points.year, 1, 1) + dt.timedelta(days=rng.randrange(365))
        properties["fecha"] = day.isoformat()
    properties["departamento_codigo"] = code
    properties["departamento"] = _DEPARTMENT_NAME[code]
    for measure in points.measures:
        properties[measure.name] = _value(measure, rng.random(), 0, rng)
    properties["nota"] = NOTE
    coordinates = [
        round(lon + rng.uniform(-0.15, 0.15), 5),
        round(lat + rng.uniform(-0.12, 0.12), 5),
    ]
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": "Point", "coordinates": coordinates},
    }


def _places(table: Table) -> list[tuple[str, ...]]:
    within = set(table.within)
    if table.geo == "departamento":
        return [(d.code, d.es) for d in DEPARTMENTS if not within or d.code in within]
    if table.geo == "municipio":
        return [
            (m.code[:2], _DEPARTMENT_NAME[m.code[:2]], m.code, m.es)
            for m in MUNICIPALITIES
            if not within or m.code[:2] in within
        ]
    return [()]


def _place_weight(place: tuple[str, ...], rng: random.Random) -> float:
    """The capital (department 01, municipality 0101) is the largest everywhere."""
    weight = rng.uniform(0.1, 0.75)
    return 1.0 if place and place[-2] in {"01", "0101"} else weight


def _periods(period: str, first: int, last: int) -> list[tuple[int, list[Cell]]]:
    years = range(first, last + 1)
    if period == "anio":
        return [(y, [y]) for y in years]
    if period == "trimestre":
        return [(y, [y, q]) for y in years for q in range(1, 5)]
    if period == "mes":
        return [(y, [y, m]) for y in years for m in range(1, 13)]
    if period == "dia":
        start, end = dt.date(first, 1, 1), dt.date(last, 12, 31)
        days = (start + dt.timedelta(days=n) for n in range((end - start).days + 1))
        return [(d.year, [d.isoformat()]) for d in days]
    return [(first, [])]


def _season(measure: Measure, month: Cell | None) -> float:
    if not measure.season or not isinstance(month, int):
        return 1.0
    return measure.season[month - 1]


def _value(
    measure: Measure, weight: float, years_since: int, rng: random.Random
) -> Cell:
    span = measure.high - measure.low
    raw = measure.low + span * min(1.0, weight * rng.uniform(0.85, 1.15))
    raw *= (1 + measure.growth) ** years_since
    if measure.decimals == 0:
        return round(raw)
    return round(raw, measure.decimals)


def _format(value: Cell, decimals: int | None, decimal_comma: bool) -> str:
    if decimals is None or isinstance(value, str):
        return str(value)
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if decimal_comma else text
