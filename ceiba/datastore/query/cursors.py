"""Page cursors: opaque strings that say where the next page starts.

For rows, a cursor holds the last row's sort values and its Parquet row number (the
tie-breaker that makes every ordering total), and the next page is the rows *after*
it in that ordering (keyset pagination: as fast on page 10,000 as on page 2). For
groups and distinct values it holds an offset. Each cursor carries a signature of
the query it belongs to, so it cannot be used with different filters or order.
"""

import base64
import binascii
import hashlib
import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from ceiba.datastore.query.errors import QueryError
from ceiba.datastore.query.fieldtypes import Field, coerce
from ceiba.datastore.query.filters import Condition
from ceiba.datastore.query.sandbox import ROW_ID


def signature(*parts: Any) -> str:
    text = json.dumps(parts, default=str, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def encode_cursor(sign: str, **content: Any) -> str:
    payload = {"s": sign, **{key: _jsonable(value) for key, value in content.items()}}
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(text: str, sign: str) -> dict[str, Any]:
    """The cursor's content, or QueryError invalid_cursor."""
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        payload = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        payload = None
    if not isinstance(payload, dict) or payload.get("s") != sign:
        raise QueryError("invalid_cursor")
    return payload


def keyset_values(
    payload: Mapping[str, Any], keys: Sequence[Field]
) -> tuple[list[Any], int]:
    """The sort values and row number a row cursor holds, checked against the keys."""
    values, row = payload.get("k"), payload.get("r")
    valid = (
        isinstance(values, list)
        and len(values) == len(keys)
        and isinstance(row, int)
        and not isinstance(row, bool)
    )
    if not valid:
        raise QueryError("invalid_cursor")
    try:
        typed = [
            None if v is None else coerce(v, k)
            for v, k in zip(values, keys, strict=True)
        ]
    except QueryError as error:
        raise QueryError("invalid_cursor") from error
    return typed, row


def offset_value(payload: Mapping[str, Any]) -> int:
    offset = payload.get("o")
    if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
        raise QueryError("invalid_cursor")
    return offset


def keyset_condition(
    keys: Sequence[tuple[str, str]], values: Sequence[Any], row: int
) -> Condition:
    """Rows after (``values``, ``row``) in ``ORDER BY keys NULLS LAST, row``.

    ``keys`` are (SQL expression, "asc"|"desc"). Row *i* comes after when it
    equals the cursor on the first i-1 keys and comes after it on key i; the row
    number decides between rows equal on every key."""
    clauses: list[str] = []
    params: list[Any] = []
    equal: list[str] = []
    equal_params: list[Any] = []
    for (expression, direction), value in zip(keys, values, strict=True):
        if value is not None:  # nothing sorts after NULL but other NULLs
            op = ">" if direction == "asc" else "<"
            after = f"({expression} {op} ? OR {expression} IS NULL)"
            clauses.append(" AND ".join([*equal, after]))
            params.extend([*equal_params, value])
        equal.append(f"{expression} IS NOT DISTINCT FROM ?")
        equal_params.append(value)
    clauses.append(" AND ".join([*equal, f"{ROW_ID} > ?"]))
    params.extend([*equal_params, row])
    return Condition(" OR ".join(f"({clause})" for clause in clauses), tuple(params))


def _jsonable(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value
