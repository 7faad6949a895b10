"""Receivers of the catalog's events: stored CKAN packages of what changed go stale."""

from uuid import UUID

from ceiba.api.ckan import stored
from ceiba.catalog.models import Dataset


def on_dataset_changed(
    sender: object, *, dataset_id: UUID | str, **kwargs: object
) -> None:
    stored.forget(Dataset.objects.filter(pk=dataset_id))


def on_institution_changed(
    sender: object, *, institution_id: int, **kwargs: object
) -> None:
    stored.forget(Dataset.objects.filter(publisher_id=institution_id))


def on_vocabulary_changed(sender: object, **kwargs: object) -> None:
    stored.forget(Dataset.objects.all())
