"""Signals the catalog sends after a write has committed. They carry ids only.

Upper apps (search, quality…) subscribe in their ``AppConfig.ready()``.
"""

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any
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
    on_commit_collect("dataset_changed", dataset_id, _send_dataset_changed)


def _send_dataset_changed(dataset_ids: list[UUID]) -> None:
    """The receivers of one commit's events run in one transaction of their own, so
    that those able to work on many datasets at once can collect them with
    ``on_commit_collect`` (one search-index task for a harvested page, not 500)."""
    with transaction.atomic():
        for dataset_id in dataset_ids:
            dataset_changed.send(sender=None, dataset_id=dataset_id)


class _Batch:
    """One on-commit hook: what was collected under ``name`` while the savepoints
    ``savepoints`` were open, handed to ``flush`` in one call."""

    def __init__(
        self, name: str, savepoints: frozenset[str], flush: Callable[[list], None]
    ) -> None:
        self.name = name
        self.savepoints = savepoints
        self.flush = flush
        self.items: dict[Hashable, None] = {}
        self.sent = False

    def __call__(self) -> None:
        self.sent = True
        self.flush(list(self.items))


def on_commit_collect(name: str, item: Hashable, flush: Callable[[list], None]) -> None:
    """After this transaction commits, ``flush(items)`` with every item collected
    under ``name`` (each once, in order of arrival) instead of one hook per item.
    Items collected in a savepoint that rolls back go with it. Outside a
    transaction, ``flush([item])`` now."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        flush([item])
        return
    index = _pending_batches(connection)
    found = index.items.setdefault(name, {}).get(item)
    if found is not None and not found.sent:
        return
    key = (name, frozenset(connection.savepoint_ids))
    batch = index.open.get(key)
    if batch is None or batch.sent:
        batch = _Batch(name, key[1], flush)
        transaction.on_commit(batch)
        index.open[key] = batch
    batch.items[item] = None
    index.items[name][item] = batch


@dataclass
class _Index:
    hooks: list
    open: dict[tuple[str, frozenset[str]], _Batch] = field(default_factory=dict)
    items: dict[str, dict[Hashable, _Batch]] = field(default_factory=dict)


def _pending_batches(connection: Any) -> _Index:
    """The batches still queued in this transaction. A batch found here will run if
    the transaction commits.

    Django replaces its list of hooks with a new one whenever it drops some (a
    savepoint rolled back, a commit), and only appends otherwise; the index is
    kept per list, so it is rebuilt exactly when hooks may have gone. (Tests that
    run hooks early leave them in the list: hence "not sent".)
    """
    hooks = connection.run_on_commit
    index = getattr(connection, "ceiba_pending_batches", None)
    if index is None or index.hooks is not hooks:
        index = _Index(hooks)
        for _savepoints, hook, _robust in hooks:
            if isinstance(hook, _Batch) and not hook.sent:
                index.open[(hook.name, hook.savepoints)] = hook
                for item in hook.items:
                    index.items.setdefault(hook.name, {})[item] = hook
        connection.ceiba_pending_batches = index
    return index


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
