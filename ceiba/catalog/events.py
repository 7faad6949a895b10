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
    """Once per dataset and transaction, however many changes it makes (creating a
    dataset with its files and publishing it is one event, not five)."""
    if _already_pending(dataset_id):
        return

    def send() -> None:
        send.ceiba_sent = True  # type: ignore[attr-defined]
        dataset_changed.send(sender=None, dataset_id=dataset_id)

    send.ceiba_dataset_id = dataset_id  # type: ignore[attr-defined]
    send.ceiba_sent = False  # type: ignore[attr-defined]
    transaction.on_commit(send)


def _already_pending(dataset_id: UUID) -> bool:
    # Django drops the hooks of rolled-back savepoints from this list, so a hook
    # found here will run if the change that is asking commits. (Tests that run
    # hooks early leave them in the list: hence "not sent".)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return False
    return any(
        getattr(hook, "ceiba_dataset_id", None) == dataset_id
        and not getattr(hook, "ceiba_sent", True)
        for _savepoints, hook, _robust in connection.run_on_commit
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
