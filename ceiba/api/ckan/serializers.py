"""Catalog objects as CKAN dictionaries: the field names and shapes CKAN clients
read. Our DCAT fields that CKAN has no place for travel in ``extras``."""

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.urls import reverse
from django.utils import timezone

from ceiba.catalog.models import (
    Dataset,
    DatasetStatus,
    Distribution,
    DistributionKind,
    Institution,
    Licence,
    Theme,
    Version,
)

Absolute = Callable[[str], str]

# Extras we write and read back: key -> Dataset attribute (lists joined by commas).
EXTRA_FIELDS = {
    "access_rights": "access_rights",
    "frequency": "frequency_id",
    "temporal_start": "temporal_start",
    "temporal_end": "temporal_end",
    "spatial_places": "places",
    "conforms_to": "conforms_to",
    "sdg_targets": "sdg_targets",
    "legal_basis": "legal_basis",
}
# Extras that say something about the dataset but cannot be set through the API.
READ_ONLY_EXTRAS = ("issued", "modified", "download_count")
CKAN_VERSION = "2.10.4"


def ckan_time(value: dt.datetime | None) -> str | None:
    """CKAN's timestamps: UTC, ISO 8601, without a zone."""
    if value is None:
        return None
    if timezone.is_aware(value):
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value.isoformat()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def licence_dict(licence: Licence) -> dict[str, Any]:
    return {
        "id": licence.code,
        "title": licence.label,
        "url": licence.url,
        "status": "active",
        "od_conformance": "approved" if licence.is_open else "not reviewed",
        "osd_conformance": "not reviewed",
        "is_okd_compliant": licence.is_open,
        "is_osi_compliant": False,
        "domain_content": True,
        "domain_data": True,
        "domain_software": False,
        "maintainer": "",
        "family": "",
        "is_generic": licence.code.startswith("other")
        or licence.code == "notspecified",
    }


def organization_dict(
    institution: Institution, absolute: Absolute, *, package_count: int | None = None
) -> dict[str, Any]:
    count = getattr(institution, "dataset_count", package_count)
    extras = [
        {"key": key, "value": value}
        for key, value in (
            ("acronym", institution.acronym),
            ("kind", institution.kind_id),
            ("website", institution.website),
            ("email", institution.email),
            ("phone", institution.phone),
        )
        if value
    ]
    body = {
        "id": institution.slug,
        "name": institution.slug,
        "title": institution.name,
        "display_name": institution.name,
        "description": institution.description,
        "image_url": "",
        "image_display_url": "",
        "created": ckan_time(institution.created_at),
        "is_organization": True,
        "type": "organization",
        "state": "active",
        "approval_status": "approved",
        "num_followers": 0,
        "url": absolute(institution.get_absolute_url()),
        "extras": extras,
    }
    if count is not None:
        body["package_count"] = count
    return body


def group_dict(theme: Theme, absolute: Absolute) -> dict[str, Any]:
    body = {
        "id": theme.code,
        "name": theme.code,
        "title": theme.label,
        "display_name": theme.label,
        "description": "",
        "image_url": "",
        "image_display_url": "",
        "created": None,
        "is_organization": False,
        "type": "group",
        "state": "active",
        "approval_status": "approved",
        "num_followers": 0,
        "url": absolute(reverse("web:theme-detail", args=[theme.code])),
    }
    if hasattr(theme, "dataset_count"):
        body["package_count"] = theme.dataset_count
    return body


def tag_dict(name: str) -> dict[str, Any]:
    return {
        "id": name,
        "name": name,
        "display_name": name,
        "state": "active",
        "vocabulary_id": None,
    }


def resource_dict(
    distribution: Distribution,
    dataset: Dataset,
    absolute: Absolute,
    *,
    position: int = 0,
    tabular: bool = False,
) -> dict[str, Any]:
    revision = distribution.current_revision
    uploaded = distribution.kind == DistributionKind.FILE
    url = distribution.access_url
    if uploaded:
        url = absolute(
            reverse("web:distribution-latest", args=[dataset.slug, distribution.id])
        )
    return {
        "id": str(distribution.id),
        "package_id": str(dataset.id),
        "name": distribution.title,
        "description": distribution.description,
        "format": distribution.format,
        "mimetype": distribution.media_type or None,
        "mimetype_inner": None,
        "url": url,
        "url_type": "upload" if uploaded else None,
        "size": revision.byte_size if revision else None,
        "hash": f"sha256:{revision.sha256}" if revision else "",
        "created": ckan_time(distribution.created_at),
        "last_modified": ckan_time(revision.created_at) if revision else None,
        "metadata_modified": ckan_time(distribution.updated_at),
        "position": position,
        "state": "active",
        "resource_type": None,
        "cache_url": None,
        "datastore_active": tabular,
    }


def _extras(dataset: Dataset, places: list[str]) -> list[dict[str, str]]:
    values = {
        "access_rights": dataset.access_rights,
        "frequency": dataset.frequency_id,
        "temporal_start": dataset.temporal_start,
        "temporal_end": dataset.temporal_end,
        "spatial_places": places,
        "conforms_to": dataset.conforms_to,
        "sdg_targets": dataset.sdg_targets,
        "legal_basis": dataset.legal_basis,
        "title_en": dataset.translations.get("en", {}).get("title", ""),
        "description_en": dataset.translations.get("en", {}).get("description", ""),
        "issued": ckan_time(dataset.issued),
        "modified": ckan_time(dataset.modified),
    }
    return [
        {"key": key, "value": _text(value)}
        for key, value in values.items()
        if _text(value)
    ]


def _live_files(dataset: Dataset) -> list[Distribution]:
    live = getattr(dataset, "live_distributions", None)
    if live is None:
        live = dataset.distributions.filter(deleted_at__isnull=True).select_related(
            "current_revision"
        )
    return list(live)


def package_dict(
    dataset: Dataset, absolute: Absolute, *, tabular: Iterable[int] = ()
) -> dict[str, Any]:
    """``tabular``: ids of the file revisions that have DataStore tables."""
    tabular = set(tabular)
    files = _live_files(dataset)
    themes = sorted(dataset.themes.all(), key=lambda t: t.code)
    places = sorted(p.code for p in dataset.places.all())
    keywords = list(dataset.keywords or ())
    licence = dataset.licence
    return {
        "id": str(dataset.id),
        "name": dataset.slug,
        "title": dataset.title,
        "notes": dataset.description,
        "url": dataset.source_url,
        "version": None,
        "author": dataset.publisher.name,
        "author_email": dataset.publisher.email or None,
        "maintainer": dataset.contact_name or None,
        "maintainer_email": dataset.contact_email or None,
        "license_id": licence.code,
        "license_title": licence.label,
        "license_url": licence.url,
        "isopen": licence.is_open,
        "owner_org": dataset.publisher.slug,
        "organization": organization_dict(dataset.publisher, absolute),
        "private": dataset.status != DatasetStatus.PUBLISHED,
        "state": "deleted" if dataset.deleted_at else "active",
        "type": "dataset",
        "metadata_created": ckan_time(dataset.created_at),
        "metadata_modified": ckan_time(dataset.updated_at),
        "creator_user_id": str(dataset.created_by_id)
        if dataset.created_by_id
        else None,
        "num_resources": len(files),
        "num_tags": len(keywords),
        "tags": [tag_dict(k) for k in keywords],
        "groups": [group_dict(t, absolute) for t in themes],
        "resources": [
            resource_dict(
                d,
                dataset,
                absolute,
                position=i,
                tabular=d.current_revision_id in tabular,
            )
            for i, d in enumerate(files)
        ],
        "extras": _extras(dataset, places),
        "relationships_as_object": [],
        "relationships_as_subject": [],
        "ckan_url": absolute(dataset.get_absolute_url()),
    }


ACTIVITY_TYPES = {
    "created": "new package",
    "deleted": "deleted package",
}


def activity_dict(version: Version, dataset: Dataset) -> dict[str, Any]:
    return {
        "id": f"{dataset.id}-{version.number}",
        "timestamp": ckan_time(version.created_at),
        "user_id": str(version.actor_id) if version.actor_id else None,
        "object_id": str(dataset.id),
        "activity_type": ACTIVITY_TYPES.get(version.kind, "changed package"),
        "data": {
            "package": {
                "id": str(dataset.id),
                "name": version.snapshot.get("slug", dataset.slug),
                "title": version.snapshot.get("title", dataset.title),
            },
            "version": version.number,
            "change": version.kind,
            "changes": version.changes,
        },
    }
