"""Sorted copies: a table's rows ordered by one column, so a sorted page reads
only the few row groups it needs instead of every value of the column.

Sorting a page by a column means comparing that column in every matching row: on
millions of rows that is the whole cost of the query. A sorted copy is the table
rewritten once in the order of one column (empty cells last, ties by row number),
keeping each row's number in ``__ceiba_row``. Its row groups then hold narrow,
ordered ranges of the column, and a page is looked for in a *window*: the rows up
to some value (``ascending``) or from some value (``descending``), which DuckDB
reads by skipping every other row group on its statistics. When the window holds
more rows than the page needs, those are exactly the first rows of the whole
result (every row outside the window comes after every row in it); otherwise the
window grows, and in the end the query runs on the table itself. The statistics
only choose windows; the answers never depend on them.

Copies sit beside the table in ``.sorted/``, named after the table file's identity
(name, size, modification time, inode) and the column: a replaced or rewritten
table file never finds the copies of its predecessor. They are built in the
background the first time a big table is sorted by a column
(``request_sorted_copy``), or on purpose with ``build_sorted_copy``.
"""

# ruff: noqa: S608 (names and paths reach SQL through quote_identifier/quote_literal)

import contextlib
import hashlib
import logging
import os
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq

from ceiba.datastore.query.sandbox import ROW_ID, quote_identifier, quote_literal

logger = logging.getLogger(__name__)

FOLDER = ".sorted"
MIN_ROWS = 500_000  # smaller tables sort fast enough as they are
ROW_GROUP_ROWS = 16_384
BUILD_MEMORY = "512MB"
BUILD_THREADS = 2
STALE_BUILD_SECONDS = 3600  # a lock older than this was left by a dead process
WINDOW_GROWTH = 8  # each window holds this many times the row groups of the last

Window = list[tuple[str, Any]]  # bounds (operator, value) on the sorted column
_building: set[Path] = set()
_building_lock = threading.Lock()


@dataclass(frozen=True)
class SortedCopy:
    """A sorted copy and, in file order, the (min, max) of the column in each of its
    row groups that has values (row groups of empty cells come last)."""

    path: Path
    column: str
    ranges: tuple[tuple[Any, Any], ...]

    def windows(self, direction: str, after: Any = None) -> list[Window]:
        """Growing windows for a page in ``direction``, each a list of (operator,
        value) bounds on the column, starting at the value ``after`` of a cursor
        (None: from the start; then the cursor's own side is bounded too, so
        the row groups before it are skipped). The whole table is not among
        them: it is the last resort, without bounds."""
        count = len(self.ranges)
        if direction == "asc":
            since = [] if after is None else [(">=", after)]
            highs = [high for _, high in self.ranges]
            starts = [
                i for i, high in enumerate(highs) if after is None or high >= after
            ]
            if not starts:
                return []
            ends = [starts[0] + size - 1 for size in _sizes(count)]
            return [[*since, ("<=", highs[end])] for end in ends if end < count - 1]
        since = [] if after is None else [("<=", after)]
        lows = [low for low, _ in self.ranges]
        starts = [i for i, low in enumerate(lows) if after is None or low <= after]
        if not starts:
            return []
        ends = [starts[-1] - size + 1 for size in _sizes(count)]
        return [[*since, (">=", lows[end])] for end in ends if end > 0]


def _sizes(count: int) -> list[int]:
    """Window sizes in row groups: 1, 8, 64… up to ``count``."""
    sizes, size = [], 1
    while size < count:
        sizes.append(size)
        size *= WINDOW_GROWTH
    return sizes


def sorted_copy_path(table: Path, column: str) -> Path:
    stat = table.stat()
    identity = f"{table.name}|{stat.st_size}|{stat.st_mtime_ns}|{stat.st_ino}"
    digest = hashlib.sha256(f"{identity}|{column}".encode()).hexdigest()[:20]
    return table.parent / FOLDER / f"{table.name}~{digest}.parquet"


def find_sorted_copy(table: Path, column: str) -> SortedCopy | None:
    """The table's copy sorted by ``column``, if it has been built."""
    path = sorted_copy_path(table, column)
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return _read_ranges(str(path), stat.st_mtime_ns, column)


_RANGES: dict[tuple[str, int, str], SortedCopy | None] = {}


def _read_ranges(path: str, mtime: int, column: str) -> SortedCopy | None:
    key = (path, mtime, column)
    if key not in _RANGES:
        if len(_RANGES) > 256:
            _RANGES.clear()
        _RANGES[key] = _ranges(Path(path), column)
    return _RANGES[key]


def _ranges(path: Path, column: str) -> SortedCopy | None:
    """None when a row group with values has no statistics (DuckDB leaves them
    out when a column holds NaN, for one): then windows cannot be chosen."""
    metadata = pq.ParquetFile(path).metadata
    index = metadata.schema.to_arrow_schema().get_field_index(column)
    ranges = []
    for group in range(metadata.num_row_groups):
        chunk = metadata.row_group(group).column(index)
        stats, rows = chunk.statistics, metadata.row_group(group).num_rows
        if stats is not None and stats.has_null_count and stats.null_count == rows:
            break  # empty cells come last: the rest is empty too
        if stats is None or not stats.has_min_max:
            return None
        ranges.append((stats.min, stats.max))
    return SortedCopy(path, column, tuple(ranges))


def table_rows(table: Path) -> int:
    return int(pq.ParquetFile(table).metadata.num_rows)


def request_sorted_copy(table: Path, column: str) -> None:
    """Build the copy in a background thread, once, if the table is big enough
    to need it; a copy being built by another process is left to it."""
    if table_rows(table) < MIN_ROWS:
        return
    target = sorted_copy_path(table, column)
    with _building_lock:
        if target in _building or target.exists():
            return
        _building.add(target)
    thread = threading.Thread(
        target=_build_quietly, args=(table, column, target), daemon=True
    )
    thread.start()


def _build_quietly(table: Path, column: str, target: Path) -> None:
    try:
        build_sorted_copy(table, column)
    except Exception:  # noqa: BLE001 - a missing copy only means slower pages
        logger.exception("sorted copy of %s by %s failed", table, column)
    finally:
        with _building_lock:
            _building.discard(target)


def build_sorted_copy(
    table: Path, column: str, *, row_group_rows: int = ROW_GROUP_ROWS
) -> Path | None:
    """Write the copy of ``table`` sorted by ``column``; None when another process
    is writing it. Copies of earlier versions of the table file are removed."""
    target = sorted_copy_path(table, column)
    if target.exists():
        return target
    target.parent.mkdir(exist_ok=True)
    lock = target.with_name(target.name + ".lock")
    if not _take(lock):
        return None
    try:
        _write(table, column, target, row_group_rows)
        _remove_stale(table, keep=target)
    finally:
        lock.unlink(missing_ok=True)
    return target


def _take(lock: Path) -> bool:
    with contextlib.suppress(FileNotFoundError):
        if time.time() - lock.stat().st_mtime > STALE_BUILD_SECONDS:
            lock.unlink(missing_ok=True)
    try:
        os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    return True


def _write(table: Path, column: str, target: Path, row_group_rows: int) -> None:
    part = target.with_name(target.name + ".part")
    source = f"read_parquet({quote_literal(str(table))}, file_row_number = true)"
    key = quote_identifier(column)
    sql = (
        f"COPY (SELECT * EXCLUDE (file_row_number), file_row_number AS {ROW_ID} "
        f"FROM {source} ORDER BY {key} ASC NULLS LAST, file_row_number) "
        f"TO {quote_literal(str(part))} (FORMAT parquet, COMPRESSION zstd, "
        f"COMPRESSION_LEVEL 1, ROW_GROUP_SIZE {int(row_group_rows)})"
    )
    with tempfile.TemporaryDirectory(prefix=".spill-", dir=target.parent) as spill:
        connection = duckdb.connect(
            config={
                "threads": BUILD_THREADS,
                "memory_limit": BUILD_MEMORY,
                "temp_directory": spill,
            }
        )
        try:
            connection.execute(sql)
            part.replace(target)
        finally:
            connection.close()
            part.unlink(missing_ok=True)


def _remove_stale(table: Path, keep: Path) -> None:
    """Copies of this table file's name that no longer match its identity."""
    current = {sorted_copy_path(table, name).name for name in _columns(table) if name}
    for path in keep.parent.glob(f"{table.name}~*.parquet"):
        if path.name not in current and path != keep:
            path.unlink(missing_ok=True)


def _columns(table: Path) -> Sequence[str]:
    return pq.ParquetFile(table).schema_arrow.names


def remove_sorted_copies(table: Path) -> None:
    """Every copy of ``table`` (called when the table file is removed)."""
    folder = table.parent / FOLDER
    for path in folder.glob(f"{table.name}~*"):
        path.unlink(missing_ok=True)
