"""Write the typed copies of a raw table: Parquet, and a normalised UTF-8 CSV.

One DuckDB COPY turns the raw text into typed columns (``typing_rules``) and writes
Parquet; a second COPY writes the CSV from that Parquet (already typed, so it is
not parsed twice): header = field names, "." decimals, ISO 8601 dates, RFC 4180
quoting and CRLF line ends. Both go to temporary names in the destination folder
and are renamed into place only when both are complete, so a reader never sees a
half-written file. DuckDB streams: memory stays under its limit whatever the size
of the table, spilling to a temporary folder beside the output when it must.
"""

# ruff: noqa: S608 (names and values reach SQL through quote_identifier/quote_literal)

import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from ceiba.ingest.typing_rules import (
    InvalidSchemaError,
    connect,
    duckdb_type,
    field_missing_values,
    parquet_source,
    quote_identifier,
    quote_literal,
    typed_sql,
)

PARQUET_OPTIONS = (
    "FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1, ROW_GROUP_SIZE 122880"
)
CSV_OPTIONS = (
    "FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', ESCAPE '\"', "
    "NEW_LINE '\r\n', DATEFORMAT '%Y-%m-%d'"
)


@dataclass(frozen=True)
class MaterializeStats:
    row_count: int
    seconds: float


def materialize(
    raw_path: Path, schema: dict[str, Any], parquet_out: Path, csv_out: Path
) -> MaterializeStats:
    """Write ``parquet_out`` and ``csv_out`` from the raw table, typed by ``schema``.

    Raises InvalidSchemaError when the schema names a column the table lacks.
    """
    started = time.perf_counter()
    parquet_tmp, csv_tmp = _temporary(parquet_out), _temporary(csv_out)
    try:
        with connect(parquet_out.parent) as connection:
            _check_fields(connection, raw_path, schema)
            copied = connection.execute(
                f"COPY ({typed_select(raw_path, schema)}) "
                f"TO {quote_literal(str(parquet_tmp))} ({PARQUET_OPTIONS})"
            ).fetchall()
            connection.execute(
                f"COPY ({csv_select(parquet_tmp, schema)}) "
                f"TO {quote_literal(str(csv_tmp))} ({CSV_OPTIONS})"
            ).fetchall()
        os.replace(parquet_tmp, parquet_out)
        os.replace(csv_tmp, csv_out)
    finally:
        parquet_tmp.unlink(missing_ok=True)
        csv_tmp.unlink(missing_ok=True)
    return MaterializeStats(int(copied[0][0]), time.perf_counter() - started)


def typed_select(raw_path: Path, schema: dict[str, Any]) -> str:
    """SELECT the typed columns, named as the fields, in the raw table's row order.
    (No IN lists and no joins: either could make DuckDB reorder the rows.)"""
    columns = []
    for field in schema["fields"]:
        name = quote_identifier(field["name"])
        value = typed_sql(field, name, field_missing_values(field, schema))
        columns.append(f"CAST({value} AS {duckdb_type(field)}) AS {name}")
    return f"SELECT {', '.join(columns)} FROM {parquet_source(raw_path)}"


def csv_select(typed_path: Path, schema: dict[str, Any]) -> str:
    """SELECT the typed columns as the CSV shows them. Datetimes are ISO 8601 with a
    "T", with fractions of a second only when there are some."""
    columns = []
    for field in schema["fields"]:
        name = quote_identifier(field["name"])
        if duckdb_type(field) == "TIMESTAMP":
            whole = f"strftime({name}, '%Y-%m-%dT%H:%M:%S')"
            fraction = f"strftime({name}, '%Y-%m-%dT%H:%M:%S.%f')"
            exact = f"date_part('microseconds', {name}) % 1000000 = 0"
            columns.append(
                f"CASE WHEN {exact} THEN {whole} ELSE {fraction} END AS {name}"
            )
        else:
            columns.append(name)
    return f"SELECT {', '.join(columns)} FROM {parquet_source(typed_path)}"


def _check_fields(
    connection: duckdb.DuckDBPyConnection, raw_path: Path, schema: dict[str, Any]
) -> None:
    names = [field["name"] for field in schema["fields"]]
    if not names:
        raise InvalidSchemaError("The schema has no fields.")
    if len(set(names)) != len(names):
        raise InvalidSchemaError("Two fields of the schema have the same name.")
    query = f"DESCRIBE SELECT * FROM {parquet_source(raw_path)}"
    present = {row[0] for row in connection.execute(query).fetchall()}
    missing = [name for name in names if name not in present]
    if missing:
        raise InvalidSchemaError(f"The raw table lacks the columns {missing}.")


def _temporary(final: Path) -> Path:
    return final.with_name(f".{final.name}.{uuid.uuid4().hex}.tmp")
