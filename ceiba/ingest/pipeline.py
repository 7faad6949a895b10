"""The ingest pipeline for one file: read → infer a schema → write typed tables →
validate. It works on local paths and knows nothing of the catalog."""

import logging
from collections.abc import Callable
from pathlib import Path

from ceiba.datastore.services import TableFiles
from ceiba.ingest.exceptions import ingest_error_from
from ceiba.ingest.materialize import materialize
from ceiba.ingest.raw import RawTable, ReadError, read_table_file
from ceiba.ingest.schema import infer_schema
from ceiba.ingest.validation import validate

logger = logging.getLogger(__name__)

TABULAR_FORMATS = {"CSV", "TSV", "TXT", "XLSX", "XLS", "ODS", "JSON", "GEOJSON"}
Progress = Callable[[str, int, int | None], None]


def is_tabular(file_format: str) -> bool:
    return file_format.upper() in TABULAR_FORMATS


def ingest_file(
    source: Path, *, filename: str, out_dir: Path, progress: Progress | None = None
) -> list[TableFiles]:
    """Turn ``source`` into tables written under ``out_dir``.

    Raises IngestError with a publisher-friendly message. Nothing is visible to
    anyone until the datastore registers the tables (and moves them into place).
    """
    report = progress or (lambda stage, done, total: None)
    try:
        raw_tables = read_table_file(
            source,
            filename=filename,
            out_dir=out_dir,
            progress=lambda done, total: report("reading", done, total),
        )
    except ReadError as error:
        raise ingest_error_from(error.code, str(error)) from error
    return [
        _finish_table(raw, out_dir / str(position), report)
        for position, raw in enumerate(raw_tables)
    ]


def _finish_table(raw: RawTable, prefix: Path, report: Progress) -> TableFiles:
    columns = [(c.name, c.title) for c in raw.columns]
    report("typing", raw.row_count, raw.row_count)
    schema = infer_schema(raw.path, columns, raw.detection)
    parquet, csv = prefix.with_suffix(".parquet"), prefix.with_suffix(".csv")
    materialize(raw.path, schema, parquet, csv)
    report("validating", raw.row_count, raw.row_count)
    validation = validate(raw.path, schema, typed_path=parquet)
    return TableFiles(
        name=raw.name,
        raw=raw.path,
        parquet=parquet,
        csv=csv,
        row_count=raw.row_count,
        schema=schema,
        validation=validation,
        detection=raw.detection,
    )
