"""The scanner: every column of a Parquet table, read once each by DuckDB.

``scan_table(path)`` returns a ``TableScan``: the findings (column, kind, count,
masked examples) and, for a set of quasi-identifier columns (given, or guessed from
the headers), the k-anonymity of the table. Nothing runs in Python per row.
"""

import logging
import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from ceiba.privacy.detectors.base import Column, Detector, Finding, Stats, both
from ceiba.privacy.detectors.identifiers import LONG
from ceiba.privacy.detectors.registry import DETECTORS
from ceiba.privacy.headers import (
    header_hints,
    is_person_attribute,
    is_quantity,
    is_quasi_identifier,
)
from ceiba.privacy.kanon import KAnonymity, k_anonymity
from ceiba.privacy.kinds import IDENTIFIERS, Kind
from ceiba.privacy.sql import quote_identifier, quote_literal

logger = logging.getLogger(__name__)
SAMPLE_ROWS = 100_000
VECTOR_ROWS = 2048  # DuckDB's vector size
# Columns whose sample has fewer distinct values than this share of its values are
# read as distinct values with their counts.
REPEATED = 0.5
# What identifiers inside free text start with: 7 digits (CUI, phone), "@", "NIT",
# a plate, a street word, a latitude with decimals.
# What each identifier inside free text starts with: when a long value matches one
# of the kinds the sample did not show, that kind's detector reads every value.
IN_TEXT: dict[str, str] = {
    Kind.CUI: r"\d{4}[ -]?\d{5}[ -]?\d{4}",
    Kind.PHONE: r"[2-7]\d{3}[ -]?\d{4}",
    Kind.EMAIL: "@",
    Kind.NIT: r"(?i)\bnit\b",
    Kind.PLATE: r"\b[A-Z]{1,3}-\d{3}[A-Z]{3}\b",
    Kind.COORDINATES: r"1[3-8]\.\d{4}",
    Kind.ADDRESS: r"(?i)\b(calle|avenida|ave?\.|callej[oó]n|diagonal|calzada|"
    r"boulevard|km|colonia)\b",
}
SKIPPED_COLUMNS = frozenset({"__row"})
Progress = Callable[[int, int], None]


@dataclass
class TableScan:
    rows: int
    columns: list[str]
    findings: list[Finding] = field(default_factory=list)
    k_anonymity: KAnonymity | None = None
    seconds: float = 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "findings": [f.as_json() for f in self.findings],
            "k_anonymity": self.k_anonymity.as_json() if self.k_anonymity else None,
        }


@contextmanager
def connect(threads: int = 2, memory_limit: str = "1GB") -> Iterator[Any]:
    connection = duckdb.connect(
        ":memory:", config={"threads": threads, "memory_limit": memory_limit}
    )
    try:
        yield connection
    finally:
        connection.close()


def describe(connection: Any, source: str) -> list[tuple[str, str]]:
    rows = connection.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()  # noqa: S608 (quoted names and literals)
    return [(name, duck_type) for name, duck_type, *_ in rows]


def make_column(name: str, duck_type: str, title: str = "") -> Column:
    return Column(
        name=name,
        title=title,
        duck_type=duck_type,
        hints=frozenset(header_hints(name, title)),
        quantity=is_quantity(name, title),
    )


def _weighted(sql: str) -> str:
    """Counts over distinct values with their number of rows ``w``."""
    sql = sql.replace("count(*)", "sum(w)")
    return re.sub(r"count\((\w+)\)", r"sum(w) FILTER (WHERE \1 IS NOT NULL)", sql)


def column_sql(
    column: Column,
    source: str,
    detectors: Sequence[Detector],
    *,
    weighted: bool = False,
    extra: dict[str, str] | None = None,
) -> str:
    """One read of one column with every detector's expressions.

    ``weighted``: read each distinct value once, with its number of rows (for
    columns whose values repeat: the detectors then run on far fewer values)."""
    value, text = _text_sql(column)
    if weighted:
        source = f"(SELECT {value}, count(*) AS w FROM {source} GROUP BY ALL)"  # noqa: S608 (quoted names)
    derived: dict[str, str] = {}
    checks: list[dict[str, str]] = []
    aggregates: dict[str, str] = {"n": "count(v)", **(extra or {})}
    for detector in detectors:
        derived.update(detector.derived(column))
        for level, step in enumerate(detector.checks(column)):
            if level == len(checks):
                checks.append({})
            checks[level].update(step)
        aggregates.update(detector.aggregates(column))
    flags = {
        f"{name[: -len('_flag')]}_f": f"CASE WHEN {sql} THEN true ELSE false END"
        for name, sql in aggregates.items()
        if name.endswith("_flag")
    }
    if flags:
        checks.append(flags)
    outer = ", ".join(
        f"{_weighted(sql) if weighted else sql} AS {name}"
        for name, sql in aggregates.items()
        if not name.endswith("_flag")
    )
    values = _values_sql(value, text, derived, checks, source, weighted=weighted)
    return f"SELECT {outer} FROM {values}"  # noqa: S608 (quoted names and literals)


def _values_sql(
    value: str,
    text: str,
    derived: dict[str, str],
    checks: list[dict[str, str]],
    source: str,
    *,
    weighted: bool = False,
) -> str:
    """The per-value subquery: ``c`` (typed), ``v`` (text), ``d`` (digits), the
    detectors' derived expressions and their checks, in the file's row order."""
    inner = "".join(f", {sql} AS {name}" for name, sql in derived.items())
    # d: the digits of a value made of digits and phone separators only: the
    # separators removed (replace is much faster than a regular expression), then
    # whatever remains must read as a whole number.
    compact = "v"
    for separator in (" ", "-", "(", ")", "+"):
        compact = f"replace({compact}, '{separator}', '')"
    candidate = (
        "CASE WHEN length(v) NOT BETWEEN 7 AND 20 OR ascii(v) NOT BETWEEN 40 AND 57 "
        "THEN NULL WHEN ascii(v) >= 48 AND TRY_CAST(v AS UBIGINT) IS NOT NULL THEN v "
        f"ELSE {compact} END"
    )
    digits = "CASE WHEN dd = v OR TRY_CAST(dd AS UBIGINT) IS NOT NULL THEN dd END"
    # dig: a long value (free text) holds a run of 7 digits, maybe split once.
    dig = both(f"length(v) > {LONG}", "regexp_matches(v, '\\d{4}[ -]?\\d{3}')")
    w = ", w" if weighted else ""
    query = (
        f"(SELECT c, v{w}, d, dig{inner} FROM "  # noqa: S608 (quoted names and literals)
        f"(SELECT c, v{w}, {digits} AS d, {dig} AS dig FROM "
        f"(SELECT c, v{w}, {candidate} AS dd FROM "
        f"(SELECT {value} AS c, {text} AS v{w} FROM {source}))))"
    )
    for step in checks:
        checked = "".join(f", {sql} AS {name}" for name, sql in step.items())
        query = f"(SELECT *{checked} FROM {query})"  # noqa: S608 (quoted names and literals)
    return query


def _text_sql(column: Column) -> tuple[str, str]:
    value = quote_identifier(column.name)
    if column.is_text:  # trim only the values that need it (trim copies)
        return value, (
            f"CASE WHEN {value} = '' THEN NULL WHEN ascii({value}) IN (9, 32) OR "
            f"ends_with({value}, ' ') THEN nullif(trim({value}), '') ELSE {value} END"
        )
    return value, f"CAST({value} AS VARCHAR)"


def row_hits(path: Path, name: str, kind: str, title: str = "") -> list[bool]:
    """Whether each value of one column is a hit of one kind's detector, in row
    order: for measuring precision and recall on labelled tables, not for scans."""
    source = f"read_parquet({quote_literal(str(path))})"
    with connect() as connection:
        types = dict(describe(connection, source))
        column = make_column(name, types[name], title)
        detectors = [d for d in DETECTORS if d.kind == kind and d.applies(column)]
        if not detectors:
            return [False] * connection.execute(
                f"SELECT count(*) FROM {source}"  # noqa: S608 (quoted names and literals)
            ).fetchone()[0]
        flag = detectors[0].aggregates(column)[f"{kind}_flag"]
        value, text = _text_sql(column)
        detector = detectors[0]
        values = _values_sql(
            value, text, detector.derived(column), detector.checks(column), source
        )
        rows = connection.execute(f"SELECT coalesce({flag}, false) FROM {values}")  # noqa: S608 (quoted names and literals)
        return [bool(hit) for (hit,) in rows.fetchall()]


def _stats(
    connection: Any,
    column: Column,
    source: str,
    detectors: Sequence[Detector],
    **options: Any,
) -> Stats:
    cursor = connection.execute(column_sql(column, source, detectors, **options))
    names = [d[0] for d in cursor.description]
    return Stats(zip(names, cursor.fetchone(), strict=True))


def _in_free_text(
    connection: Any, column: Column, source: str, kinds: Sequence[str]
) -> set[str]:
    """The ``kinds`` whose start (``IN_TEXT``) some long value of the column holds:
    one regular expression over every value, then one per kind over the matches."""
    if not kinds:
        return set()
    value = quote_identifier(column.name)
    combined = "|".join(f"(?:{IN_TEXT[k]})" for k in kinds).replace("(?:(?i)", "(?i:")
    counts = ", ".join(
        f"count(*) FILTER (WHERE regexp_matches({value}, '{IN_TEXT[k]}'))"
        for k in kinds
    )
    found = connection.execute(
        f"SELECT {counts} FROM {source} WHERE length({value}) > {LONG} AND "  # noqa: S608 (quoted names)
        f"regexp_matches({value}, '{combined}')"
    ).fetchone()
    return {kind for kind, count in zip(kinds, found, strict=True) if count}


PERSONAL = IDENTIFIERS | {Kind.PERSON_NAME, Kind.ADDRESS, Kind.BIRTH_DATE}


def _sample_clause(rows: int) -> str:
    """Whole vectors of rows at random (cheap: the rest is not read) when the sample
    spans enough of them to be representative, else single rows at random."""
    if SAMPLE_ROWS >= 40 * VECTOR_ROWS:
        return f"{100 * SAMPLE_ROWS / rows:.4f}% (system, 7)"
    return f"reservoir({SAMPLE_ROWS} ROWS) REPEATABLE (7)"


def scan_column(
    connection: Any, column: Column, source: str, rows: int
) -> list[Finding]:
    """Findings of one column.

    Large tables are scanned in two passes: every detector on a random sample of
    ``SAMPLE_ROWS`` rows decides which detectors can reach their thresholds, then
    those run on every value for exact counts. Identifiers inside free text can
    be rare, so for text columns one regular expression also reads every value, and
    the free-text detectors run on every value when it matches anything.
    """
    detectors = [d for d in DETECTORS if d.applies(column)]
    if not detectors:
        return []
    weighted = False
    try:
        if rows > SAMPLE_ROWS:
            sample = f"(SELECT * FROM {source} USING SAMPLE {_sample_clause(rows)})"  # noqa: S608 (quoted names)
            extra = {"distinct_values": "approx_count_distinct(v)"}
            stats = _stats(connection, column, sample, detectors, extra=extra)
            live = [d for d in detectors if d.decide(column, stats) is not None]
            if column.is_text:
                shown = {d.kind for d in live}
                unseen = [d.kind for d in detectors if d.kind in IN_TEXT]
                unseen = [k for k in unseen if k not in shown]
                found = _in_free_text(connection, column, source, unseen)
                live += [d for d in detectors if d.kind in found]
            detectors = live
            weighted = stats.count("distinct_values") < stats.values * REPEATED
        if not detectors:
            return []
        stats = _stats(connection, column, source, detectors, weighted=weighted)
    except duckdb.Error:  # a type no detector reads: say so, scan the rest
        logger.exception("privacy scan of column %r failed", column.name)
        return []
    findings = [d.decide(column, stats) for d in detectors]
    return [f for f in findings if f is not None and f.count > 0]


def scan_table(
    path: Path,
    *,
    titles: dict[str, str] | None = None,
    quasi: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> TableScan:
    """Scan every column of the Parquet file at ``path``.

    ``titles`` maps column names to their human titles (both are read as headers);
    ``quasi`` names the quasi-identifier columns (default: guessed from headers).
    """
    started = time.perf_counter()
    titles = titles or {}
    source = f"read_parquet({quote_literal(str(path))})"
    with connect() as connection:
        columns = [
            make_column(name, duck_type, titles.get(name, ""))
            for name, duck_type in describe(connection, source)
            if name not in SKIPPED_COLUMNS
        ]
        rows = connection.execute(f"SELECT count(*) FROM {source}").fetchone()[0]  # noqa: S608 (quoted names and literals)
        scan = TableScan(rows=rows, columns=[c.name for c in columns])
        for position, column in enumerate(columns):
            scan.findings.extend(scan_column(connection, column, source, rows))
            if progress:
                progress(position + 1, len(columns))
        chosen = list(quasi) if quasi is not None else guess_quasi(columns)
        if chosen:
            scan.k_anonymity = k_anonymity(connection, source, chosen)
            if quasi is None and _table_of_counts(scan, columns):
                scan.k_anonymity = None
    scan.seconds = time.perf_counter() - started
    return scan


def _table_of_counts(scan: TableScan, columns: Sequence[Column]) -> bool:
    """A table without names or identifiers whose rows are nearly all distinct
    combinations of the guessed quasi-identifiers, with numbers beside them, holds
    counts, not people."""
    result = scan.k_anonymity
    if result is None or any(f.kind in PERSONAL for f in scan.findings):
        return False
    measures = [c for c in columns if c.is_numeric and c.name not in result.columns]
    return bool(measures) and result.unique_rows >= 0.9 * result.rows


def guess_quasi(columns: Sequence[Column]) -> list[str]:
    """Columns whose headers name a quasi-identifier, when there are at least two
    and one of them describes a person (age, sex…): places alone single out
    places, not people."""
    chosen = [c for c in columns if is_quasi_identifier(c.name, c.title)]
    if len(chosen) < 2 or not any(is_person_attribute(c.name, c.title) for c in chosen):
        return []
    return [c.name for c in chosen]
