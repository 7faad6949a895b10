"""The file readers, in the order they are asked, and the dispatch between them.

Content decides before the extension: workbooks by their zip or OLE signature, JSON
by its extension or its first character, everything else that is text goes to the
CSV reader. Known binary formats, NUL-filled files and web pages are refused first.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from ceiba.ingest.raw import RawTable, ReadError, ReadErrorCode
from ceiba.ingest.readers.archive import OLE_MAGIC, ZIP_MAGIC
from ceiba.ingest.readers.base import ReadContext, Reader
from ceiba.ingest.readers.csv import CsvReader
from ceiba.ingest.readers.encoding import guess_encoding
from ceiba.ingest.readers.excel import ExcelReader
from ceiba.ingest.readers.json import JsonReader

READERS: list[Reader] = [ExcelReader(), JsonReader(), CsvReader()]

HEAD_BYTES = 1 << 16
_SIGNATURES = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"PAR1": "a Parquet file",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"BZh": "a bzip2 archive",
    b"SQLite format 3": "a SQLite database",
    b"PK\x05\x06": "an empty zip archive",
}
# C0 control bytes other than tab, line feed, carriage return and form feed.
_CONTROL_BYTES = [b for b in range(32) if b not in (9, 10, 12, 13)]
_MARKUP = (b"<!doctype html", b"<html", b"<table", b"<?xml")


def read_with_registry(path: Path, context: ReadContext) -> list[RawTable]:
    with path.open("rb") as file:
        head = file.read(HEAD_BYTES)
    if not head:
        raise ReadError(ReadErrorCode.EMPTY_FILE, "The file is empty.")
    _refuse_non_tables(head)
    extension = Path(context.filename).suffix.lower()
    reader = next(r for r in READERS if r.accepts(head, extension))
    try:
        tables = reader.read(path, context)
    except BaseException:
        for created in context.created:
            for leftover in (created, created.with_name(created.name + ".part")):
                with contextlib.suppress(OSError):
                    leftover.unlink(missing_ok=True)
        raise
    context.tracker.finish(sum(table.row_count for table in tables))
    return tables


def _refuse_non_tables(head: bytes) -> None:
    for signature, what in _SIGNATURES.items():
        if head.startswith(signature):
            raise ReadError(
                ReadErrorCode.BINARY_NOT_TEXT,
                f"The file is {what}, not a table.",
                kind=what,
            )
    if head.startswith((ZIP_MAGIC, OLE_MAGIC)):
        return
    controls = sum(head.count(bytes([b])) for b in _CONTROL_BYTES)
    if controls > max(16, len(head) // 20):
        guess = guess_encoding(head, at_eof=True)
        if not guess.codec.startswith("utf-16"):
            raise ReadError(
                ReadErrorCode.BINARY_NOT_TEXT,
                "The file is binary data, not text or a spreadsheet.",
            )
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:64].lower()
    if start.startswith(_MARKUP):
        raise ReadError(
            ReadErrorCode.NOT_TABULAR,
            "The file is a web page or an XML document, not a table. "
            "Save it as CSV or as a spreadsheet.",
        )
