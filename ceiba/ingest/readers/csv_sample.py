"""The first megabyte of a delimited text file, and what it tells about the rest."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ceiba.ingest.raw import ReadError, ReadErrorCode
from ceiba.ingest.readers.dialect import (
    DELIMITERS,
    Dialect,
    sample_records,
    sniff_dialect,
)
from ceiba.ingest.readers.encoding import (
    SAMPLE_BYTES,
    EncodingGuess,
    Utf8Stream,
    check_text,
    guess_encoding,
)
from ceiba.ingest.readers.grid import too_many_columns
from ceiba.ingest.structure import HEAD_ROWS, HeaderGuess, detect_header

MAX_SAMPLE_BYTES = 1 << 24
RUNAWAY_FIELD = 100_000


@dataclass(frozen=True)
class CsvSample:
    encoding: EncodingGuess
    dialect: Dialect
    text: str
    complete: bool
    records: list[list[str]]
    ends: list[int]
    guess: HeaderGuess
    width: int
    regular: bool

    @property
    def no_data(self) -> bool:
        """The whole file is in the sample and nothing follows the header."""
        return self.complete and self.guess.data_start >= len(self.records)

    @property
    def rows(self) -> list[list[str | None]]:
        """The first ``HEAD_ROWS`` records, empty cells as None."""
        return [[cell or None for cell in r] for r in self.records[:HEAD_ROWS]]

    def data_offset(self) -> int:
        """Where the data starts, in bytes of the UTF-8 stream."""
        start = self.guess.data_start
        return len(self.text[: self.ends[start - 1]].encode()) if start else 0

    def estimate_rows(self, size: int) -> int | None:
        """The file's row count guessed from the sample's bytes per record."""
        start = self.guess.data_start
        records = len(self.records) - start
        if records <= 0 or not self.ends:
            return None
        data_bytes = len(
            self.text[self.ends[start - 1] if start else 0 : self.ends[-1]]
        )
        return int(size * records / max(1, data_bytes))

    def detection(self) -> dict[str, Any]:
        return {
            "encoding": self.encoding.label,
            "bom": self.encoding.bom_length > 0,
            **self.dialect.detection(),
        }


def load_sample(path: Path, max_columns: int) -> CsvSample:
    with path.open("rb") as file:
        head = file.read(SAMPLE_BYTES)
    if not head.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise ReadError(ReadErrorCode.EMPTY_FILE, "The file is empty.")
    encoding = guess_encoding(head, at_eof=len(head) < SAMPLE_BYTES)
    text, complete = _read_text(path, encoding, max_columns)
    check_text(text)
    dialect = sniff_dialect(text)
    records, ends = sample_records(text, dialect, complete=complete)
    if not any(cell.strip() for record in records for cell in record):
        raise ReadError(ReadErrorCode.EMPTY_FILE, "The file has no data.")
    widest = max(len(record) for record in records)
    if widest > max_columns:
        raise too_many_columns(widest, max_columns)
    rows = [[cell or None for cell in record] for record in records[:HEAD_ROWS]]
    guess = detect_header(rows)
    first = guess.header_rows[0] if guess.header_rows else guess.data_start
    width = len(records[first]) if first < len(records) else widest
    regular = all(len(r) == width for r in records[first:] if r)
    return CsvSample(
        encoding, dialect, text, complete, records, ends, guess, width, regular
    )


def _read_text(
    path: Path, encoding: EncodingGuess, max_columns: int
) -> tuple[str, bool]:
    """Decode the sample: ``SAMPLE_BYTES``, or more (up to 16 MB) until a whole line
    is in. Returns the text and whether it is the whole file."""
    stream = Utf8Stream(path, encoding)
    data = bytearray()
    limit = SAMPLE_BYTES
    try:
        while True:
            chunk = stream.read(limit - len(data))
            if not chunk:
                return data.decode("utf-8", "ignore"), True
            data += chunk
            if len(data) < limit:
                continue
            if b"\n" in data or b"\r" in data:
                return data.decode("utf-8", "ignore"), False
            _refuse_long_line(data, limit, max_columns)
            limit *= 4
    finally:
        stream.close()


def _refuse_long_line(data: bytearray, limit: int, max_columns: int) -> None:
    fields = 1 + max(data.count(d.encode()) for d in DELIMITERS)
    if fields > max_columns:
        raise too_many_columns(fields, max_columns)
    if limit >= MAX_SAMPLE_BYTES:
        raise ReadError(
            ReadErrorCode.LINE_TOO_LONG,
            "The first line of the file is longer than 16 MB: it is not a table.",
        )


def refuse_runaway_quote(cells: Sequence[str | None], number: int | None) -> None:
    """A quote that never closes swallows the rest of the file into the last
    record's last cells; csv readers accept that silently, we do not."""
    for cell in cells:
        if cell and len(cell) > RUNAWAY_FIELD and "\n" in cell:
            where = f" (row {number})" if number else ""
            raise ReadError(
                ReadErrorCode.MALFORMED_CSV,
                f"A quoted field in the last record{where} never closes: it runs to "
                "the end of the file. Check the quotes in the file.",
                line=number,
            )
