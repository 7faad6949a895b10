"""Receivers of the catalog's events: stored CKAN packages of what changed go stale."""

from uuid import UUID

from ceiba.api.ckan import stored
from ceiba.catalog.events import on_commit_collect
from ceiba.catalog.models import Dataset


def on_dataset_changed(
    sender: object, *, dataset_id: UUID | str, **kwargs: object
) -> None:
    # One statement for all the datasets of a commit (a harvested page).
    on_commit_collect("api-package-stamps", dataset_id, _forget)


def _forget(dataset_ids: list[UUID | str]) -> None:
    stored.forget(Dataset.objects.filter(pk__in=dataset_ids))


def on_institution_changed(
    sender: object, *, institution_id: int, **kwargs: object
) -> None:
    stored.forget(Dataset.objects.filter(publisher_id=institution_id))


def on_vocabulary_changed(sender: object, **kwargs: object) -> None:
    stored.forget(Dataset.objects.all())
