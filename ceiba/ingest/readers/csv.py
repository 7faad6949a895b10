"""CSV and other delimited text files.

The first megabyte decides everything (encoding, dialect, header rows: see
``encoding``, ``dialect`` and ``ceiba.ingest.structure``). Then the file is streamed,
never loaded whole:

- fast path, when every record of the sample has as many fields as the header:
  pyarrow's streaming CSV reader parses 4 MB blocks straight into string columns,
  written as they come (about a million rows a second on two cores);
- slow path, when rows are ragged, or when the fast path meets a row of another
  width, a cell in a column it was dropping, or a record longer than a block: the
  ``csv`` module reads the records twice (``grid.read_grid``), padding short rows
  and keeping extra cells in extra columns.

Either way memory stays bounded by the block and row-group sizes, whatever the file
size.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ceiba.ingest.raw import RawTable, ReadError, ReadErrorCode
from ceiba.ingest.readers.base import ReadContext, Reader
from ceiba.ingest.readers.csv_fast import FastPathError, read_fast
from ceiba.ingest.readers.csv_sample import (
    CsvSample,
    load_sample,
    refuse_runaway_quote,
)
from ceiba.ingest.readers.encoding import Utf8Stream
from ceiba.ingest.readers.grid import NotATableError, NumberedRow, read_grid


class CsvReader(Reader):
    name = "csv"
    extensions = (".csv", ".txt", ".tsv", ".tab", ".dat", ".prn")

    def accepts(self, head: bytes, extension: str) -> bool:
        return True

    def read(self, path: Path, context: ReadContext) -> list[RawTable]:
        sample = load_sample(path, context.limits.max_columns)
        size = path.stat().st_size
        fallback = None
        if sample.regular:
            rows_before = context.tracker.rows
            try:
                table = read_fast(path, sample, context, size)
            except FastPathError as error:
                context.tracker.rows = rows_before
                fallback = str(error)
            else:
                return [table]
        return [_read_slow(path, sample, context, fallback)]


def _read_slow(
    path: Path, sample: CsvSample, context: ReadContext, fallback: str | None
) -> RawTable:
    source = _CsvSource(path, sample)
    total = sample.estimate_rows(path.stat().st_size)
    context.tracker.estimate = lambda rows: total
    try:
        table = read_grid(source, name=context.stem, context=context)
    except NotATableError as error:
        raise ReadError(
            ReadErrorCode.EMPTY_FILE, "The file has no data.", reason=error.reason
        ) from error
    detection: dict[str, Any] = {
        "format": "csv",
        **sample.detection(),
        **source.detection(),
        "engine": "python-csv",
        "fast_path_fallback": fallback,
        **table.detection,
    }
    return dataclasses.replace(table, detection=detection)


class _CsvSource:
    """Fresh iterators over the file's records, numbered from 1 like a spreadsheet
    numbers them."""

    def __init__(self, path: Path, sample: CsvSample) -> None:
        self._path = path
        self._sample = sample
        self._stream: Utf8Stream | None = None

    def __call__(self) -> Iterator[NumberedRow]:
        self._stream = stream = Utf8Stream(self._path, self._sample.encoding)
        text = io.TextIOWrapper(
            io.BufferedReader(stream, 1 << 20), encoding="utf-8", newline=""
        )
        reader = self._sample.dialect.reader(text)
        last: list[str | None] = []
        try:
            for number, record in enumerate(reader, start=1):
                last = [cell or None for cell in record]
                yield number, last
            refuse_runaway_quote(last, reader.line_num)
        except csv.Error as error:
            raise _malformed(error, number=reader.line_num) from error
        finally:
            text.close()

    def detection(self) -> dict[str, Any]:
        stream = self._stream
        return {
            "fallback_bytes": stream.fallback_bytes if stream else 0,
            "nul_bytes_removed": stream.nul_bytes if stream else 0,
        }


def _malformed(error: Exception, *, number: int) -> ReadError:
    return ReadError(
        ReadErrorCode.MALFORMED_CSV,
        f"The file cannot be read as CSV near line {number}: {error}.",
        line=number,
    )
