"""A CKAN package dictionary as our ``DatasetInput``.

Clients such as ``ckanapi load`` send whole dumped datasets: fields that are read
here (``id``, ``metadata_created``, ``num_resources``, ``organization``…) or unknown
are ignored, never errors. Errors name CKAN's fields (``name``, ``license_id``…).
"""

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from ceiba.api.ckan.errors import ParameterError
from ceiba.api.ckan.params import Params
from ceiba.api.ckan.serializers import EXTRA_FIELDS
from ceiba.catalog.permissions import is_portal_admin
from ceiba.catalog.services import DatasetInput
from ceiba.common.errors import ValidationError
from ceiba.interop.vocab import CKAN_LICENCES

# Our field names -> CKAN's, for error messages.
CKAN_FIELDS = {
    "slug": "name",
    "description": "notes",
    "licence": "license_id",
    "themes": "groups",
    "keywords": "tags",
    "contact_name": "maintainer",
    "contact_email": "maintainer_email",
    "source_url": "url",
    "places": "spatial_places",
}


@dataclass
class PackageInput:
    data: DatasetInput
    owner_org: str
    private: bool
    dataset_id: str = ""
    resources: list[dict[str, Any]] | None = None
    errors: dict[str, list[str]] = field(default_factory=dict)


def ckan_error(error: ValidationError) -> ValidationError:
    """The same error with CKAN's field names."""
    error.ckan_fields = {
        CKAN_FIELDS.get(name, name): [str(m) for m in messages]
        for name, messages in error.field_errors.items()
    }
    return error


def kept_id(actor: object, value: str) -> uuid.UUID | None:
    """An id sent by the client (a dataset's, a resource's), kept only for portal
    administrators copying a catalog: anyone else gets a new id."""
    value = str(value or "").strip()
    if not value or not is_portal_admin(actor):
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        raise ParameterError("id", _("Must be a UUID.")) from None


def licence_code(value: str, known: set[str]) -> str:
    value = (value or "").strip()
    by_case = {code.lower(): code for code in known}
    if not value:
        return "notspecified"
    return by_case.get(value.lower()) or CKAN_LICENCES.get(value.lower(), value)


def _names(value: Any, key: str = "name") -> list[str]:
    """Tags or groups: ``[{"name": …}]``, ``["…"]`` or "a,b"."""
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list):
        return []
    names = []
    for item in value:
        if isinstance(item, dict):
            item = item.get(key) or item.get("id") or ""
        if isinstance(item, str) and item.strip():
            names.append(item.strip())
    return names


def _extras(params: Params) -> dict[str, str]:
    values: dict[str, str] = {}
    raw = params.raw("extras")
    if isinstance(raw, list):
        for item in raw:
            if isinstance(item, dict) and isinstance(item.get("key"), str):
                values[item["key"]] = str(item.get("value") or "")
    for key in [*EXTRA_FIELDS, "title_en", "description_en"]:
        if key in params and not isinstance(params.raw(key), dict | list):
            values[key] = params.text(key)
    return values


def _date(
    values: dict[str, str], key: str, errors: dict[str, list[str]]
) -> dt.date | None:
    text = values.get(key, "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        errors.setdefault(key, []).append(_("Write the date as YYYY-MM-DD."))
        return None


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _owner(params: Params) -> str:
    owner = params.raw("owner_org")
    if not owner and isinstance(params.raw("organization"), dict):
        owner = params.raw("organization").get("name")
    return str(owner or "").strip()


def package_input(params: Params, licences: set[str]) -> PackageInput:
    errors: dict[str, list[str]] = {}
    extras = _extras(params)
    tags = _names(params.raw("tags"))
    if not tags and params.text("tag_string"):
        tags = _names(params.text("tag_string"))
    data = DatasetInput(
        title=params.text("title") or params.text("name"),
        slug=params.text("name").strip(),
        licence=licence_code(params.text("license_id"), licences),
        description=params.text("notes"),
        title_en=extras.get("title_en", ""),
        description_en=extras.get("description_en", ""),
        keywords=tags,
        themes=_names(params.raw("groups")),
        access_rights=extras.get("access_rights") or "PUBLIC",
        frequency=extras.get("frequency", ""),
        temporal_start=_date(extras, "temporal_start", errors),
        temporal_end=_date(extras, "temporal_end", errors),
        places=_split(extras.get("spatial_places", "")),
        contact_name=params.text("maintainer")[:200],
        contact_email=params.text("maintainer_email"),
        conforms_to=extras.get("conforms_to", ""),
        sdg_targets=_split(extras.get("sdg_targets", "")),
        legal_basis=extras.get("legal_basis", "")[:300],
        source_url=params.text("url"),
    )
    resources = params.raw("resources") if "resources" in params else None
    if resources is not None and not isinstance(resources, list):
        errors["resources"] = [_("Must be a list of resources.")]
        resources = None
    return PackageInput(
        data=data,
        owner_org=_owner(params),
        private=params.boolean("private", False),
        dataset_id=params.text("id").strip(),
        resources=[r for r in resources or [] if isinstance(r, dict)]
        if resources is not None
        else None,
        errors=errors,
    )
