"""Filters and text search as SQL: quoted identifiers, bound values, nothing else.

A ``Filter`` names a column, an operator and a value; the value is checked against
the column's type before it is bound. ``q`` searches the text columns ignoring case
and accents: every word must appear in at least one text column.

Ignoring accents: the word is folded in Python (``Cobán`` → ``coban``) and becomes
a case-insensitive pattern in which each letter also matches its accented forms
(``c[oóòôöõ]b[aáàâäãå]n``), so the column's text is matched as stored. DuckDB's
``strip_accents(lower(column))`` gives the same answers but re-encodes every
string, about four times slower on millions of rows.
"""

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ceiba.datastore.query.errors import QueryError
from ceiba.datastore.query.fieldtypes import ORDERED, Field, coerce
from ceiba.datastore.query.sandbox import Limits, quote_identifier

COMPARISONS = {"eq": "=", "lt": "<", "lte": "<=", "gt": ">", "gte": ">="}
OPERATORS = (*COMPARISONS, "ne", "in", "contains", "startswith", "isnull")
TEXT_ONLY = frozenset({"contains", "startswith"})
MAX_SEARCH_WORDS = 10
MAX_SEARCH_LENGTH = 200
REGEX_SPECIAL = frozenset("\\.^$|?*+()[]{}")
ACCENTED = {
    "a": "aáàâäãå",
    "e": "eéèêë",
    "i": "iíìîï",
    "o": "oóòôöõ",
    "u": "uúùûü",
    "n": "nñ",
    "c": "cç",
    "y": "yýÿ",
}


@dataclass(frozen=True)
class Filter:
    """``Filter("anio", "gte", 2020)``; ``in`` takes a list, ``isnull`` a boolean.

    ``ne`` keeps empty cells (they differ from any value); ``contains`` ignores case
    and accents; ``startswith`` is an exact prefix (for codes such as ``"01"``)."""

    field: str
    op: str = "eq"
    value: Any = None


@dataclass(frozen=True)
class Condition:
    """A SQL boolean expression and the values bound to its ``?``."""

    sql: str
    params: tuple[Any, ...] = ()


def folded(text: str) -> str:
    """``text`` in lower case without accents (``Cobán`` → ``coban``)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def text_pattern(text: str) -> str:
    """A pattern (RE2) finding ``text`` anywhere, ignoring case and accents."""
    parts = [
        f"[{ACCENTED[char]}]\\p{{Mn}}*" if char in ACCENTED else _literal(char)
        for char in folded(text)
    ]
    return "(?i)" + "".join(parts)


def where_clause(
    filters: Sequence[Filter],
    q: str | None,
    columns: Mapping[str, Field],
    limits: Limits,
) -> Condition:
    """All filters and the text search joined with AND (``TRUE`` when none)."""
    parts = [filter_condition(item, columns, limits) for item in filters]
    if q and q.strip():
        parts.append(search_condition(q, columns))
    if not parts:
        return Condition("TRUE")
    sql = " AND ".join(f"({part.sql})" for part in parts)
    return Condition(sql, tuple(value for part in parts for value in part.params))


def filter_condition(
    item: Filter, columns: Mapping[str, Field], limits: Limits
) -> Condition:
    field = columns.get(item.field)
    if field is None:
        raise QueryError("unknown_field", field=item.field)
    _check_operator(item.op, field)
    column = quote_identifier(field.name)
    if item.op == "isnull":
        flag = Field(field.name, "boolean", "BOOLEAN")
        empty = coerce(True if item.value is None else item.value, flag)
        return Condition(f"{column} IS NULL" if empty else f"{column} IS NOT NULL")
    if item.op == "in":
        values = _in_values(item.value, field, limits)
        return Condition(f"{column} IN ({', '.join('?' * len(values))})", values)
    value = coerce(item.value, field)
    if item.op == "contains":
        value = text_pattern(value)
    return Condition(_comparison(item.op, column), (value,))


def search_condition(q: str, columns: Mapping[str, Field]) -> Condition:
    """Each word of ``q`` in some text column, ignoring case and accents."""
    words = [w for w in folded(q[:MAX_SEARCH_LENGTH]).split() if w]
    words = words[:MAX_SEARCH_WORDS]
    texts = [quote_identifier(f.name) for f in columns.values() if f.type == "string"]
    if not texts:
        return Condition("FALSE")
    any_column = " OR ".join(f"regexp_matches({column}, ?)" for column in texts)
    sql = " AND ".join(f"({any_column})" for _ in words)
    return Condition(sql, tuple(text_pattern(w) for w in words for _ in texts))


def _literal(char: str) -> str:
    return "\\" + char if char in REGEX_SPECIAL else char


def _check_operator(op: str, field: Field) -> None:
    allowed = (
        op in OPERATORS
        and (op not in TEXT_ONLY or field.type == "string")
        and (op in {"eq", "ne", "in", "isnull"} or field.type in ORDERED)
    )
    if not allowed:
        raise QueryError("invalid_operator", op=op, field=field.name)


def _comparison(op: str, column: str) -> str:
    if op == "ne":
        return f"{column} IS DISTINCT FROM ?"
    if op == "contains":
        return f"regexp_matches({column}, ?)"
    if op == "startswith":
        return f"starts_with({column}, ?)"
    return f"{column} {COMPARISONS[op]} ?"


def _in_values(value: Any, field: Field, limits: Limits) -> tuple[Any, ...]:
    values = value.split(",") if isinstance(value, str) else value
    if not isinstance(values, list | tuple) or not values:
        raise QueryError("invalid_value", field=field.name, type=f"{field.type}[]")
    if len(values) > limits.max_in_values:
        raise QueryError(
            "too_many_values", field=field.name, limit=limits.max_in_values
        )
    return tuple(coerce(item, field) for item in values)
