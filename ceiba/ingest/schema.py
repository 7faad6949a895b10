"""Infer a Frictionless Table Schema for a raw table (every cell text), in DuckDB.

Two passes, both vectorised:

1. A sample (``SAMPLE_ROWS`` rows in blocks spread over the table) tries every
   candidate type and format of every column and *proposes* the best of each kind
   (boolean, number, date/time) that fits at least ``PROPOSAL_SHARE`` of it.
2. One query over the whole table counts, for each proposal, how many non-missing
   values parse, and checks the rules that keep codes as text (leading zeros,
   13-digit identifiers). A type is kept only when ``TYPE_THRESHOLD`` of the whole
   column parses; otherwise the column is a string.

The sample only proposes: no type is given until the whole column confirms it. A
column whose sample fits no type stays text (to reach TYPE_THRESHOLD over the whole
table, its sample would have to be far from typical), and one code in the sample
proves the column is text. Parsing uses the expressions of ``typing_rules``, so
validation later accepts exactly what inference accepted.
"""

# ruff: noqa: S608 (names and values reach SQL through quote_identifier/quote_literal)

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from ceiba.ingest.typing_rules import (
    BOOLEAN_NAME,
    BOOLEAN_VOCABULARIES,
    DATE_FORMATS,
    DATETIME_FORMATS,
    IDENTIFIER_MIN_DIGITS,
    MISSING_VALUES,
    NUMERIC_BOOLEAN,
    TYPE_THRESHOLD,
    InvalidSchemaError,
    connect,
    missing_sql,
    number_separators,
    parquet_source,
    parse_sql,
    quote_identifier,
    quote_literal,
    strict_number_pattern,
)

SAMPLE_ROWS = 10_000
SAMPLE_BLOCKS = 16
PROPOSAL_SHARE = 0.9
COLUMNS_PER_QUERY = 64
# Datetime formats that the Table Schema "default" (ISO 8601) format also reads.
ISO_DATETIME_FORMATS = {"%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"}

Field = dict[str, Any]
Columns = Sequence[tuple[str, str]]
IndexedColumns = list[tuple[int, tuple[str, str]]]


@dataclass
class Candidate:
    """One way to read a column: the type properties of a Table Schema field, and
    for grouped numbers the strict shape a value must have to count as evidence."""

    field: Field
    strict: str | None = None
    kind: str = "other"  # "number", "integer", "temporal" or "other"
    decimal: str = "."  # for an integer twin: its number's decimal separator


def infer_schema(
    raw_path: Path, columns: list[tuple[str, str]], detection: dict[str, Any]
) -> dict[str, Any]:
    """The Table Schema of the raw Parquet table at ``raw_path``.

    ``columns`` are the (name, title) pairs of its data columns, in order;
    ``detection`` may hold ``decimal_hint`` and ``thousands_hint``.
    """
    if not columns:
        return {"fields": [], "missingValues": list(MISSING_VALUES)}
    with connect() as connection:
        source = parquet_source(raw_path)
        rows = _check_columns(connection, source, columns)
        _create_sample(connection, raw_path, columns, rows)
        fields: list[Field] = []
        for start in range(0, len(columns), COLUMNS_PER_QUERY):
            chunk = list(enumerate(columns))[start : start + COLUMNS_PER_QUERY]
            proposals = _propose(connection, chunk, detection)
            fields += _decide(connection, source, chunk, proposals)
    return {"fields": fields, "missingValues": list(MISSING_VALUES)}


def _create_sample(
    connection: duckdb.DuckDBPyConnection, raw_path: Path, columns: Columns, rows: int
) -> None:
    """About SAMPLE_ROWS rows in SAMPLE_BLOCKS blocks spread evenly over the table
    (blocks of rows let DuckDB skip the row groups in between): cells as ``c<i>``,
    and ``p<i>`` saying whether the cell is present (not missing)."""
    parts = []
    for i, (name, _) in enumerate(columns):
        cell = quote_identifier(name)
        parts.append(f"{cell} AS c{i}, NOT {missing_sql(cell, MISSING_VALUES)} AS p{i}")
    source = f"read_parquet({quote_literal(str(raw_path))}, file_row_number = true)"
    where = "TRUE"
    if rows > SAMPLE_ROWS:
        block = SAMPLE_ROWS // SAMPLE_BLOCKS
        starts = range(0, rows, rows // SAMPLE_BLOCKS)[:SAMPLE_BLOCKS]
        where = " OR ".join(
            f"file_row_number BETWEEN {start} AND {start + block - 1}"
            for start in starts
        )
    connection.execute(
        f"CREATE TEMP TABLE sample AS SELECT {', '.join(parts)} FROM {source} "
        f"WHERE {where}"
    )


def _check_columns(
    connection: duckdb.DuckDBPyConnection, source: str, columns: Columns
) -> int:
    """The number of rows, after checking that every column is in the table."""
    described = connection.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
    present = {row[0] for row in described}
    missing = [name for name, _ in columns if name not in present]
    if missing or "__row" not in present:
        raise InvalidSchemaError(f"The raw table lacks the columns {missing}.")
    return int(connection.execute(f"SELECT count(*) FROM {source}").fetchall()[0][0])


def _numeric_candidates(detection: dict[str, Any]) -> list[Candidate]:
    candidates = []
    for decimal, group in number_separators(detection):
        field: Field = {"type": "number", "decimalChar": decimal, "groupChar": group}
        candidates.append(
            Candidate(field, strict_number_pattern(decimal, group, False), "number")
        )
    return candidates


def _temporal_candidates() -> list[Candidate]:
    dates = [
        Candidate({"type": "date", "format": f}, None, "temporal") for f in DATE_FORMATS
    ]
    times = [
        Candidate({"type": "datetime", "format": f}, None, "temporal")
        for f in DATETIME_FORMATS
    ]
    return dates + times


def _boolean_candidates(name: str, title: str) -> list[Candidate]:
    vocabularies = list(BOOLEAN_VOCABULARIES)
    if BOOLEAN_NAME.search(name) or title.strip().endswith("?"):
        vocabularies.append(NUMERIC_BOOLEAN)
    return [
        Candidate({"type": "boolean", "trueValues": t, "falseValues": f})
        for t, f in vocabularies
    ]


def _propose(
    connection: duckdb.DuckDBPyConnection,
    columns: IndexedColumns,
    detection: dict[str, Any],
) -> dict[int, list[Candidate]]:
    """For each column, the candidates worth counting on the whole column."""
    tried: dict[int, list[Candidate]] = {}
    aggregates = []
    for i, (name, title) in columns:
        cell, present = f"c{i}", f"p{i}"
        tried[i] = (
            _boolean_candidates(name, title)
            + _numeric_candidates(detection)
            + _temporal_candidates()
        )
        aggregates += [f"count_if({present})", f"count_if({_code_sql(cell)})"]
        for candidate in tried[i]:
            test = _parses_sql(candidate, cell, parse_sql(candidate.field, cell), True)
            aggregates.append(f"count_if({present} AND {test})")
    counts = connection.execute(f"SELECT {', '.join(aggregates)} FROM sample")
    values = list(counts.fetchall()[0])
    proposals = {}
    for i, _ in columns:
        width = 2 + len(tried[i])
        present_count, codes, hits = values[0], values[1], values[2:width]
        values = values[width:]
        pairs = list(zip(tried[i], hits, strict=True))
        if codes:  # one code in the sample is enough: the column stays text
            pairs = [(c, h) for c, h in pairs if c.kind != "number"]
        proposals[i] = _best_by_kind(pairs, present_count)
    return proposals


def _parses_sql(candidate: Candidate, cell: str, value: str, strict: bool) -> str:
    """``value`` (the parsed cell) is not NULL; grouped numbers, and every number
    when ``strict``, must also have the strict shape, so separators are chosen from
    evidence rather than from DuckDB's leniency."""
    test = f"{value} IS NOT NULL"
    if candidate.strict and (strict or candidate.field.get("groupChar")):
        test += f" AND regexp_full_match({cell}, {quote_literal(candidate.strict)})"
    return test


def _code_sql(cell: str) -> str:
    """A code that must stay text: digits with a leading zero (INE place codes
    such as 01 or 0101), or an identifier of IDENTIFIER_MIN_DIGITS digits or more."""
    long = f"[+-]?[0-9]{{{IDENTIFIER_MIN_DIGITS},}}"
    return (
        f"((starts_with({cell}, '0') AND regexp_full_match({cell}, '0[0-9]+')) "
        f"OR (strlen({cell}) >= {IDENTIFIER_MIN_DIGITS} "
        f"AND regexp_full_match({cell}, {quote_literal(long)})))"
    )


def _best_by_kind(pairs: list[tuple[Candidate, int]], present: int) -> list[Candidate]:
    """The best candidate of each kind (boolean, number, temporal) that fits the
    sample; ties go to the earlier, preferred candidate. A number comes with its
    integer twin: the whole column decides between them."""
    best: dict[str, tuple[int, Candidate]] = {}
    for candidate, count in pairs:
        kind = candidate.field["type"] if candidate.kind == "other" else candidate.kind
        if count >= PROPOSAL_SHARE * present and count > best.get(kind, (0, None))[0]:
            best[kind] = (count, candidate)
    ordered: list[Candidate] = []
    for kind in ("boolean", "number", "temporal"):
        if kind in best:
            ordered.append(best[kind][1])
        if kind == "number" and kind in best:
            number = best[kind][1].field
            integer = {"type": "integer", "groupChar": number["groupChar"]}
            strict = strict_number_pattern(
                number["decimalChar"], number["groupChar"], True
            )
            ordered.append(Candidate(integer, strict, "integer", number["decimalChar"]))
    return ordered


def _decide(
    connection: duckdb.DuckDBPyConnection,
    source: str,
    columns: IndexedColumns,
    proposals: dict[int, list[Candidate]],
) -> list[Field]:
    """Count the proposals over the whole table and build each field. Three layers,
    so that each cell is parsed once and each test is computed once: values, then
    boolean flags, then counts."""
    plan = _Plan()
    layout: list[list[str]] = []
    for i, (name, _) in columns:
        counts = _whole_column_checks(plan, i, quote_identifier(name), proposals[i])
        layout.append(list(counts))
        plan.counts += counts.values()
    values = plan.run(connection, source)
    fields = []
    for (i, (name, title)), keys in zip(columns, layout, strict=True):
        stats = dict(zip(keys, values[: len(keys)], strict=True))
        values = values[len(keys) :]
        fields.append(_field(name, title, _choose(proposals[i], stats)))
    return fields


@dataclass
class _Plan:
    """SELECT counts FROM (SELECT flags FROM (SELECT values FROM source))."""

    values: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    counts: list[str] = field(default_factory=list)

    def run(self, connection: duckdb.DuckDBPyConnection, source: str) -> list[Any]:
        if not self.counts:
            return []
        query = (
            f"SELECT {', '.join(self.counts)} FROM (SELECT {', '.join(self.flags)} "
            f"FROM (SELECT {', '.join(self.values)} FROM {source}))"
        )
        return list(connection.execute(query).fetchall()[0])


def _whole_column_checks(
    plan: _Plan, i: int, cell: str, proposals: list[Candidate]
) -> dict[str, str]:
    """Add column ``i``'s values and flags to ``plan``; return its named counts.
    A number and its integer twin share one parse: a number is integral when its
    text has no decimal separator, exponent or underscore."""
    if not proposals:
        return {}
    text, present = f"c{i}", f"p{i}"
    plan.values += [
        f"{cell} AS {text}",
        f"NOT {missing_sql(cell, MISSING_VALUES)} AS {present}",
    ]
    plan.flags.append(present)
    counts = {"present": f"count_if({present})"}
    for k, candidate in enumerate(proposals):
        if candidate.kind == "integer":
            continue
        value, ok = f"v{i}_{k}", f"ok{i}_{k}"
        plan.values.append(f"{parse_sql(candidate.field, cell)} AS {value}")
        test = _parses_sql(candidate, text, value, False)
        plan.flags.append(f"{present} AND {test} AS {ok}")
        counts[f"ok{k}"] = f"count_if({ok})"
        if candidate.kind == "number":
            counts.update(_number_checks(plan, (i, k), value, ok, proposals[k + 1]))
        if candidate.field["type"] == "datetime":
            plan.flags.append(f"CAST({value} AS TIME) = TIME '00:00:00' AS m{i}_{k}")
            counts[f"midnight{k}"] = f"count_if(m{i}_{k})"
    return counts


def _number_checks(
    plan: _Plan, position: tuple[int, int], value: str, ok: str, integer: Candidate
) -> dict[str, str]:
    i, k = position
    text, integral = f"c{i}", f"n{i}_{k}"
    marks = " OR ".join(
        f"contains({text}, {quote_literal(mark)})"
        for mark in (integer.decimal, "e", "E", "_")
    )
    test = f"{ok} AND isfinite({value}) AND NOT ({marks})"
    if integer.strict and integer.field.get("groupChar"):
        test += f" AND regexp_full_match({text}, {quote_literal(integer.strict)})"
    plan.flags += [f"{test} AS {integral}", text, value]
    big = f"1e{IDENTIFIER_MIN_DIGITS - 1}"
    leading_zero = f"starts_with({text}, '0') AND strlen({text}) > 1"
    return {
        f"ok{k + 1}": f"count_if({integral})",
        "codes": f"count_if({integral} AND {leading_zero})",
        "identifiers": f"count_if({integral} AND abs({value}) >= {big})",
    }


def _choose(proposals: list[Candidate], stats: dict[str, int]) -> Field:
    """The first proposal that parses TYPE_THRESHOLD of the column, else string."""
    present = stats.get("present", 0)
    enough = TYPE_THRESHOLD * present
    for i, candidate in enumerate(proposals):
        ok = stats[f"ok{i}"]
        if candidate.kind == "integer" or not present:
            continue
        if candidate.kind == "number":
            if stats["codes"] or stats["identifiers"]:
                return {"type": "string"}
            if ok >= enough:
                whole = stats[f"ok{i + 1}"] == ok
                return proposals[i + 1].field if whole else candidate.field
        elif ok >= enough:
            return _temporal_or_other(candidate, stats.get(f"midnight{i}"), ok)
    return {"type": "string"}


def _temporal_or_other(candidate: Candidate, midnight: int | None, ok: int) -> Field:
    field = candidate.field
    if field["type"] != "datetime" or field["format"] == "default":
        return field
    if midnight == ok:  # every time is 00:00:00: the column holds dates
        return {"type": "date", "format": field["format"]}
    if field["format"] in ISO_DATETIME_FORMATS:
        return {"type": "datetime"}
    return field


def _field(name: str, title: str, properties: Field) -> Field:
    """A Table Schema field with its keys in the usual order."""
    kind = properties["type"]
    field: Field = {"name": name, "title": title, "type": kind}
    fmt = properties.get("format", "default")
    if fmt not in ("default", "%Y-%m-%d") or (kind != "date" and fmt != "default"):
        field["format"] = fmt
    field["description"] = ""
    field["constraints"] = {}
    if properties.get("decimalChar", ".") != ".":
        field["decimalChar"] = properties["decimalChar"]
    if properties.get("groupChar"):
        field["groupChar"] = properties["groupChar"]
    if kind == "boolean":
        field["trueValues"] = properties["trueValues"]
        field["falseValues"] = properties["falseValues"]
    return field
