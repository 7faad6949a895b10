"""Writing a raw table: batches of strings in, one Parquet file out.

The writer buffers up to a row group (128k rows or 64 MB) and, when asked to, keeps
the last ``TAIL_ROWS`` rows back until ``close`` so that notes and totals under the
data can be cut without reading the file twice. The file is written as
``<name>.parquet.part`` and renamed when complete. Row groups are encoded by a
background thread (pyarrow releases the GIL), so parsing and writing overlap; at most
two row groups wait in between.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ceiba.ingest.raw import ROW_COLUMN
from ceiba.ingest.readers.base import ProgressTracker
from ceiba.ingest.structure import Row

TAIL_ROWS = 64
ROW_GROUP_ROWS = 128_000
ROW_GROUP_BYTES = 64 << 20

Trim = Callable[[list[list[str | None]]], int]


def raw_schema(names: Sequence[str]) -> pa.Schema:
    return pa.schema(
        [pa.field(ROW_COLUMN, pa.int64(), nullable=False)]
        + [pa.field(name, pa.string()) for name in names]
    )


def rows_to_batch(
    numbers: Sequence[int], rows: Sequence[Row], schema: pa.Schema
) -> pa.RecordBatch:
    """A batch from Python rows already cut or padded to the schema's width."""
    width = len(schema) - 1
    columns = list(zip(*rows, strict=True)) if rows else [()] * width
    arrays = [pa.array(numbers, pa.int64())]
    arrays += [pa.array(column, pa.string()) for column in columns]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def drop_blank_rows(arrays: list[pa.Array]) -> tuple[list[pa.Array], int]:
    """Leave out the rows where every cell after the row number is null; returns
    the arrays and how many rows were left out. Cheap when no column has a null."""
    cells = arrays[1:]
    if not cells or not all(array.null_count for array in cells):
        return arrays, 0
    valid = cells[0].is_valid()
    for array in cells[1:]:
        valid = pc.or_(valid, array.is_valid())
    kept = pc.sum(valid).as_py() or 0
    if kept == len(arrays[0]):
        return arrays, 0
    return [pc.filter(array, valid) for array in arrays], len(arrays[0]) - kept


class _Background:
    """Writes tables to a ParquetWriter in a thread; re-raises its error later."""

    def __init__(self, writer: pq.ParquetWriter) -> None:
        self._writer = writer
        self._queue: queue.Queue[pa.Table | None] = queue.Queue(maxsize=2)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def put(self, table: pa.Table) -> None:
        if self._error is not None:
            raise self._error
        self._queue.put(table)

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join()
        self._writer.close()
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        while (table := self._queue.get()) is not None:
            if self._error is None:
                try:
                    self._writer.write_table(table)
                except BaseException as error:  # noqa: BLE001 - re-raised by put/close
                    self._error = error
            del table
            # Give freed buffers back to the system now: on a busy machine the
            # allocator's own purging lags and memory would grow with the file.
            pa.default_memory_pool().release_unused()


class RawTableWriter:
    def __init__(self, path: Path, schema: pa.Schema, tracker: ProgressTracker) -> None:
        self.path = path
        self.schema = schema
        self._tracker = tracker
        self._part = path.with_name(path.name + ".part")
        self._writer = _Background(
            pq.ParquetWriter(
                self._part, schema, compression="zstd", write_statistics=[ROW_COLUMN]
            )
        )
        self._buffer: list[pa.RecordBatch] = []
        self._buffered_rows = 0
        self._buffered_bytes = 0
        self.rows_written = 0
        self.dropped: list[dict[str, object]] = []

    def write(self, batch: pa.RecordBatch) -> None:
        self._buffer.append(batch)
        self._buffered_rows += batch.num_rows
        self._buffered_bytes += batch.nbytes
        self._tracker.advance(batch.num_rows)
        full = self._buffered_rows >= ROW_GROUP_ROWS + TAIL_ROWS
        if full or self._buffered_bytes >= ROW_GROUP_BYTES:
            self._flush(keep=TAIL_ROWS)

    def _flush(self, keep: int) -> None:
        table = pa.Table.from_batches(self._buffer, schema=self.schema)
        keep = min(keep, table.num_rows)
        head = table.slice(0, table.num_rows - keep)
        if head.num_rows:
            self._writer.put(head)
            self.rows_written += head.num_rows
        tail = table.slice(table.num_rows - keep)
        self._buffer = tail.to_batches()
        self._buffered_rows = tail.num_rows
        self._buffered_bytes = tail.nbytes

    def close(self, trim: Trim | None = None) -> int:
        """Cut what ``trim`` says of the last rows, finish the file, return the row
        count. ``trim`` gets the last rows (cells only) and returns how many to drop."""
        table = pa.Table.from_batches(self._buffer, schema=self.schema)
        if trim is not None and table.num_rows:
            tail = table.slice(max(0, table.num_rows - TAIL_ROWS))
            cells = [list(row.values())[1:] for row in tail.to_pylist()]
            drop = trim(cells)
            if drop:
                self._record_dropped(tail.slice(tail.num_rows - drop))
                table = table.slice(0, table.num_rows - drop)
        if table.num_rows:
            self._writer.put(table)
            self.rows_written += table.num_rows
        self._writer.close()
        self._part.replace(self.path)
        return self.rows_written

    def _record_dropped(self, rows: pa.Table) -> None:
        for row in rows.to_pylist():
            number = row.pop(ROW_COLUMN)
            text = " | ".join(v.strip() for v in row.values() if v and v.strip())
            self.dropped.append({"row": number, "text": text[:120]})

    def abort(self) -> None:
        """Drop the unfinished file; never raises over the error being handled."""
        with contextlib.suppress(Exception):
            self._writer.close()
        self._part.unlink(missing_ok=True)
