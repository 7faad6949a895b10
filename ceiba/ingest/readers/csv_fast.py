"""The fast path for regular CSV files: pyarrow's streaming reader, batch by batch.

Any surprise (a row of another width, a value in a column the sample said was empty,
a record longer than a block) raises ``FastPathError`` and the caller starts again on
the slow path; nothing half-written is left behind.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv

from ceiba.ingest.raw import RawColumn, RawTable
from ceiba.ingest.readers.base import ReadContext
from ceiba.ingest.readers.csv_sample import CsvSample, refuse_runaway_quote
from ceiba.ingest.readers.encoding import Utf8Stream
from ceiba.ingest.readers.hints import NumberFormatCounter
from ceiba.ingest.readers.writer import RawTableWriter, drop_blank_rows, raw_schema
from ceiba.ingest.structure import column_names, header_titles, trailing_junk

BLOCK_BYTES = 2 << 20
HINT_ROWS = 5_000


class FastPathError(Exception):
    """The file is not as regular as its first megabyte promised."""


class _Plan:
    def __init__(self, sample: CsvSample) -> None:
        head = sample.rows[: max(sample.guess.data_start, 1)]
        titles = header_titles(head, sample.guess, sample.width, ())
        body = sample.records[sample.guess.data_start :]
        self.keep = [
            col
            for col in range(sample.width)
            if titles[col] or any(r[col].strip() for r in body if len(r) > col)
        ]
        self.empty = [i for i in range(sample.width) if i not in self.keep]
        names = column_names([titles[i] for i in self.keep])
        self.columns = [
            RawColumn(name, titles[i]) for name, i in zip(names, self.keep, strict=True)
        ]


def read_fast(
    path: Path, sample: CsvSample, context: ReadContext, size: int
) -> RawTable:
    plan = _Plan(sample)
    if not plan.keep:
        raise FastPathError("no column has a title or a value in the sample")
    stream = Utf8Stream(path, sample.encoding)
    total = sample.estimate_rows(size)
    context.tracker.estimate = lambda rows: total
    table_path = context.table_path(context.stem)
    schema = raw_schema([c.name for c in plan.columns])
    writer = RawTableWriter(table_path, schema, context.tracker)
    try:
        _skip(stream, sample.data_offset())
        blank = 0
        if not sample.no_data:
            reader = _open(stream, sample)
            blank = _copy(reader, plan, writer, sample.guess.data_start + 1)
        count = writer.close(lambda rows: _trim(rows, sample))
    except (pa.ArrowInvalid, FastPathError) as error:
        writer.abort()
        context.created.remove(table_path)
        raise FastPathError(str(error).splitlines()[0]) from error
    except BaseException:
        writer.abort()
        raise
    finally:
        stream.close()
    detection = _detection(sample, stream, plan, writer, blank)
    return RawTable(context.stem, table_path, plan.columns, count, detection)


def _trim(rows: list[list[str | None]], sample: CsvSample) -> int:
    if rows:
        refuse_runaway_quote(rows[-1], None)
    return trailing_junk(rows, width=sample.guess.width)


def _skip(stream: Utf8Stream, count: int) -> None:
    while count > 0:
        chunk = stream.read(min(count, 1 << 20))
        if not chunk:
            return
        count -= len(chunk)


def _open(stream: Utf8Stream, sample: CsvSample) -> pacsv.CSVStreamingReader:
    dialect = sample.dialect
    names = [f"f{i}" for i in range(sample.width)]
    longest = max((len(r) for r in sample.text.splitlines()), default=0)
    return pacsv.open_csv(
        stream,
        read_options=pacsv.ReadOptions(
            column_names=names, block_size=max(BLOCK_BYTES, 8 * longest)
        ),
        parse_options=pacsv.ParseOptions(
            delimiter=dialect.delimiter,
            quote_char=dialect.quotechar,
            escape_char=dialect.escapechar or False,
            double_quote=True,
            newlines_in_values=True,
            ignore_empty_lines=False,
        ),
        convert_options=pacsv.ConvertOptions(
            check_utf8=False,
            column_types=dict.fromkeys(names, pa.string()),
            null_values=[""],
            strings_can_be_null=True,
            quoted_strings_can_be_null=True,
        ),
    )


def _copy(
    reader: pacsv.CSVStreamingReader, plan: _Plan, writer: RawTableWriter, first: int
) -> int:
    """Copy the batches; returns how many blank rows were left out."""
    number, blank = first, 0
    for batch in reader:
        for index in plan.empty:
            if batch.column(index).null_count != batch.num_rows:
                raise FastPathError(f"column {index + 1} has values after the sample")
        numbers = pa.array(range(number, number + batch.num_rows), pa.int64())
        number += batch.num_rows
        arrays = [numbers] + [batch.column(i) for i in plan.keep]
        arrays, dropped = drop_blank_rows(arrays)
        blank += dropped
        writer.write(pa.RecordBatch.from_arrays(arrays, schema=writer.schema))
    return blank


def _detection(
    sample: CsvSample,
    stream: Utf8Stream,
    plan: _Plan,
    writer: RawTableWriter,
    blank: int,
) -> dict[str, Any]:
    guess = sample.guess
    hints = NumberFormatCounter()
    for row in sample.records[guess.data_start : guess.data_start + HINT_ROWS]:
        for cell in row:
            hints.add(cell)
    return {
        "format": "csv",
        **sample.detection(),
        "fallback_bytes": stream.fallback_bytes,
        "nul_bytes_removed": stream.nul_bytes,
        "engine": "pyarrow",
        "header_rows": len(guess.header_rows),
        "skipped_rows_above": (
            guess.header_rows[0] if guess.header_rows else guess.data_start
        ),
        "dropped_rows_below": writer.dropped,
        "dropped_empty_columns": len(plan.empty),
        "blank_rows_dropped": blank,
        **hints.detection(),
    }
