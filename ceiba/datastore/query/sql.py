"""The SQL endpoint: one SELECT over the portal's tables, in a fresh sandbox.

    run_sql('SELECT anio, sum(monto) FROM "3f…" GROUP BY anio', tables)

Refused with a ``QueryError``: anything but one SELECT (or WITH … SELECT), other
tables or files, functions that read settings, the catalog or the environment, and
results over the row or byte limits; stopped: queries over the time or memory
limits. Tables are views named by their ids (quote them: ``"3f…"``).
"""

import atexit
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ceiba.datastore.query.errors import QueryError
from ceiba.datastore.query.fieldtypes import Field, schema_type
from ceiba.datastore.query.sandbox import DEFAULT_LIMITS, Limits, Sandbox, Session
from ceiba.datastore.query.sqlcheck import (
    check_references,
    parse_tree,
    references,
    single_select,
)
from ceiba.datastore.query.tablequery import QueryResult

MAX_SQL_LENGTH = 100_000
_PARSER: Sandbox | None = None
_PARSER_LOCK = threading.Lock()


def run_sql(
    sql: str, tables: Mapping[str, Path], limits: Limits = DEFAULT_LIMITS
) -> QueryResult:
    """The whole result of one SELECT, at most ``limits.max_rows`` rows."""
    started = time.perf_counter()
    statement, used = check_sql(sql, tables)
    sandbox = Sandbox({table_id: tables[table_id] for table_id in used}, limits)
    try:
        with sandbox.session() as session:
            fields, rows = _fetch(session, statement)
    finally:
        sandbox.close()
    return QueryResult(
        fields=[field.as_dict() for field in fields],
        rows=rows,
        total=len(rows),
        took_ms=round((time.perf_counter() - started) * 1000, 1),
    )


def check_sql(sql: str, tables: Mapping[str, Path]) -> tuple[str, list[str]]:
    """The single SELECT of ``sql`` and the ids of the tables it reads."""
    if len(sql) > MAX_SQL_LENGTH:
        raise QueryError("invalid_argument", argument="sql")
    with _parser().session() as session:
        statement = single_select(session.connection, sql)
        tree = parse_tree(session.connection, statement)
    return statement, check_references(references(tree), tables)


def _fetch(
    session: Session, statement: str
) -> tuple[list[Field], list[dict[str, Any]]]:
    names, types, records = session.fetch_capped(statement)
    names = _unique(names)
    fields = [
        Field(name, schema_type(kind), kind)
        for name, kind in zip(names, types, strict=True)
    ]
    rows = [dict(zip(names, map(_plain, r), strict=True)) for r in records]
    return fields, rows


def _unique(names: Sequence[str]) -> list[str]:
    """Column names made unique (``a``, ``a_2``), since rows are dictionaries."""
    seen: dict[str, int] = {}
    result = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        result.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return result


def _plain(value: Any) -> Any:
    return value.hex() if isinstance(value, bytes | bytearray) else value


def _parser() -> Sandbox:
    """A sandbox without tables, kept to parse SQL (never to run it)."""
    global _PARSER
    with _PARSER_LOCK:
        if _PARSER is None:
            _PARSER = Sandbox({}, Limits(timeout_seconds=5.0, memory_limit="256MB"))
            atexit.register(_PARSER.close)
        return _PARSER
