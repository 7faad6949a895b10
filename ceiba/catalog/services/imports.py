"""Whole datasets arriving from other catalogs (harvesting, ``ckanapi load``)."""

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone

from ceiba.catalog.events import send_dataset_changed_on_commit
from ceiba.catalog.exceptions import CatalogPermissionError
from ceiba.catalog.guards import edit_guards_run, publish_guards_run_many
from ceiba.catalog.models import (
    Dataset,
    DatasetStatus,
    Distribution,
    Institution,
    Version,
    VersionKind,
)
from ceiba.catalog.permissions import Actor, is_portal_admin
from ceiba.catalog.services.datasets import (
    DatasetInput,
    KnownCodes,
    _validate,
    mark_published,
    new_dataset,
    slug_base,
)
from ceiba.catalog.services.distributions import link_distribution, new_link
from ceiba.catalog.services.versions import _user_or_none, new_version, version_record
from ceiba.catalog.snapshots import dataset_snapshot


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


@dataclass(frozen=True)
class DatasetImport:
    """One dataset of ``datasets_import``: ``data.slug`` is the address name wanted
    (one made from the title when it is taken); ``issued`` and ``modified`` the
    dates at the original source (None: now)."""

    publisher: Institution
    data: DatasetInput
    links: tuple[LinkInput, ...] = ()
    issued: dt.datetime | None = None
    modified: dt.datetime | None = None


@transaction.atomic
def datasets_import(*, actor: Actor, items: Sequence[DatasetImport]) -> list[Dataset]:
    """Create and publish many datasets, each with its links, its source's dates
    and one version, in a few queries for the whole batch: what ``dataset_import``
    then ``dataset_dates_set`` do for one (a harvest's first run). Portal
    administrators only, as for setting dates. Any invalid item raises and nothing
    is created."""
    if not is_portal_admin(actor):
        raise CatalogPermissionError()
    known = KnownCodes.load([item.data for item in items])
    datasets = [_checked(actor, item, known) for item in items]
    _assign_slugs(datasets, [item.data for item in items])
    files = {d.pk: _links(d, item) for d, item in zip(datasets, items, strict=True)}
    Dataset.objects.bulk_create(datasets)
    _save_all_relations(datasets, [item.data for item in items])
    Distribution.objects.bulk_create([f for links in files.values() for f in links])
    publish_guards_run_many(datasets=datasets)
    prefetch_related_objects(datasets, "themes", "places")
    Version.objects.bulk_create(
        new_version(
            dataset=d,
            number=1,
            kind=VersionKind.CREATED,
            actor=actor,
            snapshot=dataset_snapshot(d, files[d.pk]),
            before={},
        )
        for d in datasets
    )
    for dataset in datasets:
        send_dataset_changed_on_commit(dataset.pk)
    return datasets


def _checked(actor: Actor, item: DatasetImport, known: KnownCodes) -> Dataset:
    """A valid, published dataset, not saved yet."""
    now = timezone.now()
    dataset = Dataset(publisher=item.publisher, created_by=_user_or_none(actor))
    _validate(dataset, item.data, known)
    if item.links:
        edit_guards_run(actor=actor, dataset=dataset)  # as adding files does
    dataset.status = DatasetStatus.PUBLISHED
    dataset.issued = item.issued or now
    dataset.modified = item.modified or now
    dataset.data_updated_at = now if item.links else None
    return dataset


def _links(dataset: Dataset, item: DatasetImport) -> list[Distribution]:
    return [
        link_distribution(
            dataset=dataset,
            url=link.url,
            title=link.title,
            description=link.description,
            format=link.format,
            position=position,
        )
        for position, link in enumerate(item.links, start=1)
    ]


def _assign_slugs(datasets: list[Dataset], inputs: list[DatasetInput]) -> None:
    """The wanted address names where free, else the title's, made unique."""
    bases = [slug_base(data.title) for data in inputs]
    candidates = {data.slug for data in inputs if data.slug} | set(bases)
    taken = set(
        Dataset.objects.filter(slug__in=candidates).values_list("slug", flat=True)
    )
    for dataset, data, base in zip(datasets, inputs, bases, strict=True):
        slug = data.slug if data.slug and data.slug not in taken else base
        number = 2
        while slug in taken or (
            slug not in candidates and Dataset.objects.filter(slug=slug).exists()
        ):
            slug, number = f"{base}-{number}", number + 1
        dataset.slug = slug
        taken.add(slug)


def _save_all_relations(datasets: list[Dataset], inputs: list[DatasetInput]) -> None:
    themes, places = Dataset.themes.through, Dataset.places.through
    themes.objects.bulk_create(
        themes(dataset_id=d.pk, theme_id=code)
        for d, data in zip(datasets, inputs, strict=True)
        for code in sorted(set(data.themes))
    )
    places.objects.bulk_create(
        places(dataset_id=d.pk, place_id=code)
        for d, data in zip(datasets, inputs, strict=True)
        for code in sorted(set(data.places))
    )
