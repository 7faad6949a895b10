"""The DuckDB query sandbox: the one place where connections for queries are made.

Every query of the datastore (structured searches, the SQL endpoint, previews and
exports) runs in a ``Sandbox``: an in-memory DuckDB database that

- shows the portal's tables it was given as views named by table id, and nothing
  else of the portal (no other table's file is readable);
- cannot touch files or the network: ``enable_external_access`` is off, with only
  the tables' Parquet files (and, for exports, one private folder) allowed, so
  ``read_csv('/etc/passwd')``, ``COPY … TO``, ``ATTACH 'file'``, ``INSTALL`` and
  ``LOAD`` fail; extension auto-loading and Python replacement scans are off;
- cannot be reconfigured: ``lock_configuration`` refuses ``SET``, ``RESET`` and
  ``PRAGMA`` assignments, so the limits below hold for every statement;
- is bounded: ``memory_limit``, ``threads``, spilling only into a private folder
  and only where the caller says, a time limit that interrupts the running
  statement from a timer thread (``Deadline``), and results capped in rows and
  bytes (``Session.fetch_capped``, ``check_size``).

``SELECT * FROM duckdb_settings()`` and the other ``duckdb_*`` functions still
work in a sandbox: they show the limits in force and the views' definitions
(hence the tables' paths), not secrets. The SQL endpoint refuses them anyway
(``sqlcheck.py``) so that server paths are not shown to the public.

Sandboxes for SQL a person wrote are made fresh for each request (what one request
leaves behind cannot reach another); sandboxes for the SQL this package builds
itself are reused through ``SandboxPool``, which saves DuckDB's start-up (~20 ms).
"""

import atexit
import shutil
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from ceiba.datastore.query.errors import QueryError, translate
from ceiba.datastore.query.fieldtypes import Field, schema_type

ROW_ID = "__ceiba_row"  # the Parquet row number, in views made with row_ids=True


@dataclass(frozen=True)
class Limits:
    """What one query may use. Callers build it from their settings."""

    timeout_seconds: float = 5.0
    memory_limit: str = "1GB"
    threads: int = 2
    max_rows: int = 10_000  # rows in one response (exports have no row cap)
    max_bytes: int = 64 * 2**20  # approximate size of one response's values
    max_in_values: int = 1_000  # values in one ``in`` filter
    # Where DuckDB may spill, in a private folder per sandbox; None: never spill.
    # DuckDB lets a query read and write its own spill folder, so keep it off for
    # SQL a person wrote unless its queries need more than memory_limit.
    temp_directory: Path | None = None
    max_temp_size: str = "4GB"


DEFAULT_LIMITS = Limits()
EXPORT_LIMITS = Limits(timeout_seconds=600.0, memory_limit="2GB")


def quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class Deadline:
    """Interrupts ``connection`` after ``seconds``; ``check()`` raises once expired
    (for work done in Python between DuckDB calls)."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, seconds: float) -> None:
        self.seconds = seconds
        self.fired = False
        self._ends = time.monotonic() + seconds
        self._connection = connection
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        self.fired = True
        self._connection.interrupt()

    @property
    def expired(self) -> bool:
        return self.fired or time.monotonic() >= self._ends

    def check(self) -> None:
        if self.expired:
            raise QueryError("timeout", seconds=f"{self.seconds:g}")

    def cancel(self) -> None:
        self._timer.cancel()


class Session:
    """One connection to a sandbox, under one deadline and the sandbox's limits."""

    def __init__(
        self, connection: duckdb.DuckDBPyConnection, deadline: Deadline, limits: Limits
    ) -> None:
        self.connection = connection
        self.deadline = deadline
        self.limits = limits

    def fetch(
        self, sql: str, params: Sequence[Any] = ()
    ) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Run one statement and return its column names and rows."""
        result = self.connection.execute(sql, list(params))
        names = [column[0] for column in result.description or []]
        return names, result.fetchall()

    def relation(self, sql: str, params: Sequence[Any] = ()) -> duckdb.DuckDBPyRelation:
        """A lazy relation over one SELECT (read with ``to_arrow_reader``)."""
        return self.connection.sql(sql, params=list(params) or None)

    def fetch_capped(
        self, sql: str
    ) -> tuple[list[str], list[str], list[tuple[Any, ...]]]:
        """Column names, DuckDB types and rows of one SELECT whose result must fit
        the row cap (DuckDB stops one row past it) and the byte cap."""
        relation = self.connection.sql(sql)
        names, types = list(relation.columns), [str(t) for t in relation.types]
        records = relation.limit(self.limits.max_rows + 1).fetchall()
        if len(records) > self.limits.max_rows:
            raise QueryError("too_many_rows", limit=self.limits.max_rows)
        check_size(records, self.limits)
        return names, types, records


def check_size(records: Iterable[Iterable[Any]], limits: Limits) -> None:
    """QueryError result_too_large when the values would take over ``max_bytes``
    once serialised (text and bytes by their length, other values as 8)."""
    size = 0
    for record in records:
        for value in record:
            size += len(value) if isinstance(value, str | bytes) else 8
    if size > limits.max_bytes:
        raise QueryError("result_too_large", limit=limits.max_bytes)


class Sandbox:
    """An in-memory DuckDB that sees only ``tables`` (id → Parquet path)."""

    def __init__(
        self,
        tables: Mapping[str, Path],
        limits: Limits = DEFAULT_LIMITS,
        *,
        row_ids: bool = False,
        writable_dir: Path | None = None,
        copies: Mapping[str, Path] | None = None,
    ) -> None:
        self.limits = limits
        self.tables = {table_id: _existing(path) for table_id, path in tables.items()}
        # Sorted copies (see sortcopy.py), as views of their own name; they carry
        # the original row numbers in a column.
        self.copies = {name: _existing(path) for name, path in (copies or {}).items()}
        self._lock = threading.Lock()
        self._columns: dict[str, dict[str, Field]] = {}
        self._spill = _private_folder(limits.temp_directory)
        self._owner = _connect(limits, self._spill)
        try:
            for table_id, path in self.tables.items():
                self._owner.execute(_view_sql(table_id, path, row_ids))
            for name, path in self.copies.items():
                self._owner.execute(_view_sql(name, path, row_ids=False))
            files = [*self.tables.values(), *self.copies.values()]
            _lock_down(self._owner, files, writable_dir)
        except BaseException:
            self.close()
            raise

    def columns(self, table_id: str) -> dict[str, Field]:
        """The table's columns by name, in file order, typed."""
        if table_id not in self.tables:
            raise QueryError("unknown_table", table=table_id)
        with self._lock:
            if table_id not in self._columns:
                self._columns[table_id] = _describe(self._owner, table_id)
            return self._columns[table_id]

    @contextmanager
    def session(self, seconds: float | None = None) -> Iterator[Session]:
        """A connection bounded by the time limit; DuckDB errors become QueryError."""
        with self._lock:
            connection = self._owner.cursor()
        deadline = Deadline(connection, seconds or self.limits.timeout_seconds)
        try:
            yield Session(connection, deadline, self.limits)
        except duckdb.Error as error:
            raise translate(
                error, timed_out=deadline.fired, seconds=deadline.seconds
            ) from error
        finally:
            deadline.cancel()
            connection.close()

    def close(self) -> None:
        self._owner.close()
        if self._spill is not None:
            shutil.rmtree(self._spill, ignore_errors=True)

    def __del__(self) -> None:
        if getattr(self, "_spill", None) is not None:
            shutil.rmtree(self._spill, ignore_errors=True)


class SandboxPool:
    """Reused sandboxes (with row ids) for the SQL this package builds, least
    recently used first out. Never use it for SQL a person wrote."""

    def __init__(self, capacity: int = 16) -> None:
        self.capacity = capacity
        self._sandboxes: OrderedDict[tuple[Any, ...], Sandbox] = OrderedDict()
        self._lock = threading.Lock()

    def get(
        self,
        tables: Mapping[str, Path],
        limits: Limits,
        copies: Mapping[str, Path] | None = None,
    ) -> Sandbox:
        key = (
            tuple(sorted(_identity(i, p) for i, p in tables.items())),
            tuple(sorted((copies or {}).items())),
            limits,
        )
        with self._lock:
            if key in self._sandboxes:
                self._sandboxes.move_to_end(key)
                return self._sandboxes[key]
        sandbox = Sandbox(tables, limits, row_ids=True, copies=copies)
        with self._lock:
            self._sandboxes[key] = sandbox
            while len(self._sandboxes) > self.capacity:
                self._sandboxes.popitem(last=False)  # closed when unreferenced
        return sandbox

    def clear(self) -> None:
        with self._lock:
            self._sandboxes.clear()


_SHARED_POOL = SandboxPool()
atexit.register(_SHARED_POOL.clear)  # close DuckDB before the interpreter goes


def shared_pool() -> SandboxPool:
    return _SHARED_POOL


def _existing(path: Path) -> Path:
    resolved = Path(path).resolve()
    if not resolved.is_file():
        raise QueryError("unknown_table", table=str(Path(path).name))
    return resolved


def _identity(table_id: str, path: Path) -> tuple[str, str, int, int]:
    stat = Path(path).stat()
    return table_id, str(path), stat.st_mtime_ns, stat.st_size


def _private_folder(parent: Path | None) -> Path | None:
    if parent is None:
        return None
    Path(parent).mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="ceiba-spill-", dir=parent))


def _connect(limits: Limits, spill: Path | None) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(
        ":memory:",
        config={
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
            "allow_community_extensions": False,
            "allow_unsigned_extensions": False,
            "python_enable_replacements": False,
            "threads": limits.threads,
            "memory_limit": limits.memory_limit,
        },
    )
    folder = str(spill) if spill else ""
    connection.execute(f"SET temp_directory = {quote_literal(folder)}")
    connection.execute(
        f"SET max_temp_directory_size = {quote_literal(limits.max_temp_size)}"
    )
    return connection


def _view_sql(table_id: str, path: Path, row_ids: bool) -> str:
    name, file = quote_identifier(table_id), quote_literal(str(path))
    if not row_ids:
        return f"CREATE VIEW {name} AS SELECT * FROM read_parquet({file})"  # noqa: S608 (quoted name and path)
    return (
        f"CREATE VIEW {name} AS SELECT * EXCLUDE (file_row_number), "  # noqa: S608 (quoted name and path)
        f"file_row_number AS {ROW_ID} "
        f"FROM read_parquet({file}, file_row_number = true)"
    )


def _lock_down(
    connection: duckdb.DuckDBPyConnection,
    paths: list[Path],
    writable_dir: Path | None,
) -> None:
    """Allow only ``paths`` (and ``writable_dir``), then cut external access and
    freeze the configuration. The order matters: once access is off, the allowed
    lists can no longer change; once locked, nothing can."""
    allowed = ", ".join(quote_literal(str(path)) for path in paths)
    connection.execute(f"SET allowed_paths = [{allowed}]")
    if writable_dir is not None:
        folder = quote_literal(str(Path(writable_dir).resolve()) + "/")
        connection.execute(f"SET allowed_directories = [{folder}]")
    connection.execute("SET enable_external_access = false")
    connection.execute("SET lock_configuration = true")


def _describe(connection: duckdb.DuckDBPyConnection, table_id: str) -> dict[str, Field]:
    cursor = connection.cursor()
    try:
        rows = cursor.execute(f"DESCRIBE {quote_identifier(table_id)}").fetchall()
    finally:
        cursor.close()
    return {
        name: Field(name, schema_type(sql_type), sql_type)
        for name, sql_type, *_ in rows
        if name != ROW_ID
    }
