"""Column types: their names in Table Schema and in CKAN's DataStore, and the values
a filter or a page cursor may hold for each.

A column's type is read from the typed Parquet file (what DuckDB actually queries)
and named as in Frictionless Table Schema; ``ckan_type`` gives CKAN's name for it.
"""

import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from ceiba.datastore.query.errors import QueryError

CKAN_TYPES = {
    "string": "text",
    "integer": "int",
    "number": "numeric",
    "boolean": "bool",
    "date": "date",
    "datetime": "timestamp",
    "time": "time",
    "duration": "interval",
    "array": "json",
    "object": "json",
    "any": "text",
}
NUMERIC = frozenset({"integer", "number"})
ORDERED = frozenset({"integer", "number", "date", "datetime", "time", "string"})
TRUE_WORDS = frozenset({"true", "1", "yes", "si", "sí", "verdadero"})
FALSE_WORDS = frozenset({"false", "0", "no", "falso"})
INT64 = 2**63
_SQL_TYPES = (
    (re.compile(r"^.*\[\d*\]$"), "array"),
    (re.compile(r"^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?)$"), "integer"),
    (re.compile(r"^(FLOAT|DOUBLE|REAL|DECIMAL.*)$"), "number"),
    (re.compile(r"^BOOL(EAN)?$"), "boolean"),
    (re.compile(r"^DATE$"), "date"),
    (re.compile(r"^TIMESTAMP.*$"), "datetime"),
    (re.compile(r"^TIME( WITH TIME ZONE)?$"), "time"),
    (re.compile(r"^INTERVAL$"), "duration"),
    (re.compile(r"^(VARCHAR|UUID|ENUM.*)$"), "string"),
    (re.compile(r"^(STRUCT|MAP|UNION).*$"), "object"),
)


@dataclass(frozen=True)
class Field:
    """A column: its name, its Table Schema type and DuckDB's type."""

    name: str
    type: str
    sql_type: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "type": self.type}


def ckan_type(schema_type: str) -> str:
    """CKAN DataStore's name for a Table Schema type (``integer`` → ``int``)."""
    return CKAN_TYPES.get(schema_type, "text")


def schema_type(sql_type: str) -> str:
    """The Table Schema type of a DuckDB column type (``BIGINT`` → ``integer``)."""
    for pattern, name in _SQL_TYPES:
        if pattern.match(sql_type.upper()):
            return name
    return "any"


def coerce(value: Any, field: Field) -> Any:
    """``value`` as a Python value of ``field``'s type, or QueryError invalid_value.

    Accepts typed JSON values and the strings of a query string (``"2024"``,
    ``"true"``, ``"2024-12-31"`` or ``"31/12/2024"``)."""
    parse = _PARSERS.get(field.type, _as_text)
    try:
        result = parse(value, field)
    except (TypeError, ValueError, ArithmeticError, InvalidOperation):
        result = None
    if result is None:
        raise QueryError("invalid_value", field=field.name, type=field.type)
    return result


def _as_integer(value: Any, field: Field) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        number = int(value) if value.is_integer() else None
    elif isinstance(value, int):
        number = value
    else:
        number = int(str(value).strip())
    if number is not None and "HUGE" not in field.sql_type.upper():
        return number if -INT64 <= number < INT64 else None
    return number


def _as_number(value: Any, field: Field) -> float | Decimal | None:
    if isinstance(value, bool):
        return None
    decimal = field.sql_type.upper().startswith("DECIMAL")
    if isinstance(value, Decimal) or decimal:
        number = Decimal(str(value).strip())
        return number if number.is_finite() else None
    number = float(value) if isinstance(value, int | float) else float(str(value))
    return number if math.isfinite(number) else None


def _as_boolean(value: Any, field: Field) -> bool | None:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    return True if word in TRUE_WORDS else False if word in FALSE_WORDS else None


def _as_date(value: Any, field: Field) -> date | None:
    if isinstance(value, datetime):
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", text):
        day, month, year = (int(part) for part in text.split("/"))
        return date(year, month, day)
    return date.fromisoformat(text) if len(text) == 10 else None


def _as_datetime(value: Any, field: Field) -> datetime | None:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    else:
        moment = datetime.fromisoformat(str(value).strip())
    if "TIME ZONE" not in field.sql_type.upper():
        return moment.replace(tzinfo=None)
    return moment


def _as_text(value: Any, field: Field) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value)
    return None


_PARSERS = {
    "integer": _as_integer,
    "number": _as_number,
    "boolean": _as_boolean,
    "date": _as_date,
    "datetime": _as_datetime,
    "string": _as_text,
}
