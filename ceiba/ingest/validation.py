"""Validate a raw table against a Table Schema, in DuckDB, Frictionless-style.

Validation reads the raw Parquet (every cell as text), so any schema a publisher
writes can be checked again without the original file. One query counts every kind
of cell error over the whole table and keeps the first ``max_errors`` rows that have
any (``min_by`` over the row number): exact totals and the first details in one pass
that reads only the columns with something to check. Blank rows come from a filter
DuckDB pushes into the scan; repeated values of unique columns from a GROUP BY.

Error types and order follow Frictionless: label errors first, then by row; a blank
row is reported once, without its cells' errors; a cell with a type error is not
checked against constraints; unique-error marks every repeat after the first
occurrence, after the row's cell errors. ``pattern`` applies to the text of any
type (as the Table Schema says; Frictionless applies it to strings only).
"""

# ruff: noqa: S608 (names and values reach SQL through quote_identifier/quote_literal)

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from ceiba.ingest.typing_rules import (
    InvalidSchemaError,
    connect,
    describe_type,
    field_missing_values,
    missing_sql,
    parquet_source,
    parse_sql,
    quote_identifier,
    quote_literal,
    typed_literal,
    typed_sql,
)

Field = dict[str, Any]
Error = dict[str, Any]

ERROR_TYPES = {  # type: (title, description), as Frictionless names them
    "blank-label": ("Blank Label", "A label in the header row is missing a value."),
    "duplicate-label": ("Duplicate Label", "Two columns have the same label."),
    "missing-label": ("Missing Label", "A column of the schema is not in the table."),
    "extra-label": ("Extra Label", "A column of the table is not in the schema."),
    "blank-row": ("Blank Row", "This row is empty. A row should contain a value."),
    "type-error": ("Type Error", "The value does not match the field's type."),
    "constraint-error": ("Constraint Error", "A value breaks a constraint."),
    "unique-error": ("Unique Error", "A value of a unique field is repeated."),
}
# Constraints checked per type, in the order Frictionless reports them.
ORDERED = ["required", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]
CONSTRAINTS = {
    "string": ["required", "minLength", "maxLength", "pattern", "enum"],
    "boolean": ["required", "pattern", "enum"],
    "ordered": [*ORDERED, "pattern", "enum"],
}
ORDERED_TYPES = {"integer", "number", "date", "datetime", "time", "year"}
COMPARISONS = {
    "minimum": "<",
    "maximum": ">",
    "exclusiveMinimum": "<=",
    "exclusiveMaximum": ">=",
}
PHRASES = {
    "minimum": "is below the minimum, {value}",
    "maximum": "is above the maximum, {value}",
    "exclusiveMinimum": "must be greater than {value}",
    "exclusiveMaximum": "must be less than {value}",
    "minLength": "is shorter than {value} characters",
    "maxLength": "is longer than {value} characters",
    "pattern": "does not match the pattern {value}",
    "enum": "is not one of the allowed values ({value})",
}


@dataclass
class Check:
    """One kind of error: ``flag`` is SQL over the cells layer, TRUE on error."""

    type: str
    number: int  # the field's position, from 1
    field: Field
    flag: str
    constraint: str = ""


@dataclass(frozen=True)
class _Source:
    """Where cells and their typed values come from: the raw table, parsed here,
    or the raw table beside the typed copy ``materialize`` wrote from it with the
    same schema (row by row, as DuckDB's POSITIONAL JOIN reads two files), which
    spares parsing every cell a second time."""

    raw: str
    typed: str | None = None

    def from_clause(self) -> str:
        if self.typed is None:
            return self.raw
        return f"{self.raw} AS r POSITIONAL JOIN {self.typed} AS t"

    def row(self) -> str:
        return "__row" if self.typed is None else "r.__row"

    def cell(self, field: Field) -> str:
        name = quote_identifier(field["name"])
        return name if self.typed is None else f"r.{name}"

    def value(self, field: Field, schema: dict[str, Any]) -> str:
        if self.typed is None:
            missing = field_missing_values(field, schema)
            return typed_sql(field, self.cell(field), missing)
        return f"t.{quote_identifier(field['name'])}"


def validate(
    raw_path: Path,
    schema: dict[str, Any],
    *,
    max_errors: int = 1000,
    typed_path: Path | None = None,
) -> dict[str, Any]:
    """A Frictionless-compatible report on the raw table at ``raw_path``.

    ``typed_path``, when given, is the typed Parquet that ``materialize`` wrote
    from this raw table with this same schema: its values are read instead of
    parsing the cells again. Raises InvalidSchemaError when the schema has a
    format or pattern that cannot be used (the schema editor should refuse those
    first), or when ``typed_path`` does not match the raw table.
    """
    fields, limit = schema["fields"], max(1, max_errors)
    with connect() as connection:
        source = parquet_source(raw_path)
        described = connection.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
        columns = [row[0] for row in described if row[0] != "__row"]
        if len(columns) == len(described):
            raise InvalidSchemaError("The raw table has no __row column.")
        labels = _label_errors(fields, columns)
        present = [(n, f) for n, f in enumerate(fields, 1) if f["name"] in columns]
        checks = _checks(present, schema)
        _check_patterns(connection, checks)
        rows = connection.execute(f"SELECT count(*) FROM {source}").fetchall()[0][0]
        blanks = _blank_rows(connection, source, schema, present, limit)
        cells = _Source(source, _typed_source(connection, typed_path, rows, present))
        flagged = _cell_errors(connection, cells, schema, checks, limit)
    report = _Tally(checks, blanks, flagged)
    summary = Counter(error["type"] for error in labels) + report.summary()
    total = sum(summary.values())
    return {
        "valid": total == 0,
        "stats": {"rows": rows, "errors": total, "fields": len(fields)},
        "errors": (labels + report.details())[:max_errors],
        "summary": dict(summary),
        "rowsWithErrors": report.rows_with_errors(),
    }


def _error(kind: str, message: str, note: str = "", **where: Any) -> Error:
    title, description = ERROR_TYPES[kind]
    return {
        "type": kind,
        "title": title,
        "description": description,
        "message": message,
        "note": note,
        "rowNumber": where.get("row"),
        "fieldName": where.get("name"),
        "fieldNumber": where.get("number"),
        "cell": where.get("cell"),
    }


def _label(field: Field) -> str:
    return str(field.get("title") or field["name"])


def _label_errors(fields: list[Field], columns: list[str]) -> list[Error]:
    errors, seen = [], {}
    for number, field in enumerate(fields, start=1):
        name, label = field["name"], str(field.get("title", field["name"]))
        where = {"name": name, "number": number, "cell": label}
        if not label.strip():
            message = f"Column {number} has no name in the header."
            errors.append(_error("blank-label", message, **where))
        elif label in seen or name in seen:
            first = seen.get(label, seen.get(name))
            message = f'Column {number} ("{label}") repeats the name of column {first}.'
            note = f'at position "{first}"'
            errors.append(_error("duplicate-label", message, note, **where))
        seen.setdefault(label, number)
        seen.setdefault(name, number)
        if name not in columns:
            message = f'The column "{label}" of the schema is not in the table.'
            errors.append(_error("missing-label", message, **where))
    names = {field["name"] for field in fields}
    for position, column in enumerate(columns, start=1):
        if column not in names:
            message = f'The column "{column}" of the table is not in the schema.'
            where = {"name": column, "number": position, "cell": column}
            errors.append(_error("extra-label", message, **where))
    return errors


def _checks(present: list[tuple[int, Field]], schema: dict[str, Any]) -> list[Check]:
    """Each field's type and constraint checks in field order, then the unique
    checks (Frictionless adds those after the row's cells). Text without a format
    cannot have a type error, so plain text columns are not even read."""
    checks, uniques = [], []
    for number, field in present:
        if parse_sql(field, "x") != "x":
            flag = f"p{number} AND t{number} IS NULL"
            checks.append(Check("type-error", number, field, flag))
        constraints = field.get("constraints") or {}
        kind = field.get("type", "string")
        group = "ordered" if kind in ORDERED_TYPES else kind
        for name in CONSTRAINTS.get(group, CONSTRAINTS["string"]):
            if name in constraints and constraints[name] is not False:
                flag = _constraint_sql(number, field, name, constraints[name])
                checks.append(Check("constraint-error", number, field, flag, name))
        if constraints.get("unique"):
            flag = f"first{number} IS NOT NULL AND __row > first{number}"
            uniques.append(Check("unique-error", number, field, flag, "unique"))
    return checks + uniques


def _constraint_sql(number: int, field: Field, name: str, value: Any) -> str:
    typed, text = f"t{number}", f"c{number}"
    if name == "required":
        return f"NOT p{number}"
    if name in COMPARISONS:
        return f"{typed} {COMPARISONS[name]} {typed_literal(field, value)}"
    if name in ("minLength", "maxLength"):
        operator = "<" if name == "minLength" else ">"
        return f"length({typed}) {operator} {int(value)}"
    if name == "pattern":
        pattern = quote_literal(str(value))
        return f"{typed} IS NOT NULL AND NOT regexp_full_match({text}, {pattern})"
    values = value if isinstance(value, list) else [value]
    options = " OR ".join(f"{typed} = {typed_literal(field, v)}" for v in values)
    return f"{typed} IS NOT NULL AND NOT ({options or 'FALSE'})"


def _check_patterns(connection: duckdb.DuckDBPyConnection, checks: list[Check]) -> None:
    for check in checks:
        if check.constraint == "pattern":
            pattern = str(check.field["constraints"]["pattern"])
            try:
                connection.execute(
                    f"SELECT regexp_full_match('', {quote_literal(pattern)})"
                ).fetchall()
            except duckdb.Error as error:
                raise InvalidSchemaError(
                    f'The pattern of column "{_label(check.field)}" is not a '
                    f"regular expression: {pattern}"
                ) from error


def _blank_rows(
    connection: duckdb.DuckDBPyConnection,
    source: str,
    schema: dict[str, Any],
    present: list[tuple[int, Field]],
    limit: int,
) -> tuple[int, list[int]]:
    """How many rows have every cell missing, and the first ``limit`` of them."""
    tests = []
    for _, field in present:
        name = quote_identifier(field["name"])
        tests.append(missing_sql(name, field_missing_values(field, schema)))
    if not tests:
        return 0, []
    query = (
        f"SELECT count(*), min_by(__row, __row, {limit}) FROM {source} "
        f"WHERE {' AND '.join(tests)}"
    )
    count, first = connection.execute(query).fetchall()[0]
    return int(count), list(first or [])


def _typed_source(
    connection: duckdb.DuckDBPyConnection,
    typed_path: Path | None,
    rows: int,
    present: list[tuple[int, Field]],
) -> str | None:
    if typed_path is None:
        return None
    typed = parquet_source(typed_path)
    described = connection.execute(f"DESCRIBE SELECT * FROM {typed}").fetchall()
    count = connection.execute(f"SELECT count(*) FROM {typed}").fetchall()[0][0]
    names = {row[0] for row in described}
    if count != rows or any(field["name"] not in names for _, field in present):
        raise InvalidSchemaError("The typed table does not match the raw table.")
    return typed


def _cell_errors(
    connection: duckdb.DuckDBPyConnection,
    source: _Source,
    schema: dict[str, Any],
    checks: list[Check],
    limit: int,
) -> tuple[list[int], list[dict[str, Any]]]:
    """([rows with a cell error, count per check…], the first such rows). Layers:
    cells (text, presence, typed value) joined to the repeats of unique columns,
    then one flag per check, then the aggregates."""
    if not checks:
        return [0], []
    numbers = list(dict.fromkeys(check.number for check in checks))
    firsts = [f"first{c.number}" for c in checks if c.type == "unique-error"]
    flags = [f"e{j}" for j in range(len(checks))]
    cells_sql = _cells_sql(source, schema, checks)
    joins = _unique_joins(connection, source, schema, checks)
    middle = ["__row", *(f"c{n}" for n in numbers), *firsts]
    middle += [f"{check.flag} AS e{j}" for j, check in enumerate(checks)]
    cells = ", ".join(f"c{n}" for n in numbers)
    record = (
        f"{{'row': __row, 'flags': [{', '.join(flags)}], 'cells': [{cells}], "
        f"'firsts': [{', '.join(firsts) or '0'}]}}"
    )
    any_error = " OR ".join(flags)
    query = (
        f"SELECT count_if({any_error}), {', '.join(f'count_if({f})' for f in flags)}, "
        f"min_by(CASE WHEN {any_error} THEN {record} END, __row, {limit}) "
        f"FILTER (WHERE {any_error}) "
        f"FROM (SELECT {', '.join(middle)} FROM ({cells_sql}){joins})"
    )
    result = connection.execute(query).fetchall()[0]
    return [int(n) for n in result[:-1]], list(result[-1] or [])


def _cells_sql(source: _Source, schema: dict[str, Any], checks: list[Check]) -> str:
    cells = [f"{source.row()} AS __row"]
    for number, field in {check.number: check.field for check in checks}.items():
        cell = source.cell(field)
        missing = field_missing_values(field, schema)
        cells += [
            f"{cell} AS c{number}",
            f"NOT {missing_sql(cell, missing)} AS p{number}",
            f"{source.value(field, schema)} AS t{number}",
        ]
    return f"SELECT {', '.join(cells)} FROM {source.from_clause()}"


def _unique_joins(
    connection: duckdb.DuckDBPyConnection,
    source: _Source,
    schema: dict[str, Any],
    checks: list[Check],
) -> str:
    """For each unique column, a temporary table of its repeated values with the
    row of their first occurrence, and the LEFT JOIN that brings it in (row order
    does not matter here: the first rows are chosen by row number)."""
    joins = []
    for check in (c for c in checks if c.type == "unique-error"):
        n, field = check.number, check.field
        typed = source.value(field, schema)
        connection.execute(
            f"CREATE OR REPLACE TEMP TABLE repeats{n} AS SELECT v{n}, "
            f"min(__row) AS first{n} FROM (SELECT {source.row()} AS __row, "
            f"{typed} AS v{n} FROM {source.from_clause()}) "
            f"WHERE v{n} IS NOT NULL GROUP BY v{n} HAVING count(*) > 1"
        )
        joins.append(f" LEFT JOIN repeats{n} ON t{n} = v{n}")
    return "".join(joins)


class _Tally:
    """Puts blank rows and cell errors together, as Frictionless reports them: a
    blank row is one blank-row error and nothing else (its cells would only have
    broken ``required``)."""

    def __init__(
        self,
        checks: list[Check],
        blanks: tuple[int, list[int]],
        flagged: tuple[list[int], list[dict[str, Any]]],
    ) -> None:
        self.checks, (self.blank_count, blank_rows) = checks, blanks
        (self.flagged_rows, *self.counts), self.records = flagged
        self.blank_rows = set(blank_rows)
        self.required = sum(c.constraint == "required" for c in checks)
        self.by_row = {row: [_blank_error(row)] for row in blank_rows}
        for record in self.records:
            if record["row"] not in self.blank_rows:
                self.by_row[record["row"]] = _row_errors(record, checks)

    def summary(self) -> Counter[str]:
        summary = Counter({"blank-row": self.blank_count})
        for check, count in zip(self.checks, self.counts, strict=True):
            blank = self.blank_count if check.constraint == "required" else 0
            summary[check.type] += count - blank
        return +summary

    def rows_with_errors(self) -> int:
        counted_twice = self.blank_count if self.required else 0
        return self.flagged_rows - counted_twice + self.blank_count

    def details(self) -> list[Error]:
        return [error for row in sorted(self.by_row) for error in self.by_row[row]]


def _blank_error(row: int) -> Error:
    return _error("blank-row", f"Row {row} is empty.", row=row)


def _row_errors(record: dict[str, Any], checks: list[Check]) -> list[Error]:
    row, numbers = record["row"], list(dict.fromkeys(c.number for c in checks))
    cells = dict(zip(numbers, record["cells"], strict=True))
    firsts = iter(record["firsts"])
    errors = []
    for check, flagged in zip(checks, record["flags"], strict=True):
        first = next(firsts) if check.type == "unique-error" else None
        if flagged:
            cell = cells.get(check.number) or ""
            errors.append(_cell_error(check, row, cell, first))
    return errors


def _cell_error(check: Check, row: int, cell: str, first: int | None) -> Error:
    field = check.field
    label, shown = _label(field), _shorten(cell)
    where = {"row": row, "name": field["name"], "number": check.number, "cell": cell}
    start = f'Row {row}, column "{label}": '
    if check.type == "type-error":
        note = (
            f'type is "{field.get("type", "string")}/{field.get("format", "default")}"'
        )
        message = f'{start}"{shown}" is not {describe_type(field)}.'
        return _error("type-error", message, note, **where)
    if check.type == "unique-error":
        message = f'{start}"{shown}" repeats row {first}; the column must be unique.'
        note = f"the same as in the row at position {first}"
        return _error("unique-error", message, note, **where)
    value = field["constraints"][check.constraint]
    note = f'constraint "{check.constraint}" is "{value}"'
    if check.constraint == "required":
        message = f"{start}a value is required, but the cell is empty."
    else:
        shown_value = ", ".join(map(str, value)) if isinstance(value, list) else value
        phrase = PHRASES[check.constraint].format(value=_shorten(str(shown_value)))
        message = f'{start}"{shown}" {phrase}.'
    return _error("constraint-error", message, note, **where)


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
