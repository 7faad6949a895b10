"""CSV dialects: delimiter, quote and escape characters, guessed from a text sample.

The delimiter is the candidate (``,`` ``;`` tab ``|``) that splits the most records
into the same number of fields, at least two; ties go to more fields, then to the
order above. A file where none splits anything is read as one column. The quote
character is ``"`` unless the sample has none and its fields are wrapped in ``'``;
backslash escapes are recognised when ``\\"`` appears and ``""`` does not. Excel's
"sep=;" first line, when present, decides the delimiter (the line itself is then
skipped as a one-cell preamble row).
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

DELIMITERS = (",", ";", "\t", "|")
SNIFF_RECORDS = 500
_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_SEP_RE = re.compile(r"sep=([,;\t|])\r?\n")
_SINGLE_QUOTED_RE = re.compile(r"(?:^|[,;\t|])'[^'\r\n]*'(?:[,;\t|]|$)", re.M)

# One process-wide limit for the csv module: a field may be as long as a sample.
csv.field_size_limit(min(sys.maxsize, 1 << 26))


@dataclass(frozen=True)
class Dialect:
    delimiter: str = ","
    quotechar: str = '"'
    escapechar: str | None = None
    line_terminator: str = "\n"

    def reader(self, lines: Iterable[str]) -> Iterator[list[str]]:
        return csv.reader(
            lines,
            delimiter=self.delimiter,
            quotechar=self.quotechar,
            escapechar=self.escapechar,
            doublequote=True,
            strict=False,
        )

    def detection(self) -> dict[str, str | None]:
        return {
            "delimiter": self.delimiter,
            "quotechar": self.quotechar,
            "escapechar": self.escapechar,
            "line_terminator": self.line_terminator,
        }


def sniff_dialect(text: str) -> Dialect:
    quotechar = _quotechar(text)
    escapechar = "\\" if '\\"' in text and '""' not in text else None
    terminator = "\r\n" if "\r\n" in text else ("\r" if "\r" in text else "\n")
    lines = _LINE_RE.findall(text)[:SNIFF_RECORDS]
    declared = _SEP_RE.match(text)
    if declared:
        return Dialect(declared.group(1), quotechar, escapechar, terminator)
    best, best_score = ",", (0, 0, 0)
    for rank, delimiter in enumerate(DELIMITERS):
        dialect = Dialect(delimiter, quotechar, escapechar, terminator)
        counts = Counter(len(r) for r in dialect.reader(lines) if r)
        if not counts:
            continue
        fields, rows = max(counts.items(), key=lambda item: (item[1], item[0]))
        score = (rows, fields, -rank) if fields >= 2 else (0, 0, 0)
        if score > best_score:
            best, best_score = delimiter, score
    return Dialect(best, quotechar, escapechar, terminator)


def _quotechar(text: str) -> str:
    if '"' in text:
        return '"'
    lines = _LINE_RE.findall(text)[:50]
    single = sum(1 for line in lines if _SINGLE_QUOTED_RE.search(line))
    return "'" if lines and single * 2 > len(lines) else '"'


def sample_records(
    text: str, dialect: Dialect, *, complete: bool
) -> tuple[list[list[str]], list[int]]:
    """The records of ``text`` and the character offset where each one ends. When
    the sample is not the whole file, its last record may be cut and is left out."""
    ends: list[int] = []
    lines = _OffsetLines(text)
    records = []
    for record in dialect.reader(lines):
        records.append(record)
        ends.append(lines.position)
    if not complete and records:
        records.pop()
        ends.pop()
    return records, ends


class _OffsetLines:
    """Iterates over the lines of a text and tracks how far the csv reader got."""

    def __init__(self, text: str) -> None:
        self._lines = iter(_LINE_RE.finditer(text))
        self.position = 0

    def __iter__(self) -> _OffsetLines:
        return self

    def __next__(self) -> str:
        match = next(self._lines)
        self.position = match.end()
        return match.group()
