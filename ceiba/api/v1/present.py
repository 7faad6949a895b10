"""From catalog and datastore objects to the dictionaries the schemas describe.

Objects come from the selectors with their relations loaded; nothing here queries
the database except ``tables_of`` (one query per file, as the dataset page does).
"""

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse

from ceiba.catalog.models import (
    Dataset,
    Distribution,
    DistributionRevision,
    Institution,
    Place,
    Theme,
    Version,
)
from ceiba.datastore.models import DatastoreTable
from ceiba.datastore.selectors import datastore_tables_for_distribution

NAMESPACE = "api-v1"
EXPORT_FORMATS = ("csv", "json", "xlsx", "parquet")


def api_url(
    request: HttpRequest, name: str, query: dict | None = None, **kw: Any
) -> str:
    path = reverse(f"{NAMESPACE}:{name}", kwargs=kw or None)
    if query:
        path += "?" + urlencode(query)
    return request.build_absolute_uri(path)


def web_url(request: HttpRequest, name: str, *args: Any) -> str:
    return request.build_absolute_uri(reverse(f"web:{name}", args=args))


def term(item: Any) -> dict[str, str]:
    return {"code": item.code, "label": item.label}


def institution_ref(request: HttpRequest, institution: Institution) -> dict[str, Any]:
    return {
        "slug": institution.slug,
        "name": institution.name,
        "acronym": institution.acronym,
        "url": api_url(request, "institution-detail", slug=institution.slug),
    }


def institution_out(request: HttpRequest, institution: Institution) -> dict[str, Any]:
    return {
        **institution_ref(request, institution),
        "kind": term(institution.kind),
        "parent": institution.parent.slug if institution.parent_id else None,
        "place": institution.place_id,
        "description": institution.description,
        "website": institution.website,
        "email": institution.email,
        "phone": institution.phone,
        "dataset_count": getattr(institution, "dataset_count", 0),
        "html_url": web_url(request, "institution-detail", institution.slug),
        "datasets_url": api_url(
            request, "dataset-list", {"institution": institution.slug}
        ),
    }


def theme_out(request: HttpRequest, theme: Theme) -> dict[str, Any]:
    return {
        **term(theme),
        "labels": theme.labels,
        "eu_theme": theme.eu_theme_id,
        "is_local": theme.is_local,
        "icon": theme.icon,
        "url": api_url(request, "theme-detail", code=theme.code),
        "datasets_url": api_url(request, "dataset-list", {"theme": theme.code}),
    }


def place_out(request: HttpRequest, place: Place) -> dict[str, Any]:
    return {
        **term(place),
        "labels": place.labels,
        "level": place.level,
        "slug": place.slug,
        "parent": place.parent_id,
        "url": api_url(request, "place-detail", ref=place.slug),
        "datasets_url": api_url(request, "dataset-list", {"place": place.code}),
    }


def _formats(dataset: Dataset) -> list[str]:
    files = getattr(dataset, "live_distributions", [])
    return sorted({d.format.upper() for d in files if d.format})


def dataset_summary(
    request: HttpRequest, dataset: Dataset, quality: dict[str, Any] | None = None
) -> dict[str, Any]:
    """``quality``: this dataset's entry of ``quality_for_datasets`` (None until
    the dataset has been scored)."""
    return {
        "id": str(dataset.pk),
        "slug": dataset.slug,
        "title": dataset.title,
        "description": dataset.description,
        "keywords": [str(k) for k in dataset.keywords or []],
        "themes": [term(t) for t in dataset.themes.all()],
        "publisher": institution_ref(request, dataset.publisher),
        "licence": term(dataset.licence),
        "frequency": term(dataset.frequency) if dataset.frequency_id else None,
        "places": [{**term(p), "level": p.level} for p in dataset.places.all()],
        "formats": _formats(dataset),
        "status": dataset.status,
        "issued": dataset.issued,
        "modified": dataset.modified,
        "url": api_url(request, "dataset-detail", ref=dataset.slug),
        "html_url": web_url(request, "dataset-detail", dataset.slug),
        "quality": (quality or {}).get("quality"),
        "freshness": (quality or {}).get("freshness"),
    }


def dataset_out(
    request: HttpRequest, dataset: Dataset, quality: dict[str, Any] | None = None
) -> dict[str, Any]:
    files = getattr(dataset, "live_distributions", [])
    return {
        **dataset_summary(request, dataset, quality),
        "translations": dataset.translations or {},
        "access_rights": dataset.access_rights,
        "temporal_start": dataset.temporal_start,
        "temporal_end": dataset.temporal_end,
        "contact_name": dataset.contact_name,
        "contact_email": dataset.contact_email,
        "conforms_to": dataset.conforms_to,
        "sdg_targets": list(dataset.sdg_targets or []),
        "legal_basis": dataset.legal_basis,
        "source_url": dataset.source_url,
        "download_count": dataset.download_count,
        "created_at": dataset.created_at,
        "updated_at": dataset.updated_at,
        "distributions": [distribution_out(request, dataset, d) for d in files],
        "files_url": api_url(request, "file-list", ref=dataset.slug),
        "versions_url": api_url(request, "version-list", ref=dataset.slug),
    }


def distribution_out(
    request: HttpRequest, dataset: Dataset, distribution: Distribution
) -> dict[str, Any]:
    revision = distribution.current_revision
    distribution.dataset = dataset
    tables = datastore_tables_for_distribution(distribution_id=distribution.pk)
    return {
        "id": str(distribution.pk),
        "title": distribution.title,
        "description": distribution.description,
        "kind": distribution.kind,
        "format": distribution.format,
        "media_type": distribution.media_type,
        "access_url": distribution.access_url,
        "download_url": (
            request.build_absolute_uri(distribution.get_latest_url())
            if revision
            else None
        ),
        "filename": revision.filename if revision else "",
        "byte_size": revision.byte_size if revision else None,
        "sha256": revision.sha256 if revision else "",
        "revision": revision.number if revision else None,
        "created_at": distribution.created_at,
        "updated_at": distribution.updated_at,
        "url": api_url(
            request, "file-detail", ref=dataset.slug, file_id=str(distribution.pk)
        ),
        "tables": [table_summary(request, dataset, t, revision) for t in tables],
    }


def dataset_tables(request: HttpRequest, dataset: Dataset) -> list[dict[str, Any]]:
    return [
        table_summary(request, dataset, table, distribution.current_revision)
        for distribution in getattr(dataset, "live_distributions", [])
        for table in datastore_tables_for_distribution(distribution_id=distribution.pk)
    ]


def revision_out(
    request: HttpRequest, distribution: Distribution, revision: DistributionRevision
) -> dict[str, Any]:
    revision.distribution = distribution
    return {
        "number": revision.number,
        "filename": revision.filename,
        "byte_size": revision.byte_size,
        "sha256": revision.sha256,
        "format": revision.format,
        "media_type": revision.media_type,
        "created_at": revision.created_at,
        "download_url": request.build_absolute_uri(revision.get_absolute_url()),
    }


def _validation(table: DatastoreTable) -> dict[str, Any]:
    stats = table.validation.get("stats", {}) if table.validation else {}
    return {
        "valid": table.is_valid,
        "error_count": table.error_count,
        "stats": stats if isinstance(stats, dict) else {},
    }


def table_summary(
    request: HttpRequest,
    dataset: Dataset,
    table: DatastoreTable,
    revision: DistributionRevision | None = None,
) -> dict[str, Any]:
    table_id = str(table.pk)
    known = revision is not None and revision.pk == table.revision_id
    number = revision.number if known else table.revision.number
    return {
        "id": table_id,
        "name": table.name,
        "position": table.position,
        "row_count": table.row_count,
        "byte_size": table.byte_size,
        "table_schema": table.schema or {},
        "validation": _validation(table),
        "revision": number,
        "url": api_url(request, "table-detail", table_id=table_id),
        "rows_url": api_url(request, "table-rows", table_id=table_id),
        "html_url": web_url(request, "table-detail", dataset.slug, table_id),
    }


def table_out(request: HttpRequest, table: DatastoreTable) -> dict[str, Any]:
    distribution = table.revision.distribution
    dataset = distribution.dataset
    rows_url = api_url(request, "table-rows", table_id=str(table.pk))
    return {
        **table_summary(request, dataset, table),
        "dataset": dataset.slug,
        "file": str(distribution.pk),
        "file_title": distribution.title,
        "downloads": {
            file_format: f"{rows_url}?format={file_format}"
            for file_format in EXPORT_FORMATS
        },
        "created_at": table.created_at,
    }


def version_out(
    request: HttpRequest, dataset: Dataset, version: Version
) -> dict[str, Any]:
    return {
        "number": version.number,
        "kind": version.kind,
        "kind_label": str(version.get_kind_display()),
        "created_at": version.created_at,
        "changes": [c for c in version.changes or [] if isinstance(c, dict)],
        "url": api_url(
            request, "version-detail", ref=dataset.slug, number=version.number
        ),
    }
