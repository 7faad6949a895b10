"""Whole query results as files, streamed: CSV, JSON, XLSX and Parquet.

    export = export_query(TableQuery("3f…", filters=[…]), tables, "csv")
    StreamingHttpResponse(export.chunks, content_type=export.media_type)

There is no row cap (pages are for the API; files are for everything), but time
and memory are bounded by ``limits`` (``EXPORT_LIMITS`` by default) and rows are
read from DuckDB in Arrow batches, so memory does not grow with the result.
Problems the caller can report before sending anything (an unknown column, too
many rows for Excel) are raised by ``export_query`` itself; a time limit reached
while streaming ends the stream with an error.

Text that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
``@``, tab or carriage return) gets a leading ``'`` in CSV and XLSX; numbers stay
numbers, negative ones included, because only text columns are touched.
"""

import csv
import io
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from ceiba.datastore.query.errors import QueryError
from ceiba.datastore.query.plan import Plan, full_statement, plan_query
from ceiba.datastore.query.sandbox import (
    EXPORT_LIMITS,
    Limits,
    Sandbox,
    Session,
    quote_identifier,
)
from ceiba.datastore.query.search import count_rows
from ceiba.datastore.query.streams import (
    BATCH_ROWS,
    ExportStream,
    file_chunks,
    neutralised,
)
from ceiba.datastore.query.tablequery import TableQuery
from ceiba.datastore.query.xlsx import MAX_XLSX_ROWS, xlsx_chunks

RISKY_START = r"^[=+\-@\t\r]"
JSON_ROW = "__ceiba_json_row"
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
}
Writer = Callable[[Session, Plan, Path], Iterator[bytes]]


@dataclass(frozen=True)
class Export:
    """What to send: the bytes (iterate once; ``close()`` if abandoned), the media
    type and a file name."""

    chunks: ExportStream
    media_type: str
    filename: str


def export_query(
    query: TableQuery,
    tables: Mapping[str, Path],
    file_format: str,
    limits: Limits = EXPORT_LIMITS,
    *,
    filename: str | None = None,
    bom: bool = False,
    work_dir: Path | None = None,
) -> Export:
    """Stream every row of ``query`` (its page arguments are ignored) as a file."""
    writer = _writer(file_format, bom)
    if query.table_id not in tables:
        raise QueryError("unknown_table", table=query.table_id)
    folder = Path(tempfile.mkdtemp(prefix="ceiba-export-", dir=work_dir))
    sandbox = None
    try:
        sandbox = Sandbox(
            {query.table_id: tables[query.table_id]},
            limits,
            row_ids=True,
            writable_dir=folder,
        )
        plan = plan_query(query, sandbox.columns(query.table_id), limits)
        if file_format == "xlsx":
            _check_xlsx_rows(sandbox, plan)
    except BaseException:
        _remove(folder, sandbox)
        raise
    chunks = _streamed(sandbox, plan, folder, writer)
    return Export(
        chunks=ExportStream(chunks, lambda: _remove(folder, sandbox)),
        media_type=MEDIA_TYPES[file_format],
        filename=_filename(filename or query.table_id, file_format),
    )


def csv_chunks(session: Session, plan: Plan, bom: bool = False) -> Iterator[bytes]:
    sql, params = full_statement(plan)
    reader = session.relation(sql, params).to_arrow_reader(BATCH_ROWS)
    header = io.StringIO()
    csv.writer(header, lineterminator="\n").writerow(
        [neutralised(field.name) for field in plan.output]
    )
    yield (b"\xef\xbb\xbf" if bom else b"") + header.getvalue().encode()
    options = pacsv.WriteOptions(include_header=False, quoting_style="needed")
    for batch in reader:
        session.deadline.check()
        sink = pa.BufferOutputStream()
        pacsv.write_csv(_csv_ready(batch), sink, options)
        yield sink.getvalue().to_pybytes()


def json_chunks(session: Session, plan: Plan) -> Iterator[bytes]:
    """A JSON array of objects, one object per row, written by DuckDB."""
    sql, params = full_statement(plan)
    row = quote_identifier(JSON_ROW)  # the row as a struct; no column has this name
    rows_sql = f"SELECT to_json({row}) FROM ({sql}) AS {row}"  # noqa: S608 (built from quoted names)
    reader = session.relation(rows_sql, params).to_arrow_reader(BATCH_ROWS)
    opening = b"["
    for batch in reader:
        session.deadline.check()
        if batch.num_rows:
            text = joined(pc.binary_join_element_wise(",\n", batch.column(0), ""))
            yield opening + (text[2:] if opening == b"[" else text)
            opening = b""
    yield b"[]" if opening else b"]"


def joined(texts: pa.Array) -> bytes:
    """The values of a string array without nulls, end to end, in one copy."""
    texts = texts.cast(pa.large_string()) if texts.offset else texts
    length = pc.sum(pc.binary_length(texts)).as_py() or 0
    return texts.buffers()[2].to_pybytes()[:length] if length else b""


def parquet_chunks(session: Session, plan: Plan, folder: Path) -> Iterator[bytes]:
    """DuckDB writes the file into the export's private folder; then it is read."""
    sql, params = full_statement(plan)
    target = folder / "export.parquet"
    session.relation(sql, params).write_parquet(str(target), compression="zstd")
    yield from file_chunks(target, session)


def _writer(file_format: str, bom: bool) -> Writer:
    writers: dict[str, Writer] = {
        "csv": lambda session, plan, folder: csv_chunks(session, plan, bom),
        "json": lambda session, plan, folder: json_chunks(session, plan),
        "xlsx": xlsx_chunks,
        "parquet": parquet_chunks,
    }
    if file_format not in writers:
        raise QueryError("invalid_argument", argument="format")
    return writers[file_format]


def _streamed(
    sandbox: Sandbox, plan: Plan, folder: Path, writer: Writer
) -> Iterator[bytes]:
    with sandbox.session() as session:
        yield from writer(session, plan, folder)


def _check_xlsx_rows(sandbox: Sandbox, plan: Plan) -> None:
    with sandbox.session() as session:
        rows = count_rows(session, plan)
    if rows > MAX_XLSX_ROWS:
        raise QueryError("too_many_rows_for_xlsx", rows=rows, limit=MAX_XLSX_ROWS)


def _csv_ready(batch: pa.RecordBatch) -> pa.RecordBatch:
    """Text columns neutralised; timestamps without empty fractions of seconds."""
    columns = []
    for column in batch.columns:
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            risky = pc.match_substring_regex(column, RISKY_START)
            column = pc.if_else(
                risky, pc.binary_join_element_wise("'", column, ""), column
            )
        elif pa.types.is_timestamp(column.type):
            column = _whole_seconds(column)
        columns.append(column)
    return pa.RecordBatch.from_arrays(columns, names=batch.schema.names)


def _whole_seconds(column: pa.Array) -> pa.Array:
    try:
        return column.cast(pa.timestamp("s", tz=column.type.tz))
    except pa.ArrowInvalid:  # sub-second values: keep them
        return column


def _filename(name: str, file_format: str) -> str:
    suffix = f".{file_format}"
    return name if name.endswith(suffix) else name + suffix


def _remove(folder: Path, sandbox: Sandbox | None) -> None:
    if sandbox is not None:
        sandbox.close()
    shutil.rmtree(folder, ignore_errors=True)
