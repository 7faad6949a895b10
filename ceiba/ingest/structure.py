"""Where the table sits in a grid of cells: header rows, column titles and names, and
the notes and totals under the data. Shared by the CSV, Excel and ODS readers.

A grid is a list of rows; a row is a sequence of ``str | None`` cells, and a cell that
is None or only whitespace is *empty*. A cell is a *number* when it reads as one
("12", "-99.9", "1,234.56", "1.234,56", "45%"), a *year* when it is a whole number
from 1900 to 2099, otherwise *text*.

Header detection (``detect_header``), deterministic, on the first ``HEAD_ROWS`` rows:

1. The table width ``W`` is the number of non-empty cells that at least a fifth of the
   non-blank rows reach (so a few wide stray rows or many thin title rows do not move
   it).
2. Going down, blank rows and title rows are skipped: a title row has fewer than two
   non-empty cells (when ``W`` > 1), or its cells cover less than half of ``W``
   columns (a cell merged over several columns covers all of them; a row of three
   cells or more covers its span, for group labels in files without merges).
   Institutional titles, "Regresar" links, "Serie histórica 2018-2022", the TSE's
   metadata lines and summary blocks are skipped this way.
3. The first row left is the header, unless it looks like data: numbers (not years)
   or dates in at least half of its cells, and words over fewer than two of the
   columns that are numeric below ("Edad | Total | 1 | 2 | 3 | 10 y más" is a
   header). Then the table has no header row.
4. The rows just under the header (blank rows between them are ignored, three header
   rows at most) are more header rows when they hold no numbers or dates, only
   labels or years, and either fill a gap of the rows above (a merged group such as
   "2018" over "Hombres | Mujeres") or put words over a column that is numeric in the
   data below (INSIVUMEH's second header line of station names).

Titles join the header rows of each column with " - " after filling merged areas (or,
for files without merge information, carrying a group label to the right over the
columns that have a sub-heading below it).

Rows under the data (``trailing_junk``) are dropped, from the bottom up, while they
are blank, totals ("Total", "TOTAL", "Total general", "Totales:" among their first
three cells), notes and sources ("Fuente: ...", "Nota: ...", "1/ Cifras
preliminares", "* ...", or a single long sentence in a table of three columns or
more), or, when column sums are given, an unlabeled row equal to the sum of the rows
above. A row that is none of these stops the search, so "SIN DATOS" stays data.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

Cell = str | None
Row = Sequence[Cell]
Merge = tuple[int, int, int, int]  # first row, first column, last row, last column

HEAD_ROWS = 60
MAX_HEADER_ROWS = 3
NAME_MAX_LENGTH = 63

_NUMBER_RE = re.compile(
    r"^[-+]?(?:\d{1,3}(?:[.,' ]\d{3})+|\d+)?(?:[.,]\d+)?(?:[eE][-+]?\d+)?%?$"
)
_YEAR_RE = re.compile(r"^(?:19|20)\d\d(?:\.0+)?$")
_DATE_RE = re.compile(
    r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T]\d{1,2}:\d\d(?::\d\d)?)?"
)
_TOTAL_RE = re.compile(r"^(?:gran\s+)?totale?s?(?:\s+general(?:es)?)?\b\W*", re.I)
_NOTE_RE = re.compile(
    r"^(?:fuentes?|notas?|elaboraci[oó]n|elaborado|source|note|observaci[oó]n"
    r"|cifras\s+preliminares|[*†‡¹²³⅟]|\(\d+\)|\d+\s*/|[a-z]/\s)",
    re.I,
)
_SPACES_RE = re.compile(r"\s+")
_NOT_NAME_RE = re.compile(r"[^a-z0-9]+")
_CAMEL_RE = re.compile(r"(?<=[a-z0-9])(?=[A-Z][a-z])")


@dataclass(frozen=True)
class HeaderGuess:
    """``header_rows`` are indices of the grid's header rows (empty when the table
    has none); data starts at ``data_start``; ``width`` is the estimate ``W``."""

    header_rows: tuple[int, ...]
    data_start: int
    width: int


def is_empty(cell: Cell) -> bool:
    return cell is None or not cell.strip()


def is_number(cell: Cell) -> bool:
    if is_empty(cell):
        return False
    text = cell.strip()  # type: ignore[union-attr]
    return any(ch.isdigit() for ch in text) and bool(_NUMBER_RE.match(text))


def is_year(cell: Cell) -> bool:
    return not is_empty(cell) and bool(_YEAR_RE.match(cell.strip()))  # type: ignore[union-attr]


def is_date(cell: Cell) -> bool:
    return not is_empty(cell) and bool(_DATE_RE.match(cell.strip()))  # type: ignore[union-attr]


def _is_value(cell: Cell) -> bool:
    """A number that is not a year, or a date: what data rows are made of."""
    return (is_number(cell) and not is_year(cell)) or is_date(cell)


def filled(row: Row) -> int:
    return sum(1 for cell in row if not is_empty(cell))


def table_width(rows: Sequence[Row]) -> int:
    counts = sorted((n for n in map(filled, rows) if n), reverse=True)
    if not counts:
        return 0
    return counts[min(len(counts) - 1, len(counts) // 5)]


def looks_like_data(row: Row, numeric: set[int] | None = None) -> bool:
    """Numbers (not years) or dates in at least half of the cells, unless ``row``
    puts words over two or more of the ``numeric`` columns (a header such as
    "Edad | Total | 1 | 2 | 3 | 10 y más | Ignorado")."""
    cells = [c for c in row if not is_empty(c)]
    values = sum(1 for c in cells if _is_value(c))
    if not cells or values * 2 < len(cells):
        return False
    return numeric is None or _words_over(row, numeric) < 2


def detect_header(rows: Sequence[Row], merges: Sequence[Merge] = ()) -> HeaderGuess:
    """Find the header rows among ``rows`` (see the module docstring)."""
    head = rows[:HEAD_ROWS]
    width = table_width(head)
    need = 1 if width <= 1 else max(2, math.ceil(width / 2))
    for index, row in enumerate(head):
        count = filled(row)
        if count == 0 or (count < 2 and width > 1):
            continue
        if _coverage(index, row, merges) < need:
            continue
        if looks_like_data(row, numeric_columns(head[index + 1 : index + 31])):
            return HeaderGuess((), index, width)
        header = _header_rows(head, index, merges)
        return HeaderGuess(header, header[-1] + 1, width)
    first = next((i for i, row in enumerate(head) if filled(row)), len(rows))
    return HeaderGuess((), first, width)


def _coverage(index: int, row: Row, merges: Sequence[Merge]) -> int:
    """Columns the row's cells cover: a merged cell covers its whole area, and a
    row of three cells or more covers its span (group labels without merge
    information, such as "Pueblo | 2018 | | | 2019 | |" in a CSV)."""
    spans = {(r0, c0): c1 - c0 + 1 for r0, c0, _r1, c1 in merges}
    covered = sum(
        spans.get((index, col), 1) for col, cell in enumerate(row) if not is_empty(cell)
    )
    if filled(row) >= 3:
        covered = max(covered, _last_filled(row) - _first_filled(row) + 1)
    return covered


def _header_rows(
    rows: Sequence[Row], first: int, merges: Sequence[Merge]
) -> tuple[int, ...]:
    header = [first]
    index, blanks = first + 1, 0
    while len(header) < MAX_HEADER_ROWS and index < len(rows) - 1 and blanks <= 2:
        row = rows[index]
        if not filled(row):
            blanks, index = blanks + 1, index + 1
            continue
        numeric = numeric_columns(rows[index + 1 : index + 31])
        if not _label_row(row) or not (
            _fills_gap(rows, header, row, merges) or _text_over(row, numeric)
        ):
            break
        header.append(index)
        blanks, index = 0, index + 1
    return tuple(header)


def numeric_columns(rows: Sequence[Row]) -> set[int]:
    """Columns whose non-empty cells are numbers in at least 60% of ``rows``."""
    counts: dict[int, list[int]] = {}
    for row in rows:
        for col, cell in enumerate(row):
            if not is_empty(cell):
                seen = counts.setdefault(col, [0, 0])
                seen[0] += 1
                seen[1] += is_number(cell)
    return {col for col, (n, k) in counts.items() if k * 10 >= n * 6}


def _label_row(row: Row) -> bool:
    return not any(_is_value(c) for c in row)


def _fills_gap(
    rows: Sequence[Row], header: list[int], row: Row, merges: Sequence[Merge]
) -> bool:
    """Whether ``row`` has a cell under the header rows' span (merged areas
    included) where every header row is empty (before filling merged areas)."""
    spread = [_merged_row(rows, i, merges) for i in header]
    span = range(
        min(_first_filled(r) for r in spread), max(_last_filled(r) for r in spread) + 1
    )
    above = [rows[i] for i in header]
    return any(
        not is_empty(cell)
        and col in span
        and all(col >= len(r) or is_empty(r[col]) for r in above)
        for col, cell in enumerate(row)
    )


def _text_over(row: Row, numeric: set[int]) -> bool:
    return _words_over(row, numeric) > 0


def _words_over(row: Row, numeric: set[int]) -> int:
    """How many cells of ``row`` hold words (letters) in ``numeric`` columns."""
    return sum(
        1
        for col, cell in enumerate(row)
        if col in numeric and cell and any(ch.isalpha() for ch in cell)
    )


def _first_filled(row: Row) -> int:
    return next((i for i, c in enumerate(row) if not is_empty(c)), 0)


def _last_filled(row: Row) -> int:
    return max((i for i, c in enumerate(row) if not is_empty(c)), default=0)


def _merged_row(rows: Sequence[Row], index: int, merges: Sequence[Merge]) -> list[Cell]:
    """Row ``index`` with each merged area's value copied into all its cells."""
    row = list(rows[index])
    for r0, c0, r1, c1 in merges:
        if r0 <= index <= r1 and r0 < len(rows) and c0 < len(rows[r0]):
            value = rows[r0][c0]
            row.extend([None] * (c1 + 1 - len(row)))
            for col in range(c0, c1 + 1):
                if is_empty(row[col]):
                    row[col] = value
    return row


def header_titles(
    rows: Sequence[Row], guess: HeaderGuess, column_count: int, merges: Sequence[Merge]
) -> list[str]:
    """One title per column: the header rows joined with " - "."""
    if not guess.header_rows:
        return [""] * column_count
    grid = [_merged_row(rows, i, merges) for i in guess.header_rows]
    grid = [row + [None] * (column_count - len(row)) for row in grid]
    if not merges:
        _carry_groups(grid)
    titles = []
    for col in range(column_count):
        parts: list[str] = []
        for row in grid:
            text = clean_title(row[col])
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        titles.append(" - ".join(parts))
    return titles


def _carry_groups(grid: list[list[Cell]]) -> None:
    """Without merge information, extend each group label of the upper header rows
    to the right over empty cells that have a sub-heading in the last header row."""
    last = grid[-1]
    for row in grid[:-1]:
        for col in range(1, len(row)):
            group = is_empty(row[col]) and not is_empty(row[col - 1])
            if group and not is_empty(last[col]) and not is_empty(last[col - 1]):
                row[col] = row[col - 1]


def clean_title(cell: Cell) -> str:
    return "" if cell is None else _SPACES_RE.sub(" ", cell).strip()


def column_names(titles: Sequence[str]) -> list[str]:
    """Unique, non-empty, lowercase ASCII snake_case identifiers for ``titles``:
    camelCase split, accents dropped ("ñ" becomes "ni"), other characters become
    "_", a blank title
    becomes ``columna_<position>``, a leading digit gets a ``c_`` prefix, duplicates
    get ``_2``, ``_3``..., at most ``NAME_MAX_LENGTH`` characters."""
    names: list[str] = []
    used: set[str] = set()
    for position, title in enumerate(titles, start=1):
        base = _identifier(title) or f"columna_{position}"
        name, suffix = base, 1
        while name in used:
            suffix += 1
            tail = f"_{suffix}"
            name = base[: NAME_MAX_LENGTH - len(tail)].rstrip("_") + tail
        used.add(name)
        names.append(name)
    return names


def _identifier(title: str) -> str:
    text = _CAMEL_RE.sub("_", title).lower().replace("ñ", "ni")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _NOT_NAME_RE.sub("_", text.encode("ascii", "ignore").decode()).strip("_")
    if text[:1].isdigit():
        text = f"c_{text}"
    return text[:NAME_MAX_LENGTH].rstrip("_")


def trailing_junk(
    tail: Sequence[Row],
    *,
    width: int,
    sums: dict[int, float] | None = None,
) -> int:
    """How many rows at the end of ``tail`` (the last rows of a table) are blank,
    totals, notes or sources. ``sums``: column index -> sum of the numbers of every
    data row *including* ``tail``, to recognise unlabeled totals."""
    remaining = dict(sums) if sums is not None else None
    dropped = 0
    for row in reversed(tail):
        if remaining is not None:
            _subtract(remaining, row)
        if filled(row) and not (
            is_total_row(row)
            or is_note_row(row, width)
            or (remaining is not None and _is_sum_row(row, remaining))
        ):
            break
        dropped += 1
    return dropped


def is_total_row(row: Row) -> bool:
    cells = [c.strip() for c in row if not is_empty(c)][:3]  # type: ignore[union-attr]
    return any(_TOTAL_RE.match(_fold(cell)) for cell in cells if not is_number(cell))


def is_note_row(row: Row, width: int) -> bool:
    cells = [c.strip() for c in row if not is_empty(c)]  # type: ignore[union-attr]
    if not cells or len(cells) > 2 or is_number(cells[0]):
        return False
    if _NOTE_RE.match(_fold(cells[0])):
        return True
    return len(cells) == 1 and width >= 3 and len(cells[0]) >= 30 and " " in cells[0]


def _is_sum_row(row: Row, sums_above: dict[int, float]) -> bool:
    labels = [c for c in row if not is_empty(c) and not is_number(c)]
    numbers = {i: to_float(c) for i, c in enumerate(row) if is_number(c)}
    if labels or len(numbers) < 2 or not any(numbers.values()):
        return False
    return all(
        math.isclose(value, sums_above.get(i, 0.0), rel_tol=1e-9, abs_tol=1e-6)
        for i, value in numbers.items()
    )


def _subtract(sums: dict[int, float], row: Row) -> None:
    for i, cell in enumerate(row):
        if is_number(cell):
            sums[i] = sums.get(i, 0.0) - to_float(cell)


def to_float(cell: Cell) -> float:
    """The value of a number cell written with "." as decimal point and no
    thousands separator (as the readers write Excel and JSON numbers)."""
    try:
        return float(cell)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan


def _fold(text: str) -> str:
    return text.casefold()
