"""Finding what an action names: datasets by id or name, resources, institutions,
themes and tables. Visibility comes from the catalog's selectors."""

import uuid
from collections.abc import Iterable
from typing import Any

from ceiba.api.ckan import stored
from ceiba.api.ckan.call import Call
from ceiba.api.ckan.envelope import RawJSON, json_bytes
from ceiba.api.ckan.errors import GroupNotFoundError, ResourceNotFoundError
from ceiba.api.ckan.serializers import package_dict
from ceiba.catalog import selectors
from ceiba.catalog.exceptions import (
    DatasetNotFoundError,
    DistributionNotFoundError,
    ThemeNotFoundError,
)
from ceiba.catalog.models import Dataset, Distribution, Institution, Theme
from ceiba.datastore.selectors import datastore_tables_of_revisions


def dataset_by_ref(ref: str, actor: object) -> Dataset:
    """A dataset by its id (UUID) or its name (slug)."""
    ref = str(ref).strip()
    try:
        dataset_id = uuid.UUID(ref)
    except ValueError:
        return selectors.dataset_get(slug=ref[:100], actor=actor)
    try:
        return selectors.dataset_get_by_id(dataset_id=dataset_id, actor=actor)
    except DatasetNotFoundError:
        return selectors.dataset_get(slug=ref, actor=actor)


def resource_by_id(ref: str, actor: object) -> Distribution:
    try:
        return selectors.distribution_get_by_id(distribution_id=ref, actor=actor)
    except DistributionNotFoundError:
        raise ResourceNotFoundError() from None


def institution_by_ref(ref: str) -> Institution:
    return selectors.institution_get(slug=str(ref).strip())


def theme_by_ref(ref: str) -> Theme:
    try:
        theme = selectors.theme_get(code=str(ref).strip())
    except ThemeNotFoundError:
        raise GroupNotFoundError() from None
    if not theme.is_local:
        raise GroupNotFoundError()
    return theme


def tabular_revisions(datasets: Iterable[Dataset]) -> set[int]:
    """The file revisions of ``datasets`` that have DataStore tables."""
    ids = [
        d.current_revision_id
        for dataset in datasets
        for d in getattr(dataset, "live_distributions", [])
        if d.current_revision_id
    ]
    if not ids:
        return set()
    return set(
        datastore_tables_of_revisions(revision_ids=ids).values_list(
            "revision_id", flat=True
        )
    )


def packages(call: Call, datasets: list[Dataset]) -> list[dict[str, Any]]:
    tabular = tabular_revisions(datasets)
    return [package_dict(d, call.absolute, tabular=tabular) for d in datasets]


def package(call: Call, dataset: Dataset) -> dict[str, Any]:
    return packages(call, [dataset])[0]


def package_body(call: Call, ref: str) -> RawJSON:
    """``package_show``'s result: the stored body when the dataset is public and
    unchanged since, else serialized (and stored) again."""
    variant = stored.variant(call.request)
    actor = call.reader()
    found = stored.find_one(ref, variant)
    if found is not None and found.public and found.body is not None:
        return found.body
    dataset = dataset_by_ref(ref, actor)
    body = json_bytes(package(call, dataset))
    if found is not None and found.dataset_id == dataset.pk:
        stored.keep([(dataset.pk, found.generation, body)], variant)
    return RawJSON(body)


def package_bodies(call: Call, ids: list[uuid.UUID]) -> list[RawJSON]:
    """The public packages among ``ids``, in their order (search results)."""
    variant = stored.variant(call.request)
    found = stored.find_many(ids, variant)
    bodies = {i: f.body for i, f in found.items() if f.public and f.body is not None}
    missing = [i for i in ids if i in found and found[i].public and i not in bodies]
    if missing:
        datasets = selectors.dataset_list_by_ids(ids=missing)
        fresh = [
            (dataset.pk, found[dataset.pk].generation, json_bytes(package))
            for dataset, package in zip(datasets, packages(call, datasets), strict=True)
        ]
        stored.keep(fresh, variant)
        bodies.update((i, RawJSON(body)) for i, _generation, body in fresh)
    return [bodies[i] for i in ids if i in bodies]
