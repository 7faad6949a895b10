"""Checks that upper apps add to publishing, and notes they keep in the history.

The catalog knows nothing of the apps above it. An app that must be able to stop a
dataset from being published (privacy: personal data not yet reviewed) registers a
guard in its ``AppConfig.ready()``; ``dataset_publish`` runs every guard, and a guard
stops publishing by raising a ``CeibaError`` whose message tells the publisher what
to do. Decisions those apps take about a dataset are recorded as versions with
``version_record(..., extra_changes=...)``, so the history shows who decided what,
and when.
"""

from collections.abc import Callable, Sequence
from typing import Any

from ceiba.catalog.models import Dataset
from ceiba.catalog.permissions import Actor

PublishGuard = Callable[..., None]  # guard(*, dataset) raises CeibaError to refuse
# many(*, datasets) answers as the guard would for each, in a few queries.
PublishGuardMany = Callable[..., None]

_publish_guards: dict[str, PublishGuard] = {}
_publish_guards_many: dict[str, PublishGuardMany] = {}


def publish_guard_register(
    name: str, guard: PublishGuard, *, many: PublishGuardMany | None = None
) -> None:
    """Add (or replace) the guard called ``name``; ``many``, when given, is how it
    checks a batch of datasets at once."""
    _publish_guards[name] = guard
    _publish_guards_many.pop(name, None)
    if many is not None:
        _publish_guards_many[name] = many


def publish_guard_unregister(name: str) -> None:
    _publish_guards.pop(name, None)
    _publish_guards_many.pop(name, None)


def publish_guards_run(*, dataset: Dataset) -> None:
    """Run every guard; the first that refuses raises its error."""
    for guard in list(_publish_guards.values()):
        guard(dataset=dataset)


def publish_guards_run_many(*, datasets: Sequence[Dataset]) -> None:
    """``publish_guards_run`` for each of ``datasets``, batch by batch where a guard
    can."""
    for name, guard in list(_publish_guards.items()):
        many = _publish_guards_many.get(name)
        if many is not None:
            many(datasets=datasets)
            continue
        for dataset in datasets:
            guard(dataset=dataset)


# guard(*, actor, dataset, data) raises CeibaError to refuse an edit. ``data`` is the
# new DatasetInput for a metadata edit, None for a change of files. Harvest uses it
# to keep harvested datasets editable only at their source (but allowed fields).
EditGuard = Callable[..., None]

_edit_guards: dict[str, EditGuard] = {}


def edit_guard_register(name: str, guard: EditGuard) -> None:
    """Add (or replace) the edit guard called ``name``."""
    _edit_guards[name] = guard


def edit_guards_run(*, actor: Actor, dataset: Dataset, data: Any = None) -> None:
    """Run every edit guard; the first that refuses raises its error."""
    for guard in list(_edit_guards.values()):
        guard(actor=actor, dataset=dataset, data=data)
