"""Writes of the datastore: registering the tables an ingest produced, and new
typed files when a publisher edits a data dictionary."""

import contextlib
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from ceiba.catalog.events import send_dataset_changed_on_commit
from ceiba.catalog.exceptions import CatalogPermissionError
from ceiba.catalog.models import DistributionRevision, VersionKind
from ceiba.catalog.permissions import Actor, can_edit_dataset
from ceiba.catalog.services import version_record
from ceiba.datastore.models import DatastoreTable
from ceiba.datastore.query.sortcopy import remove_sorted_copies
from ceiba.datastore.storage import relative_name, table_path, table_paths


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
    remove_sorted_copies(paths["parquet"])  # of an earlier attempt's file
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
    # Tables change what a dataset offers (previews, APIs, quality): tell its readers.
    dataset_id = (
        DistributionRevision.objects.filter(pk=revision_id)
        .values_list("distribution__dataset_id", flat=True)
        .first()
    )
    if dataset_id is not None:
        send_dataset_changed_on_commit(dataset_id)
    return registered


def datastore_table_replace_typed(
    *,
    actor: Actor,
    table: DatastoreTable,
    schema: dict[str, Any],
    validation: dict[str, Any],
    parquet: Path,
    csv: Path,
    changes: list[dict[str, Any]],
) -> DatastoreTable:
    """Give a table new typed files and the data dictionary they were written with,
    and record the change in its dataset's history.

    The new files get new names and the old ones are removed only once the change
    is committed: a failure leaves the table exactly as it was.
    """
    dataset = table.revision.distribution.dataset
    if not can_edit_dataset(actor, dataset):
        raise CatalogPermissionError()
    paths = table_paths(table.revision_id, table.position, uuid.uuid4().hex[:12])
    old = [table_path(table.parquet_name), table_path(table.csv_name)]
    shutil.move(parquet, paths["parquet"])
    shutil.move(csv, paths["csv"])
    try:
        with transaction.atomic():
            locked = DatastoreTable.objects.select_for_update().get(pk=table.pk)
            locked.schema, locked.validation = schema, validation
            locked.parquet_name = relative_name(paths["parquet"])
            locked.csv_name = relative_name(paths["csv"])
            locked.byte_size = paths["parquet"].stat().st_size
            locked.save()
            version_record(
                dataset=dataset,
                kind=VersionKind.DICTIONARY_UPDATED,
                actor=actor,
                extra_changes=changes,
            )
            transaction.on_commit(lambda: _remove(old))
    except BaseException:
        _remove([paths["parquet"], paths["csv"]])
        raise
    return locked


def _remove(paths: list[Path]) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            os.remove(path)
        if path.suffix == ".parquet":
            remove_sorted_copies(path)
