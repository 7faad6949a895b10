"""How raw text becomes typed values, as DuckDB SQL.

A raw table holds every cell as VARCHAR. For each Table Schema type and format this
module builds the SQL expression that turns a raw cell into its typed value (NULL when
the cell is missing or does not parse), following Frictionless semantics so that our
validation agrees with ``frictionless validate``. Inference (schema.py), the typed
copies (materialize.py) and validation (validation.py) all use these expressions, so
what inference accepts is exactly what validation accepts.

Names, formats, patterns and values come from files and from publishers: they reach
SQL only through ``quote_identifier`` and ``quote_literal``.
"""

import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

# A column gets a non-string type only when at least this share of its non-missing
# values parse as that type (the rest become type errors in validation).
TYPE_THRESHOLD = 0.99
# Whole numbers with at least this many digits are identifiers (CUI/DPI has 13).
IDENTIFIER_MIN_DIGITS = 13

# Cells read as "no value" unless the schema says otherwise. Exact matches, as in
# Frictionless. "-99.9" and similar sentinels are numbers, not missing values.
MISSING_VALUES = [
    "",
    "-",
    "--",
    "NA",
    "N/A",
    "n/d",
    "N/D",
    "ND",
    "s/d",
    "S/D",
    "SIN DATO",
    "Sin dato",
    "sin dato",
]

# (true values, false values). Matching is exact, so every usual spelling is listed.
BOOLEAN_VOCABULARIES: list[tuple[list[str], list[str]]] = [
    (["sí", "Sí", "SÍ", "si", "Si", "SI"], ["no", "No", "NO"]),
    (["true", "True", "TRUE"], ["false", "False", "FALSE"]),
    (["verdadero", "Verdadero", "VERDADERO"], ["falso", "Falso", "FALSO"]),
]
# 1/0 is boolean only when the column is clearly a yes/no question.
NUMERIC_BOOLEAN: tuple[list[str], list[str]] = (["1"], ["0"])
BOOLEAN_NAME = re.compile(
    r"^(es|esta|tiene|posee|cuenta_con|hay|sabe|aplica|activo|activa|vigente|"
    r"is|has)(_|$)"
)
# Frictionless defaults when a boolean field lists no values.
DEFAULT_TRUE_VALUES = ["true", "True", "TRUE", "1"]
DEFAULT_FALSE_VALUES = ["false", "False", "FALSE", "0"]

# Candidate formats, in order of preference: Guatemala writes day first, so an
# ambiguous 01/02/2024 is 1 February; month-first wins only when it parses more.
DATE_FORMATS = [
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%d/%m/%y",
    "%d-%m-%y",
    "%Y/%m/%d",
    "%m/%d/%Y",
]
DATETIME_FORMATS = [
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "default",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%d/%m/%y %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
]
ISO_DATETIME = (
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"
    r"(Z|[+-][0-9]{2}(:?[0-9]{2})?)?"
)
STRING_FORMATS = {
    "email": r"[^@\s]+@[^@\s]+\.[^@\s]+",
    "uri": r"[A-Za-z][A-Za-z0-9+.\-]*:\S+",
    "uuid": r"[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}",
    "binary": r"[A-Za-z0-9+/]*={0,2}",
}
# strptime directives we accept in a publisher's format, and what each may match
# (as Python's strptime, which Frictionless uses, reads them).
DIRECTIVE_SHAPES = {
    **dict.fromkeys("dmHIMS", "[0-9]{1,2}"),  # day, month, hours, minutes, seconds
    **dict.fromkeys("bBaA", r"[^0-9\s]+"),  # names of months and days
    **{"Y": "[0-9]{4}", "y": "[0-9]{2}", "f": "[0-9]{1,6}", "j": "[0-9]{1,3}"},
    **{"p": "[AaPp][Mm]", "z": "(Z|[+-][0-9]{2}:?[0-9]{2})", "%": "%"},
}

DUCKDB_TYPES = {
    "string": "VARCHAR",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "datetime": "TIMESTAMP",
    "time": "TIME",
    "year": "INTEGER",
}

DUCKDB_THREADS = 2
DUCKDB_MEMORY_LIMIT = "512MB"


class InvalidSchemaError(ValueError):
    """A schema names a format, pattern or column the data cannot be checked with."""


def quote_identifier(name: str) -> str:
    if "\x00" in name:
        raise InvalidSchemaError(f"Column name {name!r} contains a NUL character.")
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value: str) -> str:
    if "\x00" in value:
        raise InvalidSchemaError(f"Value {value!r} contains a NUL character.")
    return "'" + value.replace("'", "''") + "'"


def sql_in(expr: str, values: Sequence[object]) -> str:
    """``expr`` equals one of ``values``. A chain of ORs, not IN: DuckDB rewrites long
    IN lists into a join, and a join loses the row order a COPY must keep."""
    if not values:
        return "FALSE"
    return "(" + " OR ".join(f"{expr} = {quote_literal(str(v))}" for v in values) + ")"


def missing_sql(cell: str, missing_values: Sequence[str]) -> str:
    return f"({cell} IS NULL OR {sql_in(cell, missing_values)})"


def typed_sql(field: dict[str, Any], cell: str, missing_values: Sequence[str]) -> str:
    """The typed value of a raw cell: NULL when missing or when it does not parse."""
    return (
        f"CASE WHEN {missing_sql(cell, missing_values)} THEN NULL "
        f"ELSE {parse_sql(field, cell)} END"
    )


def parse_sql(field: dict[str, Any], cell: str) -> str:
    """The typed value of a present cell, NULL when it does not parse. Types that
    are not converted (any, object, array, geopoint…) stay text."""
    parser = PARSERS.get(field.get("type", "string"), _parse_string)
    return parser(field, cell)


def typed_literal(field: dict[str, Any], value: Any) -> str:
    """A constraint value as SQL of the field's type: text is read in the field's
    format (as Frictionless does), else as ISO; JSON numbers compare as numbers. A
    value that cannot be read is NULL, and its check never fires."""
    kind = duckdb_type(field)
    if isinstance(value, bool):
        return str(value).upper() if kind == "BOOLEAN" else "NULL"
    if not isinstance(value, str | int | float):
        return "NULL"
    text = quote_literal(value if isinstance(value, str) else repr(value))
    if kind == "VARCHAR":
        return text
    numeric = kind in ("BIGINT", "INTEGER", "DOUBLE")
    fallback = f"TRY_CAST({text} AS {'DOUBLE' if numeric else kind})"
    if isinstance(value, str):
        return f"COALESCE(CAST({parse_sql(field, text)} AS {kind}), {fallback})"
    return fallback if numeric else "NULL"


def duckdb_type(field: dict[str, Any]) -> str:
    return DUCKDB_TYPES.get(field.get("type", "string"), "VARCHAR")


def field_missing_values(field: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    values = field.get("missingValues", schema.get("missingValues", [""]))
    return [str(v.get("value", "")) if isinstance(v, dict) else str(v) for v in values]


def _parse_string(field: dict[str, Any], cell: str) -> str:
    pattern = STRING_FORMATS.get(field.get("format", "default"))
    if pattern is None:
        return cell
    return (
        f"CASE WHEN regexp_full_match({cell}, {quote_literal(pattern)}) THEN {cell} END"
    )


def _without_groups(field: dict[str, Any], cell: str) -> str:
    group = field.get("groupChar", "")
    return f"replace({cell}, {quote_literal(group)}, '')" if group else cell


def _parse_integer(field: dict[str, Any], cell: str) -> str:
    text = _without_groups(field, cell)
    # Python's int(): digits, optionally in groups joined by single underscores.
    return (
        rf"CASE WHEN regexp_full_match({text}, '\s*[+-]?[0-9]+(_[0-9]+)*\s*') "
        f"THEN TRY_CAST({text} AS BIGINT) END"
    )


def _parse_number(field: dict[str, Any], cell: str) -> str:
    # DuckDB's DOUBLE cast reads what Python's Decimal() reads (as Frictionless
    # does), except "+-1", which it takes for -1.
    text = _without_groups(field, cell)
    decimal = field.get("decimalChar", ".")
    if decimal == ".":
        return (
            f"CASE WHEN NOT contains({text}, '+-') THEN TRY_CAST({text} AS DOUBLE) END"
        )
    swapped = f"replace({text}, {quote_literal(decimal)}, '.')"
    return (
        f"CASE WHEN NOT (contains({text}, '.') OR contains({text}, '+-')) "
        f"THEN TRY_CAST({swapped} AS DOUBLE) END"
    )


def _parse_boolean(field: dict[str, Any], cell: str) -> str:
    trues = field.get("trueValues", DEFAULT_TRUE_VALUES)
    falses = field.get("falseValues", DEFAULT_FALSE_VALUES)
    return (
        f"CASE WHEN {sql_in(cell, trues)} THEN TRUE "
        f"WHEN {sql_in(cell, falses)} THEN FALSE END"
    )


def _strptime(cell: str, fmt: str) -> str:
    shape = quote_literal(strptime_shape(fmt))
    return (
        f"CASE WHEN regexp_full_match({cell}, {shape}) "
        f"THEN try_strptime({cell}, {quote_literal(fmt)}) END"
    )


def _parse_date(field: dict[str, Any], cell: str) -> str:
    fmt = field.get("format", "default")
    if fmt == "any":
        options = ", ".join(_strptime(cell, f) for f in DATE_FORMATS)
        return f"CAST(COALESCE({options}) AS DATE)"
    fmt = "%Y-%m-%d" if fmt == "default" else fmt
    return f"CAST({_strptime(cell, fmt)} AS DATE)"


def _parse_datetime(field: dict[str, Any], cell: str) -> str:
    fmt = field.get("format", "default")
    if fmt == "default":
        # Offsets are converted to UTC; the connection's time zone is UTC.
        return (
            f"CASE WHEN regexp_full_match({cell}, {quote_literal(ISO_DATETIME)}) "
            f"THEN CAST(TRY_CAST({cell} AS TIMESTAMPTZ) AS TIMESTAMP) END"
        )
    if fmt == "any":
        formats = [f for f in DATETIME_FORMATS if f != "default"]
        options = ", ".join(_strptime(cell, f) for f in formats)
        return f"COALESCE({options})"
    return _strptime(cell, fmt)


def _parse_time(field: dict[str, Any], cell: str) -> str:
    fmt = field.get("format", "default")
    fmt = "%H:%M:%S" if fmt in ("default", "any") else fmt
    return f"CAST({_strptime(cell, fmt)} AS TIME)"


def _parse_year(field: dict[str, Any], cell: str) -> str:
    return (
        rf"CASE WHEN regexp_full_match({cell}, '\s*[0-9]{{4}}\s*') "
        f"THEN TRY_CAST({cell} AS INTEGER) END"
    )


PARSERS: dict[str, Callable[[dict[str, Any], str], str]] = {
    "string": _parse_string,
    "integer": _parse_integer,
    "number": _parse_number,
    "boolean": _parse_boolean,
    "date": _parse_date,
    "datetime": _parse_datetime,
    "time": _parse_time,
    "year": _parse_year,
}


def number_separators(detection: dict[str, Any]) -> list[tuple[str, str]]:
    """(decimal, group) separators to try, most likely first. Without hints a column
    decides for itself; Guatemala writes 1,234.56, so that reading wins ties."""
    decimal = detection.get("decimal_hint")
    thousands = detection.get("thousands_hint")
    decimals = [decimal] if decimal in (".", ",") else [".", ","]
    pairs = []
    for d in decimals:
        if thousands is None:
            groups = ["", "," if d == "." else ".", " "]
        else:
            groups = ["", thousands] if thousands else [""]
        pairs += [(d, g) for g in groups if g != d]
    return list(dict.fromkeys(pairs))


def _regex_char(char: str) -> str:
    return "\\" + char if char in r".^$*+?()[]{}|\-/" else char


def strict_number_pattern(decimal: str, group: str, integer: bool) -> str:
    """The shape of a well-formed number: groups of exactly three digits, digits
    after the decimal separator, an optional exponent (Excel writes 1.5E+06)."""
    d, g = _regex_char(decimal), _regex_char(group)
    whole = f"([0-9]{{1,3}}({g}[0-9]{{3}})+|[0-9]+)" if group else "[0-9]+"
    if integer:
        return f"[+-]?{whole}"
    return f"[+-]?({whole}({d}[0-9]+)?|{d}[0-9]+)([eE][+-]?[0-9]+)?"


def strptime_shape(fmt: str) -> str:
    """The regular expression of the strings Python's strptime accepts for ``fmt``
    (DuckDB's is laxer: it reads "24" as the year 24 for %Y)."""
    parts: list[str] = []
    tokens = re.split(r"(%.)", fmt)
    for token in tokens:
        if token.startswith("%") and len(token) == 2:
            shape = DIRECTIVE_SHAPES.get(token[1])
            if shape is None:
                raise InvalidSchemaError(f"Unsupported directive {token} in {fmt!r}.")
            parts.append(shape)
        elif "%" in token:
            raise InvalidSchemaError(f"Format {fmt!r} ends with a lone %.")
        elif token:
            parts.append(r"\s+".join(re.escape(piece) for piece in token.split(" ")))
    if not parts:
        raise InvalidSchemaError("A date or time format cannot be empty.")
    return "".join(parts)


def describe_type(field: dict[str, Any]) -> str:
    """What a cell of ``field`` should hold, in words, for error messages."""
    kind, fmt = field.get("type", "string"), field.get("format", "default")
    human = fmt if fmt not in ("default", "any") else ""
    for code, text in (("%d", "DD"), ("%m", "MM"), ("%Y", "YYYY"), ("%y", "YY")):
        human = human.replace(code, text)
    for code, text in (("%H", "hh"), ("%M", "mm"), ("%S", "ss")):
        human = human.replace(code, text)
    if kind == "number" and field.get("decimalChar", ".") != ".":
        return f'a number with "{field["decimalChar"]}" as decimal separator'
    if kind == "boolean":
        yes = (field.get("trueValues") or ["true"])[0]
        no = (field.get("falseValues") or ["false"])[0]
        return f'a yes/no value such as "{yes}" or "{no}"'
    words = {
        "integer": "a whole number",
        "number": "a number",
        "date": f"a date ({human or 'YYYY-MM-DD'})",
        "datetime": f"a date and time ({human or 'YYYY-MM-DDThh:mm:ss'})",
        "time": f"a time ({human or 'hh:mm:ss'})",
        "year": "a year (four digits)",
        "string": f"text in the {fmt} format",
    }
    return words.get(kind, "a valid value")


def parquet_source(path: Path) -> str:
    return f"read_parquet({quote_literal(str(path))})"


@contextmanager
def connect(temp_dir: Path | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A DuckDB connection with bounded memory that spills to a private temporary
    folder (inside ``temp_dir`` when given), closed and cleaned up on exit."""
    with tempfile.TemporaryDirectory(prefix=".ceiba-duckdb-", dir=temp_dir) as spill:
        connection = duckdb.connect(
            config={
                "threads": DUCKDB_THREADS,
                "memory_limit": DUCKDB_MEMORY_LIMIT,
                "temp_directory": spill,
                "preserve_insertion_order": True,
            }
        )
        try:
            connection.execute("SET enable_progress_bar = false")
            connection.execute("SET TimeZone = 'UTC'")
            yield connection
        finally:
            connection.close()
