"""Changing datasets with an API token: create, update, patch, delete.

Each call is one transaction: a refused step (a permission, a field, a resource)
leaves the catalog as it was. Dataset and resource ids sent by clients are kept only
for portal administrators (copying a catalog, as ``ckanapi load`` does); anyone else
gets new ids.
"""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ceiba.api.ckan import lookups
from ceiba.api.ckan.actions.resources import sync_resources
from ceiba.api.ckan.call import Call
from ceiba.api.ckan.errors import MissingParameterError, ParameterError
from ceiba.api.ckan.inputs import PackageInput, ckan_error, kept_id, package_input
from ceiba.api.ckan.params import Params
from ceiba.catalog import selectors, services
from ceiba.catalog.exceptions import InstitutionNotFoundError
from ceiba.catalog.models import Dataset, Institution
from ceiba.catalog.permissions import can_publish_dataset
from ceiba.common.errors import ValidationError


def _licences() -> set[str]:
    return set(selectors.licence_list().values_list("code", flat=True))


def _publisher(owner: str) -> Institution:
    if not owner:
        raise MissingParameterError("owner_org")
    try:
        return lookups.institution_by_ref(owner)
    except InstitutionNotFoundError:
        raise ParameterError(
            "owner_org", _("Organization does not exist: %s") % owner[:100]
        ) from None


def _read(params: Params) -> PackageInput:
    package = package_input(params, _licences())
    if package.errors:
        raise ValidationError(field_errors=package.errors)
    return package


def _set_private(actor: object, dataset: Dataset, private: bool) -> None:
    if private and dataset.is_published:
        services.dataset_unpublish(actor=actor, dataset=dataset)
    elif not private and not dataset.is_published:
        services.dataset_publish(actor=actor, dataset=dataset)


def _shown(call: Call, dataset: Dataset, actor: object) -> dict[str, Any]:
    fresh = selectors.dataset_get_by_id(dataset_id=dataset.pk, actor=actor)
    return lookups.package(call, fresh)


def package_create(call: Call) -> dict[str, Any]:
    actor = call.writer()
    package = _read(call.params)
    publisher = _publisher(package.owner_org)
    try:
        with transaction.atomic():
            dataset = services.dataset_create(
                actor=actor,
                publisher=publisher,
                data=package.data,
                dataset_id=kept_id(actor, package.dataset_id),
            )
            sync_resources(actor, dataset, package.resources or [])
            _set_private(actor, dataset, package.private)
    except ValidationError as error:
        raise ckan_error(error) from None
    return _shown(call, dataset, actor)


def _update(call: Call, dataset: Dataset, params: Params, actor: object) -> Dataset:
    package = _read(params)
    if package.owner_org and package.owner_org not in {
        dataset.publisher.slug,
        str(dataset.publisher_id),
    }:
        raise ParameterError(
            "owner_org",
            _("A dataset cannot move to another organization through the API."),
        )
    if not package.data.slug:
        package.data.slug = dataset.slug
    try:
        with transaction.atomic():
            services.dataset_update(
                actor=actor,
                dataset=dataset,
                data=package.data,
                expected_lock_version=dataset.lock_version,
            )
            if package.resources is not None:
                sync_resources(actor, dataset, package.resources)
            if "private" in params or can_publish_dataset(actor, dataset):
                _set_private(actor, dataset, package.private)
    except ValidationError as error:
        raise ckan_error(error) from None
    return dataset


def _target(call: Call, actor: object) -> Dataset:
    ref = call.params.text("id").strip() or call.params.text("name").strip()
    if not ref:
        raise MissingParameterError("id")
    return lookups.dataset_by_ref(ref, actor)


def package_update(call: Call) -> dict[str, Any]:
    actor = call.writer()
    dataset = _target(call, actor)
    _update(call, dataset, call.params, actor)
    return _shown(call, dataset, actor)


def package_patch(call: Call) -> dict[str, Any]:
    """Only the fields sent change: the rest is taken from the dataset as it is."""
    actor = call.writer()
    dataset = _target(call, actor)
    current = lookups.package(call, dataset)
    current.pop("resources")
    values = {**current, **call.params.values}
    if "extras" in call.params.values:
        values["extras"] = _merge_extras(current["extras"], call.params.raw("extras"))
    _update(call, dataset, Params(values), actor)
    return _shown(call, dataset, actor)


def _merge_extras(current: list[dict], sent: Any) -> list[dict]:
    merged = {e["key"]: e for e in current}
    if isinstance(sent, list):
        merged.update({e["key"]: e for e in sent if isinstance(e, dict) and "key" in e})
    return list(merged.values())


def package_delete(call: Call) -> None:
    actor = call.writer()
    dataset = _target(call, actor)
    services.dataset_delete(actor=actor, dataset=dataset)
    return None
