"""Raw tables: what any tabular file a ministry publishes becomes before typing.

A raw table is a Parquet file whose first column ``__row`` (int64) is the row's number
in the source as a person sees it (the line of a CSV as a spreadsheet numbers it, the
row of a sheet, the position of a JSON record), followed by one string column per data
column. Empty cells are nulls. Nothing here is typed: the typing step reads
``RawTable.detection`` (decimal and thousands hints, encoding, header rows...) and the
strings.

``read_table_file`` is the only entry point: it sniffs the file, picks a reader from
``ceiba.ingest.readers.registry`` and returns one ``RawTable`` per table found (one per
sheet for workbooks). It writes each Parquet file under a temporary name and renames
it when complete; when it raises, it leaves no file behind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

ROW_COLUMN = "__row"

Progress = Callable[[int, int | None], None]


@dataclass(frozen=True)
class RawColumn:
    """``name`` is a unique lowercase ASCII identifier made from ``title``, the
    header text as published (spaces collapsed, header rows joined with " - ")."""

    name: str
    title: str


@dataclass(frozen=True)
class RawTable:
    name: str
    path: Path
    columns: list[RawColumn]
    row_count: int
    detection: dict[str, Any] = field(default_factory=dict)


class ReadErrorCode(StrEnum):
    EMPTY_FILE = "empty_file"
    UNREADABLE_ENCODING = "unreadable_encoding"
    BINARY_NOT_TEXT = "binary_not_text"
    NOT_TABULAR = "not_tabular"
    MALFORMED_CSV = "malformed_csv"
    LINE_TOO_LONG = "line_too_long"
    TOO_MANY_COLUMNS = "too_many_columns"
    ZIP_BOMB = "zip_bomb"
    MACROS_NOT_ALLOWED = "macros_not_allowed"
    ENCRYPTED_WORKBOOK = "encrypted_workbook"
    UNREADABLE_WORKBOOK = "unreadable_workbook"
    JSON_NOT_TABULAR = "json_not_tabular"
    INVALID_JSON = "invalid_json"
    FILE_TOO_LARGE = "file_too_large"


class ReadError(Exception):
    """A file we refuse to read, with a stable ``code`` and the values the message
    mentions in ``fields`` (so the caller can build its own translated sentence)."""

    def __init__(self, code: ReadErrorCode, message: str, **fields: Any) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.fields = fields

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


@dataclass(frozen=True)
class ReadLimits:
    max_columns: int = 5000
    max_uncompressed_bytes: int = 2_000_000_000
    max_json_bytes: int = 64_000_000


def read_table_file(
    path: Path,
    *,
    filename: str,
    out_dir: Path,
    progress: Progress | None = None,
    max_columns: int = 5000,
    max_uncompressed_bytes: int = 2_000_000_000,
    max_json_bytes: int = 64_000_000,
) -> list[RawTable]:
    """Read the tables of ``path`` (published as ``filename``) into raw Parquet files
    in ``out_dir``. ``progress(rows_read, total_or_None)`` is called about every 50,000
    rows and once at the end. Raises ``ReadError`` for files we refuse."""
    # Imported here: the readers import this module's dataclasses.
    from ceiba.ingest.readers.base import ReadContext
    from ceiba.ingest.readers.registry import read_with_registry

    limits = ReadLimits(max_columns, max_uncompressed_bytes, max_json_bytes)
    out_dir.mkdir(parents=True, exist_ok=True)
    context = ReadContext(
        filename=filename,
        out_dir=out_dir,
        progress=progress or _no_progress,
        limits=limits,
    )
    return read_with_registry(Path(path), context)


def _no_progress(rows: int, total: int | None) -> None:
    return None
