"""Signals the catalog sends after a write has committed. They carry ids only.

Upper apps (search, quality…) subscribe in their ``AppConfig.ready()``.
"""

from uuid import UUID

from django.db import transaction
from django.dispatch import Signal

# sender=None, dataset_id=UUID. Sent for any change: metadata, files, status,
# deletion or restoration. Receivers reload the dataset to see its state.
dataset_changed = Signal()

# sender=None, institution_id=int. Sent when an institution's name or details change.
institution_changed = Signal()


def send_dataset_changed_on_commit(dataset_id: UUID) -> None:
    transaction.on_commit(
        lambda: dataset_changed.send(sender=None, dataset_id=dataset_id)
    )


def send_institution_changed_on_commit(institution_id: int) -> None:
    transaction.on_commit(
        lambda: institution_changed.send(sender=None, institution_id=institution_id)
    )


# sender=None, distribution_id=UUID, revision_id=int. Sent when a file's new bytes
# (a new revision) have been committed; ingest turns tabular files into tables.
file_uploaded = Signal()


def send_file_uploaded_on_commit(distribution_id: UUID, revision_id: int) -> None:
    transaction.on_commit(
        lambda: file_uploaded.send(
            sender=None, distribution_id=distribution_id, revision_id=revision_id
        )
    )
