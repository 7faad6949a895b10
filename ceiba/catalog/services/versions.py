"""Recording versions: every service that changes a dataset ends here."""

from typing import Any

from django.db.models import Max

from ceiba.catalog.events import send_dataset_changed_on_commit
from ceiba.catalog.models import Dataset, Version, VersionKind
from ceiba.catalog.permissions import Actor
from ceiba.catalog.snapshots import dataset_snapshot, file_changes, metadata_changes


def _user_or_none(actor: Actor) -> Any:
    return actor if actor is not None and actor.is_authenticated else None


def version_record(
    *,
    dataset: Dataset,
    kind: VersionKind,
    actor: Actor,
    extra_changes: list[dict[str, Any]] | None = None,
) -> Version:
    """Append an immutable version with the dataset's state and what changed.

    ``extra_changes`` describe changes the snapshot cannot see, made by the apps
    above the catalog (a table's data dictionary, a privacy decision): dicts with
    "before" and "after", and "table"/"column"/"field" saying what changed.
    Must run inside the caller's transaction, after the change was written.
    """
    previous = dataset.versions.order_by("-number").first()
    version = new_version(
        dataset=dataset,
        number=(dataset.versions.aggregate(n=Max("number"))["n"] or 0) + 1,
        kind=kind,
        actor=actor,
        snapshot=dataset_snapshot(dataset),
        before=previous.snapshot if previous else {},
        extra_changes=extra_changes,
    )
    version.save()
    send_dataset_changed_on_commit(dataset.pk)
    return version


def new_version(
    *,
    dataset: Dataset,
    number: int,
    kind: VersionKind,
    actor: Actor,
    snapshot: dict[str, Any],
    before: dict[str, Any],
    extra_changes: list[dict[str, Any]] | None = None,
) -> Version:
    """A version after the snapshot ``before``, not saved yet (imports save many
    at once)."""
    changes = metadata_changes(before, snapshot) + file_changes(before, snapshot)
    return Version(
        dataset=dataset,
        number=number,
        kind=kind,
        actor=_user_or_none(actor),
        snapshot=snapshot,
        changes=changes + (extra_changes or []),
    )
