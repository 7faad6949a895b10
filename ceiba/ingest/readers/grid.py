"""From a grid of string cells to a raw table, in two passes over a row source.

Used for sheets, for CSV files whose rows do not all have the same number of fields,
and for JSON arrays of arrays. Pass one finds the table (``structure.detect_header``
on the first rows), its width, the columns that hold anything, the last rows and,
for sheets, the column sums that reveal an unlabeled totals row. Pass two writes.

Ragged rows: short rows are padded with nulls; cells beyond the header go to extra
columns named ``columna_<position>``. Columns with neither a title nor a value
anywhere (trailing separators, empty spacer columns) are dropped. Blank rows are
dropped; ``__row`` keeps every row's number, so error reports still point at the
right line.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from ceiba.ingest.raw import RawColumn, RawTable, ReadError, ReadErrorCode
from ceiba.ingest.readers.base import ReadContext
from ceiba.ingest.readers.hints import NumberFormatCounter
from ceiba.ingest.readers.writer import (
    TAIL_ROWS,
    RawTableWriter,
    raw_schema,
    rows_to_batch,
)
from ceiba.ingest.structure import (
    HEAD_ROWS,
    HeaderGuess,
    Merge,
    Row,
    column_names,
    detect_header,
    header_titles,
    is_number,
    to_float,
    trailing_junk,
)

NumberedRow = tuple[int, list[str | None]]
RowSource = Callable[[], Iterator[NumberedRow]]
BATCH_ROWS = 20_000
DETAIL_ROWS = 10_000
PROSE_LENGTH = 60


class NotATableError(Exception):
    """The grid holds no table (empty, or a page of text); ``reason`` says which."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class GridScan:
    width: int = 0
    used: set[int] = field(default_factory=set)
    sums: dict[int, float] = field(default_factory=dict)
    tail: deque[NumberedRow] = field(default_factory=lambda: deque(maxlen=TAIL_ROWS))
    rows: int = 0
    text_length: int = 0
    hints: NumberFormatCounter = field(default_factory=NumberFormatCounter)


@dataclass(frozen=True)
class GridPlan:
    guess: HeaderGuess
    keep: list[int]
    columns: list[RawColumn]
    width: int
    dropped_rows: dict[int, str]


def read_grid(
    source: RowSource,
    *,
    name: str,
    context: ReadContext,
    merges: Sequence[Merge] = (),
    with_sums: bool = False,
) -> RawTable:
    """Find the table in ``source`` and write it. Raises ``NotATableError``."""
    head = [cells for _, cells in islice(source(), HEAD_ROWS)]
    guess = detect_header(head, merges)
    scan = scan_grid(source(), guess.data_start, with_sums=with_sums)
    plan = plan_grid(head, guess, scan, merges, context)
    path = context.table_path(name)
    writer = RawTableWriter(
        path, raw_schema([c.name for c in plan.columns]), context.tracker
    )
    try:
        _write_rows(source(), plan, writer)
        count = writer.close()
    except BaseException:
        writer.abort()
        raise
    detection = grid_detection(guess, scan, plan)
    return RawTable(name, path, plan.columns, count, detection)


def scan_grid(rows: Iterator[NumberedRow], start: int, *, with_sums: bool) -> GridScan:
    scan = GridScan()
    for number, cells in islice(rows, start, None):
        if not has_content(cells):
            continue
        scan.rows += 1
        scan.tail.append((number, cells))
        if len(cells) > scan.width:
            scan.width = len(cells)
        if scan.rows <= DETAIL_ROWS or len(scan.used) < len(cells):
            _scan_cells(scan, cells, detail=scan.rows <= DETAIL_ROWS)
        if with_sums:
            for col, cell in enumerate(cells):
                if cell and is_number(cell):
                    scan.sums[col] = scan.sums.get(col, 0.0) + to_float(cell)
    return scan


def _scan_cells(scan: GridScan, cells: list[str | None], *, detail: bool) -> None:
    for col, cell in enumerate(cells):
        if cell is None or cell.isspace():
            continue
        scan.used.add(col)
        if detail:
            scan.text_length += len(cell)
            scan.hints.add(cell)


def has_content(cells: Sequence[str | None]) -> bool:
    return any(cells) and any(cell and not cell.isspace() for cell in cells)


def plan_grid(
    head: list[list[str | None]],
    guess: HeaderGuess,
    scan: GridScan,
    merges: Sequence[Merge],
    context: ReadContext,
) -> GridPlan:
    header_width = max((len(head[i]) for i in guess.header_rows), default=0)
    width = max(scan.width, header_width)
    if width > context.limits.max_columns:
        raise too_many_columns(width, context.limits.max_columns)
    titles = header_titles(head, guess, width, merges)
    keep = [i for i in range(width) if titles[i] or i in scan.used]
    if not keep:
        raise NotATableError("empty")
    detailed = min(scan.rows, DETAIL_ROWS)
    if len(keep) == 1 and detailed and scan.text_length / detailed > PROSE_LENGTH:
        raise NotATableError("text")
    names = column_names([titles[i] for i in keep])
    columns = [RawColumn(n, titles[i]) for n, i in zip(names, keep, strict=True)]
    tail = [cells for _, cells in scan.tail]
    sums = scan.sums if scan.sums else None
    drop = trailing_junk(tail, width=guess.width, sums=sums)
    junk = list(scan.tail)[len(tail) - drop :] if drop else []
    dropped = {number: preview(cells) for number, cells in junk}
    return GridPlan(guess, keep, columns, width, dropped)


def preview(cells: Row) -> str:
    return " | ".join(c.strip() for c in cells if c and c.strip())[:120]


def too_many_columns(width: int, limit: int) -> ReadError:
    return ReadError(
        ReadErrorCode.TOO_MANY_COLUMNS,
        f"The table has {width} columns; at most {limit} are accepted.",
        columns=width,
        limit=limit,
    )


def _write_rows(
    rows: Iterator[NumberedRow], plan: GridPlan, writer: RawTableWriter
) -> None:
    numbers: list[int] = []
    batch: list[Row] = []
    width, keep = plan.width, plan.keep
    everything = keep == list(range(width))
    for number, cells in islice(rows, plan.guess.data_start, None):
        if number in plan.dropped_rows or not has_content(cells):
            continue
        if len(cells) < width:
            cells = cells + [None] * (width - len(cells))
        numbers.append(number)
        batch.append(cells[:width] if everything else [cells[i] for i in keep])
        if len(batch) >= BATCH_ROWS:
            writer.write(rows_to_batch(numbers, batch, writer.schema))
            numbers, batch = [], []
    if batch:
        writer.write(rows_to_batch(numbers, batch, writer.schema))


def grid_detection(
    guess: HeaderGuess, scan: GridScan, plan: GridPlan
) -> dict[str, Any]:
    first_header = guess.header_rows[0] if guess.header_rows else guess.data_start
    return {
        "header_rows": len(guess.header_rows),
        "skipped_rows_above": first_header,
        "dropped_rows_below": [
            {"row": number, "text": text}
            for number, text in sorted(plan.dropped_rows.items())
        ],
        "dropped_empty_columns": plan.width - len(plan.keep),
        **scan.hints.detection(),
    }
