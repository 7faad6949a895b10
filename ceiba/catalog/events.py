"""Signals the catalog sends after a write has committed. They carry ids only.

Upper apps (search, quality…) subscribe in their ``AppConfig.ready()``.
"""

from collections.abc import Callable
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
    pending = _pending_hooks()
    if pending is not None:
        hook = pending.get(dataset_id)
        if hook is not None and not hook.ceiba_sent:
            return

    def send() -> None:
        send.ceiba_sent = True  # type: ignore[attr-defined]
        dataset_changed.send(sender=None, dataset_id=dataset_id)

    send.ceiba_dataset_id = dataset_id  # type: ignore[attr-defined]
    send.ceiba_sent = False  # type: ignore[attr-defined]
    transaction.on_commit(send)
    pending = _pending_hooks()
    if pending is not None:
        pending[dataset_id] = send


def _pending_hooks() -> dict[UUID, Callable[[], None]] | None:
    """The event hooks still queued in this transaction, by dataset (None outside
    a transaction). A hook found here will run if the transaction commits.

    Django replaces its list of hooks with a new one whenever it drops some (a
    savepoint rolled back, a commit), and only appends otherwise; the index is
    kept per list, so it is rebuilt exactly when hooks may have gone. (Tests that
    run hooks early leave them in the list: hence "not sent".) Without it, a
    transaction creating N datasets would scan its N hooks N times.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return None
    hooks = connection.run_on_commit
    cached = getattr(connection, "ceiba_pending_hooks", None)
    if cached is None or cached[0] is not hooks:
        index = {
            hook.ceiba_dataset_id: hook
            for _savepoints, hook, _robust in hooks
            if getattr(hook, "ceiba_dataset_id", None) is not None
        }
        cached = (hooks, index)
        connection.ceiba_pending_hooks = cached
    return cached[1]


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
