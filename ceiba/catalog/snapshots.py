"""A dataset as plain data, and the differences between two such snapshots.

Versions store snapshots; history pages show the differences.
"""

from typing import Any

from ceiba.catalog.models import Dataset, Distribution

METADATA_FIELDS = (
    "slug",
    "title",
    "description",
    "translations",
    "keywords",
    "themes",
    "publisher",
    "licence",
    "access_rights",
    "frequency",
    "temporal_start",
    "temporal_end",
    "places",
    "contact_name",
    "contact_email",
    "conforms_to",
    "sdg_targets",
    "legal_basis",
    "source_url",
    "status",
)
FILE_FIELDS = ("title", "description", "format", "access_url")


def dataset_snapshot(
    dataset: Dataset, files: list[Distribution] | None = None
) -> dict[str, Any]:
    """``files``: the live distributions in order, when the caller has them
    (imports of many datasets); else they are read."""
    if files is None:
        files = list(
            dataset.distributions.filter(deleted_at__isnull=True).select_related(
                "current_revision"
            )
        )
    return {
        "slug": dataset.slug,
        "title": dataset.title,
        "description": dataset.description,
        "translations": dataset.translations,
        "keywords": list(dataset.keywords),
        "themes": sorted(t.code for t in dataset.themes.all()),
        "publisher": dataset.publisher.slug,
        "licence": dataset.licence_id,
        "access_rights": dataset.access_rights,
        "frequency": dataset.frequency_id or "",
        "temporal_start": _iso(dataset.temporal_start),
        "temporal_end": _iso(dataset.temporal_end),
        "places": sorted(p.code for p in dataset.places.all()),
        "contact_name": dataset.contact_name,
        "contact_email": dataset.contact_email,
        "conforms_to": dataset.conforms_to,
        "sdg_targets": list(dataset.sdg_targets),
        "legal_basis": dataset.legal_basis,
        "source_url": dataset.source_url,
        "status": dataset.status,
        "files": [_file_snapshot(d) for d in files],
    }


def _file_snapshot(distribution: Distribution) -> dict[str, Any]:
    revision = distribution.current_revision
    return {
        "id": str(distribution.id),
        "title": distribution.title,
        "description": distribution.description,
        "kind": distribution.kind,
        "format": distribution.format,
        "access_url": distribution.access_url,
        "revision": revision.number if revision else None,
        "filename": revision.filename if revision else "",
        "byte_size": revision.byte_size if revision else None,
        "sha256": revision.sha256 if revision else "",
    }


def _iso(value: Any) -> str:
    return value.isoformat() if value else ""


def metadata_changes(
    before: dict[str, Any], after: dict[str, Any]
) -> list[dict[str, Any]]:
    """Field-by-field changes of metadata: [{"field", "before", "after"}]."""
    return [
        {"field": name, "before": before.get(name), "after": after.get(name)}
        for name in METADATA_FIELDS
        if before.get(name) != after.get(name)
    ]


def file_changes(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    """Files added, removed, replaced (new revision) or updated (title, format…)."""
    old = {f["id"]: f for f in before.get("files", [])}
    new = {f["id"]: f for f in after.get("files", [])}
    changes: list[dict[str, Any]] = []
    for file_id, file in new.items():
        previous = old.get(file_id)
        if previous is None:
            changes.append({"file": file_id, "title": file["title"], "action": "added"})
            continue
        if previous["revision"] != file["revision"]:
            changes.append(
                {
                    "file": file_id,
                    "title": file["title"],
                    "action": "replaced",
                    "before": previous["revision"],
                    "after": file["revision"],
                }
            )
        changes.extend(
            {
                "file": file_id,
                "title": file["title"],
                "action": "updated",
                "field": name,
                "before": previous[name],
                "after": file[name],
            }
            for name in FILE_FIELDS
            if previous[name] != file[name]
        )
    changes.extend(
        {"file": file_id, "title": file["title"], "action": "removed"}
        for file_id, file in old.items()
        if file_id not in new
    )
    return changes
