"""JSON records (objects) to a raw table, written column by column.

Columns are the keys in first-seen order; a key holding objects becomes one column
per child key ("parent.child"), and keeps a column of its own only for its plain
values. Values are formatted by ``cells.format_cell``. Building each batch column by
column lets the common cases (all strings, all whole numbers) go through C-level
``map`` instead of a Python loop per cell.
"""

from __future__ import annotations

from operator import methodcaller
from typing import Any

import pyarrow as pa

from ceiba.ingest.raw import RawColumn, RawTable, ReadError, ReadErrorCode
from ceiba.ingest.readers.base import ReadContext
from ceiba.ingest.readers.cells import format_cell
from ceiba.ingest.readers.grid import BATCH_ROWS, too_many_columns
from ceiba.ingest.readers.writer import RawTableWriter, drop_blank_rows, raw_schema
from ceiba.ingest.structure import clean_title, column_names

Record = dict[str, Any]
Key = tuple[str, str | None]
_PLAIN = {str, type(None)}


def record_keys(records: list[Record], max_columns: int) -> list[Key]:
    seen: dict[str, Any] = {}
    for record in records:
        seen.update(record)
    keys: list[Key] = []
    for key in seen:
        kinds = set(map(type, map(methodcaller("get", key), records)))
        if dict in kinds:
            children: dict[str, Any] = {}
            for value in map(methodcaller("get", key), records):
                if type(value) is dict:
                    children.update(value)
            keys += [(key, child) for child in children]
        if dict not in kinds or kinds - {dict, type(None)}:
            keys.append((key, None))
        if len(keys) > max_columns:
            raise too_many_columns(len(keys), max_columns)
    return keys


def write_records(
    records: list[Record], context: ReadContext, detection: dict[str, Any]
) -> RawTable:
    keys = record_keys(records, context.limits.max_columns)
    if not keys:
        raise ReadError(ReadErrorCode.EMPTY_FILE, "The JSON document has no data.")
    titles = [clean_title(k if c is None else f"{k}.{c}") for k, c in keys]
    names = column_names(titles)
    columns = [RawColumn(n, t) for n, t in zip(names, titles, strict=True)]
    path = context.table_path(context.stem)
    writer = RawTableWriter(path, raw_schema(names), context.tracker)
    try:
        blank = 0
        for start in range(0, len(records), BATCH_ROWS):
            blank += _write_batch(
                records[start : start + BATCH_ROWS], start, keys, writer
            )
        count = writer.close()
    except BaseException:
        writer.abort()
        raise
    detection |= {"header_rows": 1, "blank_rows_dropped": blank}
    return RawTable(context.stem, path, columns, count, detection)


def _write_batch(
    batch: list[Record], start: int, keys: list[Key], writer: RawTableWriter
) -> int:
    numbers = pa.array(range(start + 1, start + 1 + len(batch)), pa.int64())
    arrays = [numbers] + [pa.array(_column(batch, k), pa.string()) for k in keys]
    arrays, blank = drop_blank_rows(arrays)
    writer.write(pa.RecordBatch.from_arrays(arrays, schema=writer.schema))
    return blank


def _column(batch: list[Record], key: Key) -> list[str | None]:
    parent, child = key
    values = list(map(methodcaller("get", parent), batch))
    if child is not None:
        values = [v.get(child) if type(v) is dict else None for v in values]
    elif dict in set(map(type, values)):
        values = [None if type(v) is dict else v for v in values]
    kinds = set(map(type, values))
    if kinds <= _PLAIN:
        return [v or None for v in values] if "" in values else values
    if kinds == {int}:
        return list(map(str, values))
    return list(map(format_cell, values))
