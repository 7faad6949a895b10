"""Typed cell values (from workbooks and JSON) written as strings the typing step
reads without guessing: ISO dates (``2024-12-31``, ``2024-12-31T08:30:00``), numbers
with "." as decimal point and no thousands separator, whole numbers without ".0"
(``12``), booleans as ``true``/``false``, nested values as compact JSON."""

from __future__ import annotations

import datetime as dt
import json
import math
from decimal import Decimal
from typing import Any


def format_cell(value: Any) -> str | None:
    kind = type(value)
    if kind is str:
        return value or None
    if value is None:
        return None
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return str(value)
    if kind is float or isinstance(value, Decimal):
        return format_number(value)
    return _format_other(value)


def _format_other(value: Any) -> str | None:
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return format_duration(value)
    if isinstance(value, dict | list):
        return compact_json(value)
    return str(value)


def format_number(value: float | Decimal) -> str | None:
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        text = repr(value)
        if "e" not in text:
            return text
    number = Decimal(repr(value)) if isinstance(value, float) else value
    if number == number.to_integral_value() and abs(number) < Decimal(10) ** 16:
        return str(int(number))
    return format(number.normalize(), "f")


def format_datetime(value: dt.datetime) -> str:
    if value.tzinfo is None and value.time() == dt.time(0):
        return value.date().isoformat()
    return value.isoformat()


def format_duration(value: dt.timedelta) -> str:
    seconds = int(value.total_seconds())
    sign = "-" if seconds < 0 else ""
    hours, rest = divmod(abs(seconds), 3600)
    return f"{sign}{hours}:{rest // 60:02d}:{rest % 60:02d}"


def compact_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
