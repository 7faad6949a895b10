"""Which tables a caller may query: the visibility of a table is its dataset's.

A table of a dataset the caller may not see, or of a removed file, is "not found"
(never a tell-tale 403). The SQL endpoint sees only tables of published datasets.
"""

import uuid

from ceiba.catalog.exceptions import DatasetNotFoundError
from ceiba.catalog.permissions import Actor
from ceiba.catalog.selectors import dataset_get_by_id
from ceiba.datastore.exceptions import DatastoreTableNotFoundError
from ceiba.datastore.models import DatastoreTable
from ceiba.datastore.selectors import datastore_table_get


def table_for_actor(*, table_id: uuid.UUID, actor: Actor) -> DatastoreTable:
    table = datastore_table_get(table_id=table_id)
    if table is None or table.revision.distribution.deleted_at is not None:
        raise DatastoreTableNotFoundError()
    try:
        dataset = dataset_get_by_id(
            dataset_id=table.revision.distribution.dataset_id, actor=actor
        )
    except DatasetNotFoundError as error:
        raise DatastoreTableNotFoundError() from error
    table.revision.distribution.dataset = dataset
    return table
