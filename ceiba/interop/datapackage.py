"""A dataset as a Frictionless Data Package (v2).

Each table of the datastore is a tabular resource whose ``path`` is its normalised
CSV (UTF-8, comma, ISO dates, "." decimals) and whose ``schema`` is the Table
Schema of that CSV. Every file is also a resource as published (original bytes,
with size and SHA-256); links to other sites are resources with their address.
"""

import re
from typing import Any

from django.utils.text import slugify

from ceiba.datastore.schema import normalised_schema
from ceiba.interop import uris, vocab

PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"
TABLE_SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"
_NAME = re.compile(r"[^a-z0-9._-]+")


def _name(text: str, used: set[str]) -> str:
    base = _NAME.sub("-", slugify(text).lower()).strip("-") or "resource"
    name, n = base, 2
    while name in used:
        name, n = f"{base}-{n}", n + 1
    used.add(name)
    return name


def table_schema(table: Any) -> dict[str, Any]:
    """The Table Schema of a table's normalised copies (CSV export, Parquet)."""
    return {
        "$schema": TABLE_SCHEMA_PROFILE,
        **normalised_schema({"fields": [], **(table.schema or {})}),
    }


def package(dataset: Any, tables: dict[Any, list[Any]]) -> dict[str, Any]:
    used: set[str] = set()
    descriptor: dict[str, Any] = {
        "$schema": PROFILE,
        "name": _name(dataset.slug, set()),
        "id": uris.dataset_uri(dataset),
        "title": dataset.title,
        "homepage": uris.dataset_page(dataset),
        "licenses": [_licence(dataset.licence)],
        "keywords": list(dataset.keywords),
        "sources": [
            {"title": dataset.publisher.name, "path": _publisher_path(dataset)}
        ],
        "resources": [],
    }
    if dataset.description:
        descriptor["description"] = dataset.description
    if dataset.issued:
        descriptor["created"] = dataset.issued.isoformat()
    for file in dataset.live_distributions:
        for table in tables.get(file.pk, []):
            descriptor["resources"].append(_table_resource(dataset, file, table, used))
        descriptor["resources"].append(_file_resource(dataset, file, used))
    if not descriptor["keywords"]:
        del descriptor["keywords"]
    return descriptor


def _publisher_path(dataset: Any) -> str:
    return dataset.publisher.website or uris.institution_uri(dataset.publisher)


def _licence(licence: Any) -> dict[str, str]:
    entry = {"title": licence.labels.get("en") or licence.code}
    if licence.code not in vocab.NON_SPDX_LICENCES:
        entry["name"] = licence.code
    path = licence.url or vocab.spdx_licence_uri(licence.code)
    if path:
        entry["path"] = path
    return entry


def _table_resource(dataset: Any, file: Any, table: Any, used: set[str]) -> dict:
    title = table.name if table.name != file.title else file.title
    return {
        "name": _name(f"{file.title}-{table.name}", used),
        "type": "table",
        "title": title,
        "description": f"{file.title}: {table.name} ({table.row_count} rows)",
        "path": uris.table_csv(dataset, table),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"header": True, "delimiter": ","},
        "schema": table_schema(table),
    }


def _file_resource(dataset: Any, file: Any, used: set[str]) -> dict[str, Any]:
    revision = file.current_revision
    resource: dict[str, Any] = {
        "name": _name(file.title, used),
        "title": file.title,
    }
    if file.description:
        resource["description"] = file.description
    if revision is None:
        resource["path"] = file.access_url
        if file.format:
            resource["format"] = file.format.lower()
        return resource
    resource["path"] = uris.absolute(file.get_latest_url())
    resource["format"] = (revision.format or file.format).lower() or None
    resource["mediatype"] = revision.media_type or None
    resource["bytes"] = revision.byte_size
    resource["hash"] = f"sha256:{revision.sha256}"
    return {k: v for k, v in resource.items() if v is not None}
