"""Reads of the datastore: which tables a file has, as the public sees them."""

from pathlib import Path

from django.db.models import QuerySet

from ceiba.catalog.selectors import dataset_list_public
from ceiba.datastore.exceptions import DatastoreTableNotFoundError
from ceiba.datastore.models import DatastoreTable
from ceiba.datastore.storage import table_path


def _served() -> QuerySet[DatastoreTable]:
    """Tables of revisions that are served (not withheld for personal data)."""
    return DatastoreTable.objects.filter(revision__withheld_at__isnull=True)


def datastore_table_exists(*, revision_id: int) -> bool:
    return DatastoreTable.objects.filter(revision_id=revision_id).exists()


def datastore_tables_for_distribution(
    *, distribution_id: object
) -> list[DatastoreTable]:
    """The tables of the newest revision of a file that has tables.

    When the latest upload failed to ingest, the previous release's tables stay live.
    """
    latest = (
        _served()
        .filter(revision__distribution_id=distribution_id)
        .order_by("-revision__number")
        .values_list("revision_id", flat=True)
        .first()
    )
    if latest is None:
        return []
    return list(DatastoreTable.objects.filter(revision_id=latest).order_by("position"))


def datastore_table_get(*, table_id: object) -> DatastoreTable | None:
    try:
        return (
            _served()
            .select_related("revision__distribution__dataset")
            .filter(pk=table_id)
            .first()
        )
    except (ValueError, TypeError):
        return None


def datastore_tables_of_revisions(
    *, revision_ids: list[int]
) -> QuerySet[DatastoreTable]:
    return DatastoreTable.objects.filter(revision_id__in=revision_ids)


def datastore_table_for_dataset(
    *, dataset_id: object, table_id: object
) -> DatastoreTable:
    """A table of a dataset's file, or DatastoreTableNotFoundError."""
    table = datastore_table_get(table_id=table_id)
    if table is None or table.revision.distribution.dataset_id != dataset_id:
        raise DatastoreTableNotFoundError()
    return table


def datastore_table_files(*, table: DatastoreTable) -> dict[str, Path]:
    """The mapping the query engine reads: table id → its typed Parquet file."""
    return {str(table.pk): table_path(table.parquet_name)}


def datastore_public_table_files() -> dict[str, Path]:
    """Every table of a live file of a published dataset: id → typed Parquet file
    (what the SQL endpoint may read)."""
    rows = (
        _served()
        .filter(
            revision__distribution__deleted_at__isnull=True,
            revision__distribution__dataset__in=dataset_list_public(),
        )
        .values_list("id", "parquet_name")
    )
    return {str(table_id): table_path(name) for table_id, name in rows}
