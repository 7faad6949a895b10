"""Validation of raw tables against a Table Schema: planted errors are found,
exactly, and agree with the frictionless library."""

import copy
import csv
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ceiba.ingest.materialize import materialize
from ceiba.ingest.typing_rules import InvalidSchemaError, parse_sql, quote_literal
from ceiba.ingest.validation import validate


def write_raw(path: Path, columns: dict[str, list[str | None]]) -> Path:
    """A raw table as the readers write it: ``__row`` (from 2, under a header) and
    text columns."""
    size = len(next(iter(columns.values())))
    data = {"__row": pa.array(range(2, size + 2), pa.int64())}
    data |= {name: pa.array(values, pa.string()) for name, values in columns.items()}
    pq.write_table(pa.table(data), path)
    return path


SCHEMA = {
    "fields": [
        {
            "name": "id",
            "title": "Id",
            "type": "integer",
            "constraints": {"required": True, "unique": True},
        },
        {
            "name": "codigo",
            "title": "Código",
            "type": "string",
            "constraints": {"minLength": 4, "maxLength": 4, "pattern": "[0-9]+"},
        },
        {
            "name": "monto",
            "title": "Monto",
            "type": "number",
            "decimalChar": ",",
            "constraints": {"minimum": 0, "maximum": "1000000"},
        },
        {
            "name": "fecha",
            "title": "Fecha",
            "type": "date",
            "format": "%d/%m/%Y",
            "constraints": {"minimum": "01/01/2020", "exclusiveMaximum": "2025-01-01"},
        },
        {
            "name": "tipo",
            "title": "Tipo",
            "type": "string",
            "constraints": {"enum": ["A", "B"]},
        },
        {
            "name": "activo",
            "title": "Activo",
            "type": "boolean",
            "trueValues": ["Sí"],
            "falseValues": ["No"],
            "constraints": {"required": True},
        },
    ],
    "missingValues": ["", "N/A"],
}
ROWS = [
    ["1", "0101", "10,5", "31/12/2024", "A", "Sí"],  # row 2: valid
    ["2", "0102", "-1", "01/01/2019", "C", "No"],  # row 3
    ["", "", "N/A", "", "", ""],  # row 4: blank
    ["x", "12", "abc", "32/13/2024", "B", "tal vez"],  # row 5
    ["2", "0103", "1000001", "01/01/2025", "A", "N/A"],  # row 6
    ["", "0104a", "5", "05/05/2021", "A", "No"],  # row 7
]
PLANTED = [
    ("constraint-error", 3, "monto", "minimum"),
    ("constraint-error", 3, "fecha", "minimum"),
    ("constraint-error", 3, "tipo", "enum"),
    ("blank-row", 4, None, None),
    ("type-error", 5, "id", None),
    ("constraint-error", 5, "codigo", "minLength"),
    ("type-error", 5, "monto", None),
    ("type-error", 5, "fecha", None),
    ("type-error", 5, "activo", None),
    ("constraint-error", 6, "monto", "maximum"),
    ("constraint-error", 6, "fecha", "exclusiveMaximum"),
    ("constraint-error", 6, "activo", "required"),
    ("unique-error", 6, "id", None),
    ("constraint-error", 7, "id", "required"),
    ("constraint-error", 7, "codigo", "maxLength"),
    ("constraint-error", 7, "codigo", "pattern"),
]


def raw_table(path: Path, rows: list[list[str]], schema: dict = SCHEMA) -> Path:
    names = [field["name"] for field in schema["fields"]]
    return write_raw(path, {n: [row[i] for row in rows] for i, n in enumerate(names)})


def found(report: dict) -> list[tuple]:
    return [
        (e["type"], e["rowNumber"], e["fieldName"], _constraint(e["note"]))
        for e in report["errors"]
    ]


def _constraint(note: str) -> str | None:
    return note.split('"')[1] if note.startswith("constraint ") else None


def test_finds_exactly_the_planted_errors_in_frictionless_order(tmp_path):
    report = validate(raw_table(tmp_path / "raw.parquet", ROWS), SCHEMA)
    assert found(report) == PLANTED
    assert report["valid"] is False
    assert report["stats"] == {"rows": 6, "errors": 16, "fields": 6}
    assert report["summary"] == {
        "constraint-error": 10,
        "blank-row": 1,
        "type-error": 4,
        "unique-error": 1,
    }
    assert report["rowsWithErrors"] == 5


def test_the_typed_copy_gives_the_same_report_without_parsing_again(tmp_path):
    raw = raw_table(tmp_path / "raw.parquet", ROWS * 700)  # several row groups
    typed, csv_out = tmp_path / "typed.parquet", tmp_path / "typed.csv"
    materialize(raw, SCHEMA, typed, csv_out)
    parsed = validate(raw, SCHEMA, max_errors=5000)
    read = validate(raw, SCHEMA, max_errors=5000, typed_path=typed)
    assert read == parsed
    assert read["summary"]["unique-error"] == 3 * 700 - 2  # ids 1, 2, 2 a block


def test_a_typed_copy_of_another_table_is_refused(tmp_path):
    raw = raw_table(tmp_path / "raw.parquet", ROWS)
    other = raw_table(tmp_path / "other.parquet", ROWS[:3])
    typed = tmp_path / "typed.parquet"
    materialize(other, SCHEMA, typed, tmp_path / "typed.csv")
    with pytest.raises(InvalidSchemaError):
        validate(raw, SCHEMA, typed_path=typed)


def test_errors_carry_frictionless_keys_and_plain_english_messages(tmp_path):
    errors = validate(raw_table(tmp_path / "raw.parquet", ROWS), SCHEMA)["errors"]
    by_place = {(e["rowNumber"], e["fieldName"], e["type"]): e for e in errors}
    assert by_place[(5, "monto", "type-error")] == {
        "type": "type-error",
        "title": "Type Error",
        "description": "The value does not match the field's type.",
        "message": 'Row 5, column "Monto": "abc" is not a number with "," as '
        "decimal separator.",
        "note": 'type is "number/default"',
        "rowNumber": 5,
        "fieldName": "monto",
        "fieldNumber": 3,
        "cell": "abc",
    }
    messages = {key: error["message"] for key, error in by_place.items()}
    assert messages[(4, None, "blank-row")] == "Row 4 is empty."
    assert messages[(6, "id", "unique-error")] == (
        'Row 6, column "Id": "2" repeats row 3; the column must be unique.'
    )
    assert messages[(3, "tipo", "constraint-error")] == (
        'Row 3, column "Tipo": "C" is not one of the allowed values (A, B).'
    )
    assert messages[(5, "fecha", "type-error")] == (
        'Row 5, column "Fecha": "32/13/2024" is not a date (DD/MM/YYYY).'
    )
    assert messages[(6, "activo", "constraint-error")] == (
        'Row 6, column "Activo": a value is required, but the cell is empty.'
    )


def test_a_valid_table(tmp_path):
    report = validate(raw_table(tmp_path / "raw.parquet", ROWS[:1]), SCHEMA)
    assert report == {
        "valid": True,
        "stats": {"rows": 1, "errors": 0, "fields": 6},
        "errors": [],
        "summary": {},
        "rowsWithErrors": 0,
    }


def test_counts_cover_the_whole_table_and_details_stop_at_max_errors(tmp_path):
    raw = tmp_path / "raw.parquet"
    duckdb.sql(
        f"""COPY (SELECT i + 2 AS __row,
                CASE WHEN i % 10 = 3 THEN 'x' ELSE i::VARCHAR END AS n,
                CASE WHEN i % 1000 = 0 THEN '' ELSE 'a' END AS s
            FROM range(300000) t(i)) TO '{raw}' (FORMAT parquet)"""
    )
    schema = {
        "fields": [
            {"name": "n", "type": "integer"},
            {"name": "s", "type": "string", "constraints": {"required": True}},
        ]
    }
    report = validate(raw, schema, max_errors=25)
    assert report["summary"] == {"type-error": 30000, "constraint-error": 300}
    assert report["stats"]["errors"] == 30300
    assert report["rowsWithErrors"] == 30300
    assert len(report["errors"]) == 25
    assert [e["rowNumber"] for e in report["errors"][:3]] == [2, 5, 15]
    assert report["errors"][0]["type"] == "constraint-error"


def test_a_publisher_can_change_the_schema_and_validate_again(tmp_path):
    raw = raw_table(tmp_path / "raw.parquet", ROWS)
    edited = copy.deepcopy(SCHEMA)
    for field in edited["fields"]:
        field["type"], field["constraints"] = "string", {}
        field.pop("format", None)
    report = validate(raw, edited)
    assert found(report) == [("blank-row", 4, None, None)]
    edited["missingValues"] = []
    assert validate(raw, edited)["valid"] is True


def test_missing_values_come_from_the_schema(tmp_path):
    columns = {"id": ["1", "2", "3"], "t": ["21.5", "-99.9", "n/d"]}
    raw = write_raw(tmp_path / "raw.parquet", columns)
    fields = [{"name": "id", "type": "integer"}, {"name": "t", "type": "number"}]
    schema = {"fields": fields, "missingValues": [""]}
    assert [e["cell"] for e in validate(raw, schema)["errors"]] == ["n/d"]
    schema["missingValues"] = ["", "-99.9", "n/d"]
    assert validate(raw, schema)["valid"] is True
    schema["fields"][1]["missingValues"] = [""]  # a field's own list wins
    assert validate(raw, schema)["summary"] == {"type-error": 1}


def test_label_errors(tmp_path):
    raw = write_raw(tmp_path / "raw.parquet", {"a": ["1"], "b": ["2"], "extra": ["3"]})
    schema = {
        "fields": [
            {"name": "a", "title": "Año"},
            {"name": "b", "title": "Año"},
            {"name": "c", "title": " "},
        ]
    }
    errors = validate(raw, schema)["errors"]
    assert [(e["type"], e["fieldName"], e["fieldNumber"]) for e in errors] == [
        ("duplicate-label", "b", 2),
        ("blank-label", "c", 3),
        ("missing-label", "c", 3),
        ("extra-label", "extra", 3),
    ]
    assert errors[0]["message"] == 'Column 2 ("Año") repeats the name of column 1.'


def test_a_schema_that_cannot_be_checked_is_refused(tmp_path):
    raw = write_raw(tmp_path / "raw.parquet", {"a": ["1"]})
    pattern = {"fields": [{"name": "a", "constraints": {"pattern": "(unclosed"}}]}
    with pytest.raises(InvalidSchemaError, match="regular expression"):
        validate(raw, pattern)
    fmt = {"fields": [{"name": "a", "type": "date", "format": "%Q/%m"}]}
    with pytest.raises(InvalidSchemaError, match="%Q"):
        validate(raw, fmt)


def test_constraint_values_are_read_in_the_field_format(tmp_path):
    raw = write_raw(tmp_path / "raw.parquet", {"m": ["1.500,5", "2.000,5"]})
    field = {"name": "m", "type": "number", "decimalChar": ",", "groupChar": "."}
    field["constraints"] = {"maximum": "2.000,0", "enum": ["1.500,5", 2000.5]}
    report = validate(raw, {"fields": [field]})
    assert found(report) == [("constraint-error", 3, "m", "maximum")]


ASCII_NUMBERS = st.text(alphabet="0123456789+-.eE_ \tinfatyINFATYx", max_size=10)


@given(ASCII_NUMBERS)
def test_integer_and_number_parsing_agree_with_python(text):
    """Frictionless reads integers with int() and numbers with Decimal()."""
    cell = quote_literal(text)
    integer, number = duckdb.sql(
        f"SELECT {parse_sql({'type': 'integer'}, cell)}, "
        f"{parse_sql({'type': 'number'}, cell)}"
    ).fetchall()[0]
    assert integer == _python(int, text)
    expected = _python(float, text)
    assert number == expected or (expected != expected and number != number)


def _python(kind: type, text: str) -> object:
    try:
        return kind(text)
    except ValueError:
        return None


def test_agrees_with_the_frictionless_library(tmp_path):
    frictionless = pytest.importorskip(
        "frictionless", reason="pip install frictionless (a dev extra) to compare"
    )
    schema = copy.deepcopy(SCHEMA)  # Frictionless reads exclusiveMaximum in v2 only
    schema["fields"][3]["constraints"] = {
        "minimum": "01/01/2020",
        "maximum": "31/12/2024",
    }
    names = [field["name"] for field in schema["fields"]]
    rows = ROWS * 40
    with (tmp_path / "data.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(names)
        writer.writerows(rows)
    theirs = frictionless.validate(
        frictionless.Resource(
            path="data.csv",
            basepath=str(tmp_path),
            schema=frictionless.Schema.from_descriptor(schema),
        ),
        limit_errors=10_000,
    )
    ours = validate(raw_table(tmp_path / "raw.parquet", rows), schema)
    assert [
        (e.type, e.row_number, getattr(e, "field_name", None))
        for e in theirs.tasks[0].errors
    ] == [(e["type"], e["rowNumber"], e["fieldName"]) for e in ours["errors"]]
    assert theirs.tasks[0].stats["rows"] == ours["stats"]["rows"]
