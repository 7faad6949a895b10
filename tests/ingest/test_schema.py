"""Table Schema inference over raw tables (every cell text), in DuckDB."""

import json
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ceiba.datastore.schema import normalised_schema
from ceiba.ingest.schema import (
    SAMPLE_ROWS,
    infer_schema,
)
from ceiba.ingest.typing_rules import (
    MISSING_VALUES,
    TYPE_THRESHOLD,
    InvalidSchemaError,
    number_separators,
)


def write_raw(path: Path, columns: dict[str, list[str | None]]) -> Path:
    """A raw table as the readers write it: ``__row`` (from 2, under a header) and
    one text column per entry."""
    size = len(next(iter(columns.values())))
    data = {"__row": pa.array(range(2, size + 2), pa.int64())}
    data |= {name: pa.array(values, pa.string()) for name, values in columns.items()}
    pq.write_table(pa.table(data), path)
    return path


def infer(
    tmp_path: Path, columns: dict[str, list[str | None]], **detection: str
) -> dict[str, dict[str, Any]]:
    raw = write_raw(tmp_path / "raw.parquet", columns)
    schema = infer_schema(raw, [(name, name.title()) for name in columns], detection)
    return {field["name"]: field for field in schema["fields"]}


def kind(field: dict[str, Any]) -> tuple[Any, ...]:
    return (
        field["type"],
        field.get("format"),
        field.get("decimalChar"),
        field.get("groupChar"),
    )


def test_the_schema_has_the_frictionless_shape(tmp_path):
    raw = write_raw(tmp_path / "raw.parquet", {"monto": ["1,5", "2"], "x": ["a", "b"]})
    schema = infer_schema(raw, [("monto", "Monto (Q)"), ("x", "X")], {})
    assert schema == {
        "fields": [
            {
                "name": "monto",
                "title": "Monto (Q)",
                "type": "number",
                "description": "",
                "constraints": {},
                "decimalChar": ",",
            },
            {
                "name": "x",
                "title": "X",
                "type": "string",
                "description": "",
                "constraints": {},
            },
        ],
        "missingValues": MISSING_VALUES,
    }


def test_the_schema_is_valid_table_schema_2_0(tmp_path, shared_dir):
    jsonschema = pytest.importorskip("jsonschema")
    profiles = shared_dir / "standards" / "frictionless"
    fields = infer(
        tmp_path,
        {
            "n": ["1.234", "5.000"],
            "d": ["31/12/2024", "01/01/2024"],
            "b": ["Sí", "No"],
            "t": ["x", "y"],
        },
        decimal_hint=",",
        thousands_hint=".",
    )
    profile = json.loads((profiles / "2.0" / "tableschema.json").read_text())
    schema = {"fields": list(fields.values()), "missingValues": MISSING_VALUES}
    jsonschema.Draft7Validator(profile).validate(schema)
    jsonschema.Draft7Validator(profile).validate(normalised_schema(schema))


def test_codes_with_leading_zeros_stay_text(tmp_path):
    departments = [f"{n:02d}" for n in range(1, 23)]
    municipalities = [f"{n:02d}{m:02d}" for n in range(1, 23) for m in (1, 2)][:22]
    fields = infer(tmp_path, {"depto": departments, "muni": municipalities})
    assert fields["depto"]["type"] == "string"
    assert fields["muni"]["type"] == "string"


def test_one_leading_zero_anywhere_in_the_column_keeps_it_text(tmp_path):
    """The sample cannot see row 25,000; the whole-column count does."""
    size = SAMPLE_ROWS * 3
    values = [str(1000 + n) for n in range(size)]
    values[25_000] = "0999"
    assert infer(tmp_path, {"codigo": values})["codigo"]["type"] == "string"
    values[25_000] = "999"
    assert infer(tmp_path, {"codigo": values})["codigo"]["type"] == "integer"


def test_thirteen_digit_identifiers_stay_text(tmp_path):
    fields = infer(
        tmp_path,
        {
            "cui": ["2456789012101", "1987654320101", "3000000000101"],
            "monto": ["245678901210", "198765432010", "300000000010"],
        },
    )
    assert fields["cui"]["type"] == "string"
    assert fields["monto"]["type"] == "integer"


def test_decimal_comma_with_the_readers_hints(tmp_path):
    fields = infer(
        tmp_path,
        {"monto": ["1.234,56", "12,5", "1.000.000,00", "-3"]},
        decimal_hint=",",
        thousands_hint=".",
    )
    assert kind(fields["monto"]) == ("number", None, ",", ".")


def test_decimal_comma_decided_by_the_column_without_hints(tmp_path):
    fields = infer(
        tmp_path,
        {
            "tasa": ["12,5", "3,75", "100"],
            "monto": ["415,210,000.00", "1,234.5", "12.25"],
            "precio": ["1.234,56", "12,5", "7"],
        },
    )
    assert kind(fields["tasa"]) == ("number", None, ",", None)
    assert kind(fields["monto"]) == ("number", None, None, ",")
    assert kind(fields["precio"]) == ("number", None, ",", ".")


def test_ambiguous_separators_read_the_guatemalan_way_unless_hinted(tmp_path):
    columns = {"a": ["1,234", "5,000"], "b": ["1.234", "5.500"]}
    fields = infer(tmp_path, columns)
    assert kind(fields["a"]) == ("integer", None, None, ",")
    assert kind(fields["b"]) == ("number", None, None, None)
    hinted = infer(tmp_path, columns, decimal_hint=",", thousands_hint=".")
    assert kind(hinted["a"]) == ("number", None, ",", None)
    assert kind(hinted["b"]) == ("integer", None, None, ".")


def test_number_separators_follow_the_hints():
    assert number_separators({"decimal_hint": ",", "thousands_hint": ""}) == [(",", "")]
    assert number_separators({"decimal_hint": ".", "thousands_hint": ","}) == [
        (".", ""),
        (".", ","),
    ]
    assert len(number_separators({})) == 6


def test_integers_and_numbers(tmp_path):
    fields = infer(
        tmp_path,
        {
            "entero": ["1", "-2", "+3", "400"],
            "decimal": ["1", "2", "3.5", "4"],
            "con_exponente": ["1e3", "2", "3", "4"],
        },
    )
    assert fields["entero"]["type"] == "integer"
    assert fields["decimal"]["type"] == "number"
    assert fields["con_exponente"]["type"] == "number"


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["2024-12-31", "2023-01-05"], ("date", None)),
        (["31/12/2024", "01/02/2024"], ("date", "%d/%m/%Y")),
        (["31-12-2024", "1-2-2024"], ("date", "%d-%m-%Y")),
        (["31/12/24", "01/02/24"], ("date", "%d/%m/%y")),
        (["01/02/2024", "03/04/2024", "12/11/2024"], ("date", "%d/%m/%Y")),
        (["12/31/2024", "01/25/2024", "02/03/2024"], ("date", "%m/%d/%Y")),
        (["31/12/2024 08:30", "01/02/2024 17:05"], ("datetime", "%d/%m/%Y %H:%M")),
        (["2024-12-31T08:30:00", "2024-01-01 10:00:00"], ("datetime", None)),
        (["2024-12-31T08:30:00Z", "2024-01-01T10:00:00.5+02:00"], ("datetime", None)),
        (["2024-12-31 00:00:00", "2024-01-01 00:00:00"], ("date", "%Y-%m-%d %H:%M:%S")),
    ],
)
def test_dates_and_datetimes(tmp_path, values, expected):
    field = infer(tmp_path, {"fecha": values})["fecha"]
    assert (field["type"], field.get("format")) == expected


def test_booleans(tmp_path):
    fields = infer(
        tmp_path,
        {
            "activo": ["Sí", "No", "si", "NO", "SÍ"],
            "ok": ["true", "False", "TRUE", "false", "true"],
            "tiene_agua": ["1", "0", "1", "1", "0"],
            "hijos": ["1", "0", "1", "1", "0"],
        },
    )
    assert fields["activo"]["type"] == "boolean"
    assert "SÍ" in fields["activo"]["trueValues"]
    assert "No" in fields["activo"]["falseValues"]
    assert fields["ok"]["type"] == "boolean"
    assert fields["tiene_agua"]["type"] == "boolean"
    assert fields["tiene_agua"]["trueValues"] == ["1"]
    assert fields["hijos"]["type"] == "integer"


def test_a_yes_no_question_title_makes_1_and_0_boolean(tmp_path):
    raw = write_raw(tmp_path / "raw.parquet", {"p12": ["1", "0", "0"]})
    schema = infer_schema(raw, [("p12", "¿Sabe leer?")], {})
    assert schema["fields"][0]["type"] == "boolean"


def test_mixed_columns_are_text(tmp_path):
    fields = infer(
        tmp_path,
        {
            "mezcla": ["1", "dos", "3", "cuatro"],
            "fechas_y_numeros": ["31/12/2024", "5", "01/01/2024", "7"],
            "nombre": ["Ana", "Luis", "Sí", "No"],
        },
    )
    assert {field["type"] for field in fields.values()} == {"string"}


@pytest.mark.parametrize("bad", [10, 11])
def test_the_99_percent_rule(tmp_path, bad):
    """TYPE_THRESHOLD of the non-missing values must parse; the rest become type
    errors in validation. Missing values do not count either way."""
    values = [str(n) for n in range(1000 - bad)] + ["x"] * bad + ["N/A"] * 50
    field = infer(tmp_path, {"n": values})["n"]
    parses = (1000 - bad) >= TYPE_THRESHOLD * 1000
    assert field["type"] == ("integer" if parses else "string")
    assert parses == (bad == 10)


def test_missing_values_are_ignored_and_an_empty_column_is_text(tmp_path):
    fields = infer(
        tmp_path,
        {
            "n": ["", "N/A", "5", "SIN DATO", "-", None, "7"],
            "vacia": ["", "NA", "--", None, "n/d", "ND", ""],
        },
    )
    assert fields["n"]["type"] == "integer"
    assert fields["vacia"]["type"] == "string"


def test_names_from_files_cannot_break_the_sql(tmp_path):
    names = ['a"b', "it's", "año 2024", "SELECT", "x;DROP TABLE t"]
    raw = write_raw(tmp_path / "raw.parquet", {name: ["1", "2"] for name in names})
    schema = infer_schema(raw, [(name, name) for name in names], {})
    assert [field["type"] for field in schema["fields"]] == ["integer"] * 5


def test_an_unknown_column_is_refused(tmp_path):
    raw = write_raw(tmp_path / "raw.parquet", {"a": ["1"]})
    with pytest.raises(InvalidSchemaError):
        infer_schema(raw, [("b", "B")], {})


def test_a_large_table_is_decided_over_every_row(tmp_path):
    """Proposals come from a sample; the whole column decides: dates with a few
    bad values still parse at 99%, and the first rows alone would mislead."""
    raw = tmp_path / "raw.parquet"
    rows = 200_000
    duckdb.sql(
        f"""COPY (SELECT i + 2 AS __row,
            CASE WHEN i % 1000 = 7 THEN 'no date'
                 ELSE strftime(DATE '2020-01-01' + (i % 900)::INT, '%d/%m/%Y') END
                AS fecha,
            CASE WHEN i < 500 THEN 'texto' ELSE (i * 3)::VARCHAR END AS cantidad
            FROM range({rows}) t(i)) TO '{raw}' (FORMAT parquet)"""
    )
    schema = infer_schema(raw, [("fecha", "Fecha"), ("cantidad", "Cantidad")], {})
    fecha, cantidad = schema["fields"]
    assert (fecha["type"], fecha["format"]) == ("date", "%d/%m/%Y")
    assert cantidad["type"] == "integer"


def test_normalised_schema_describes_the_typed_copies():
    schema = {
        "fields": [
            {"name": "m", "type": "number", "decimalChar": ",", "groupChar": "."},
            {"name": "f", "type": "date", "format": "%d/%m/%Y"},
            {
                "name": "b",
                "type": "boolean",
                "trueValues": ["Sí"],
                "falseValues": ["No"],
            },
        ],
        "missingValues": MISSING_VALUES,
    }
    assert normalised_schema(schema) == {
        "fields": [
            {"name": "m", "type": "number"},
            {"name": "f", "type": "date"},
            {"name": "b", "type": "boolean"},
        ],
        "missingValues": [""],
    }
