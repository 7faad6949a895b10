"""The catalog's writes. Every change to the catalog's tables goes through here."""

from ceiba.catalog.services.datasets import (
    DatasetInput,
    dataset_create,
    dataset_dates_set,
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
    distribution_revision_activate,
    distribution_revision_hold,
    distribution_revision_release,
    distribution_revision_withhold,
    distribution_update,
)
from ceiba.catalog.services.imports import (
    DatasetImport,
    LinkInput,
    dataset_import,
    datasets_import,
)
from ceiba.catalog.services.institutions import (
    institution_create,
    institution_update,
    membership_remove,
    membership_set,
)
from ceiba.catalog.services.versions import version_record

__all__ = [
    "DatasetImport",
    "DatasetInput",
    "LinkInput",
    "dataset_import",
    "datasets_import",
    "dataset_create",
    "dataset_dates_set",
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
    "distribution_revision_activate",
    "distribution_revision_hold",
    "distribution_revision_release",
    "distribution_revision_withhold",
    "distribution_update",
    "version_record",
    "institution_create",
    "institution_update",
    "membership_remove",
    "membership_set",
]
