"""The catalog's writes. Every change to the catalog's tables goes through here."""

from ceiba.catalog.services.datasets import (
    DatasetInput,
    dataset_create,
    dataset_delete,
    dataset_publish,
    dataset_restore,
    dataset_unpublish,
    dataset_update,
)
from ceiba.catalog.services.distributions import (
    distribution_add_file,
    distribution_add_link,
    distribution_record_download,
    distribution_remove,
    distribution_replace_file,
    distribution_update,
)
from ceiba.catalog.services.institutions import (
    institution_create,
    institution_update,
    membership_remove,
    membership_set,
)

__all__ = [
    "DatasetInput",
    "dataset_create",
    "dataset_delete",
    "dataset_publish",
    "dataset_restore",
    "dataset_unpublish",
    "dataset_update",
    "distribution_add_file",
    "distribution_add_link",
    "distribution_record_download",
    "distribution_remove",
    "distribution_replace_file",
    "distribution_update",
    "institution_create",
    "institution_update",
    "membership_remove",
    "membership_set",
]
