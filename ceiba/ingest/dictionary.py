"""Publishers' edits of a table's data dictionary (its Table Schema).

An edit is checked first (types, formats, limits and patterns the data can be
checked with), then the typed copies are written again from the raw table, which
never changes, and the table is validated again against the new dictionary.
"""

# ruff: noqa: S608 (names and values reach SQL through quote_identifier/quote_literal)

import datetime as dt
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
from django.utils.translation import gettext as _

from ceiba.catalog.exceptions import CatalogPermissionError
from ceiba.catalog.permissions import Actor, can_edit_dataset
from ceiba.datastore.models import DatastoreTable
from ceiba.datastore.services import datastore_table_replace_typed
from ceiba.datastore.storage import datastore_root, table_paths
from ceiba.ingest.exceptions import DictionaryError
from ceiba.ingest.materialize import materialize
from ceiba.ingest.typing_rules import (
    BOOLEAN_VOCABULARIES,
    DATE_FORMATS,
    DATETIME_FORMATS,
    InvalidSchemaError,
    connect,
    number_separators,
    parquet_source,
    parse_sql,
    quote_identifier,
    quote_literal,
    strptime_shape,
)
from ceiba.ingest.validation import ORDERED_TYPES, validate

EDITABLE_TYPES = ("string", "integer", "number", "boolean", "date", "datetime", "year")
# Properties a publisher edits; the others (source separators, missing values)
# describe the file and are kept or chosen from the data.
DESCRIBED = ("title", "description", "unit")
CONSTRAINTS = ("required", "unique", "enum", "minimum", "maximum", "pattern")


@dataclass(frozen=True)
class FieldEdit:
    """What the form says about one column. Empty text means "not set"."""

    name: str
    title: str = ""
    description: str = ""
    type: str = "string"
    format: str = ""
    unit: str = ""
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] = ()
    minimum: str = ""
    maximum: str = ""
    pattern: str = ""


@dataclass
class _Errors:
    by_field: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, prop: str, message: str) -> None:
        self.by_field.setdefault(f"{name}-{prop}", []).append(message)


def table_dictionary_update(
    *, actor: Actor, table: DatastoreTable, edits: list[FieldEdit]
) -> DatastoreTable:
    """Apply ``edits`` to ``table``'s dictionary, rewrite and revalidate the table.

    Raises DictionaryError (with messages per column and property) and changes
    nothing when an edit cannot be applied.
    """
    if not can_edit_dataset(actor, table.revision.distribution.dataset):
        raise CatalogPermissionError()
    raw = table_paths(table.revision_id, table.position)["raw"]
    schema = edited_schema(table.schema, edits, raw_path=raw)
    changes = dictionary_changes(table, table.schema, schema)
    if not changes:
        return table
    datastore_root().mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=datastore_root(), prefix=".edit-") as work:
        parquet, csv = Path(work) / "table.parquet", Path(work) / "table.csv"
        try:
            materialize(raw, schema, parquet, csv)
            validation = validate(raw, schema, typed_path=parquet)
        except InvalidSchemaError as error:
            raise DictionaryError(detail=str(error)) from error
        return datastore_table_replace_typed(
            actor=actor,
            table=table,
            schema=schema,
            validation=validation,
            parquet=parquet,
            csv=csv,
            changes=changes,
        )


def edited_schema(
    schema: dict[str, Any], edits: list[FieldEdit], *, raw_path: Path
) -> dict[str, Any]:
    by_name = {edit.name: edit for edit in edits}
    names = [f["name"] for f in schema["fields"]]
    if set(by_name) - set(names):
        raise DictionaryError(detail=_("The form names columns the table lacks."))
    errors = _Errors()
    fields = []
    with connect() as connection:
        source = parquet_source(raw_path)
        for current in schema["fields"]:
            edit = by_name.get(current["name"])
            if edit is None:
                fields.append(current)
                continue
            typed = _typed_field(connection, source, current, edit, errors)
            fields.append(_described(typed, edit, errors, connection))
    if errors.by_field:
        raise DictionaryError(field_errors=errors.by_field)
    return {**schema, "fields": fields}


def _typed_field(
    connection: duckdb.DuckDBPyConnection,
    source: str,
    current: dict[str, Any],
    edit: FieldEdit,
    errors: _Errors,
) -> dict[str, Any]:
    if edit.type not in EDITABLE_TYPES:
        errors.add(edit.name, "type", _("Choose one of the listed types."))
        return dict(current)
    if edit.format:
        return _with_format(current, edit, errors)
    if edit.type == current.get("type", "string"):
        return dict(current)
    kept = {k: v for k, v in current.items() if k in ("name", "missingValues")}
    variants = _variants(edit.type, connection)
    return _best_variant(connection, source, kept, variants)


def _with_format(
    current: dict[str, Any], edit: FieldEdit, errors: _Errors
) -> dict[str, Any]:
    if edit.type not in ("date", "datetime"):
        errors.add(edit.name, "format", _("Only dates and times have a format."))
        return dict(current)
    try:
        if edit.format != "default":
            strptime_shape(edit.format)
    except InvalidSchemaError:
        errors.add(
            edit.name,
            "format",
            _("Write the format with codes such as %d/%m/%Y (day/month/year)."),
        )
    kept = {k: v for k, v in current.items() if k in ("name", "missingValues")}
    return {**kept, "type": edit.type, "format": edit.format}


def _variants(kind: str, connection: duckdb.DuckDBPyConnection) -> list[dict]:
    """The ways a column of ``kind`` may be written, most likely first."""
    if kind in ("integer", "number"):
        return [
            {"type": kind, "decimalChar": d, "groupChar": g}
            for d, g in number_separators({})
        ]
    if kind in ("date", "datetime"):
        formats = DATE_FORMATS if kind == "date" else DATETIME_FORMATS
        return [{"type": kind, "format": fmt} for fmt in formats]
    if kind == "boolean":
        trues = [v for yes, _no in BOOLEAN_VOCABULARIES for v in yes] + ["1"]
        falses = [v for _yes, no in BOOLEAN_VOCABULARIES for v in no] + ["0"]
        return [{"type": kind, "trueValues": trues, "falseValues": falses}]
    return [{"type": kind}]


def _best_variant(
    connection: duckdb.DuckDBPyConnection,
    source: str,
    kept: dict[str, Any],
    variants: list[dict[str, Any]],
) -> dict[str, Any]:
    """The variant under which most of the column's values parse (ties: first)."""
    cell = quote_identifier(kept["name"])
    if len(variants) == 1:
        return _clean({**kept, **variants[0]})
    counts = ", ".join(f"count({parse_sql(v, cell)})" for v in variants)
    parsed = connection.execute(f"SELECT {counts} FROM {source}").fetchall()[0]
    best = max(range(len(variants)), key=lambda i: (parsed[i], -i))
    return _clean({**kept, **variants[best]})


def _clean(field_: dict[str, Any]) -> dict[str, Any]:
    if field_.get("decimalChar") == ".":
        field_.pop("decimalChar")
    if not field_.get("groupChar"):
        field_.pop("groupChar", None)
    if field_.get("type") == "integer":
        field_.pop("decimalChar", None)
    return field_


def _described(
    typed: dict[str, Any],
    edit: FieldEdit,
    errors: _Errors,
    connection: duckdb.DuckDBPyConnection,
) -> dict[str, Any]:
    result = {k: v for k, v in typed.items() if k not in (*DESCRIBED, "constraints")}
    for prop in DESCRIBED:
        value = getattr(edit, prop).strip()
        if value:
            result[prop] = value
    constraints = _constraints(edit, result["type"], errors, connection)
    if constraints:
        result["constraints"] = constraints
    return result


def _constraints(
    edit: FieldEdit,
    kind: str,
    errors: _Errors,
    connection: duckdb.DuckDBPyConnection,
) -> dict[str, Any]:
    constraints: dict[str, Any] = {}
    if edit.required:
        constraints["required"] = True
    if edit.unique:
        constraints["unique"] = True
    if edit.enum:
        constraints["enum"] = [_typed_value(kind, v) for v in edit.enum]
    for prop in ("minimum", "maximum"):
        text = getattr(edit, prop).strip()
        if not text:
            continue
        if kind not in ORDERED_TYPES:
            errors.add(edit.name, prop, _("Only numbers, dates and years have limits."))
            continue
        try:
            constraints[prop] = _typed_value(kind, text, strict=True)
        except ValueError:
            errors.add(edit.name, prop, _limit_message(kind))
    if edit.pattern:
        if _pattern_works(connection, edit.pattern):
            constraints["pattern"] = edit.pattern
        else:
            errors.add(edit.name, "pattern", _("This is not a regular expression."))
    return constraints


def _typed_value(kind: str, text: str, *, strict: bool = False) -> Any:
    """A value as JSON of the field's type; dates stay ISO text, as in the spec."""
    text = text.strip()
    try:
        if kind in ("integer", "year"):
            return int(text)
        if kind == "number":
            return float(text)
        if kind == "date":
            return dt.date.fromisoformat(text).isoformat()
        if kind == "datetime":
            return dt.datetime.fromisoformat(text).isoformat()
    except ValueError:
        if strict:
            raise
    return text


def _limit_message(kind: str) -> str:
    if kind == "date":
        return _("Write the date as YYYY-MM-DD, e.g. 2024-12-31.")
    if kind == "datetime":
        return _("Write the date and time as YYYY-MM-DDThh:mm, e.g. 2024-12-31T08:00.")
    if kind in ("integer", "year"):
        return _("Write a whole number, without separators.")
    return _("Write a number with a point for decimals, e.g. 1234.5.")


def _pattern_works(connection: duckdb.DuckDBPyConnection, pattern: str) -> bool:
    try:
        connection.execute(
            f"SELECT regexp_full_match('', {quote_literal(pattern)})"
        ).fetchall()
    except duckdb.Error:
        return False
    return True


def dictionary_changes(
    table: DatastoreTable, before: dict[str, Any], after: dict[str, Any]
) -> list[dict[str, Any]]:
    """What changed, column by column, for the dataset's history."""
    old = {f["name"]: f for f in before["fields"]}
    changes = []
    for new in after["fields"]:
        previous = old.get(new["name"], {})
        for prop in ("title", "description", "unit", "type", "format", "constraints"):
            if (previous.get(prop) or "") != (new.get(prop) or ""):
                changes.append(
                    {
                        "table": table.name,
                        "column": new.get("title") or new["name"],
                        "field": prop,
                        "before": previous.get(prop, ""),
                        "after": new.get(prop, ""),
                    }
                )
    return changes
