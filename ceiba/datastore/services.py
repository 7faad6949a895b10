"""Writes of the datastore: registering the tables an ingest produced."""

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from ceiba.datastore.models import DatastoreTable
from ceiba.datastore.storage import relative_name, table_paths


@dataclass(frozen=True)
class TableFiles:
    """A finished table in a work folder, not yet visible."""

    name: str
    raw: Path
    parquet: Path
    csv: Path
    row_count: int
    schema: dict[str, Any]
    validation: dict[str, Any]
    detection: dict[str, Any]


def _move_into_place(
    revision_id: int, position: int, table: TableFiles
) -> dict[str, Path]:
    paths = table_paths(revision_id, position)
    paths["raw"].parent.mkdir(parents=True, exist_ok=True)
    for kind in ("raw", "parquet", "csv"):
        shutil.move(getattr(table, kind), paths[kind])
    return paths


@transaction.atomic
def datastore_tables_register(
    *, revision_id: int, tables: list[TableFiles]
) -> list[DatastoreTable]:
    """Move a revision's finished tables into place and record them, all at once.

    Must run inside the transaction that makes the revision visible, or after it;
    an earlier attempt's rows for the same revision are replaced.
    """
    DatastoreTable.objects.filter(revision_id=revision_id).delete()
    registered = []
    for position, table in enumerate(tables):
        paths = _move_into_place(revision_id, position, table)
        registered.append(
            DatastoreTable.objects.create(
                revision_id=revision_id,
                position=position,
                name=table.name[:200],
                parquet_name=relative_name(paths["parquet"]),
                csv_name=relative_name(paths["csv"]),
                row_count=table.row_count,
                byte_size=paths["parquet"].stat().st_size,
                schema=table.schema,
                validation=table.validation,
                detection=table.detection,
            )
        )
    return registered
