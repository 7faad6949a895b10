"""Whole datasets arriving from other catalogs (harvesting, ``ckanapi load``)."""

import uuid
from dataclasses import dataclass

from django.db import transaction

from ceiba.catalog.models import Dataset, Institution, VersionKind
from ceiba.catalog.permissions import Actor
from ceiba.catalog.services.datasets import DatasetInput, mark_published, new_dataset
from ceiba.catalog.services.distributions import new_link
from ceiba.catalog.services.versions import version_record


@dataclass(frozen=True)
class LinkInput:
    url: str
    title: str = ""
    description: str = ""
    format: str = ""


@transaction.atomic
def dataset_import(
    *,
    actor: Actor,
    publisher: Institution,
    data: DatasetInput,
    links: list[LinkInput] | tuple[LinkInput, ...] = (),
    publish: bool = True,
    dataset_id: uuid.UUID | None = None,
) -> Dataset:
    """Create a dataset with its links, published unless told not, as one version
    (a record that arrives whole is one change, not one per file)."""
    dataset = new_dataset(
        actor=actor, publisher=publisher, data=data, dataset_id=dataset_id
    )
    for link in links:
        new_link(
            actor=actor,
            dataset=dataset,
            url=link.url,
            title=link.title,
            description=link.description,
            format=link.format,
        )
    if publish:
        mark_published(actor=actor, dataset=dataset)
    version_record(dataset=dataset, kind=VersionKind.CREATED, actor=actor)
    return dataset
