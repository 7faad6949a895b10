"""The catalog as DCAT-US / Project Open Data v1.1 (``/data.json``).

Valid against the non-federal v1.1 schema (the profile for publishers outside the
US federal government: no bureau or program codes). ``keyword`` and ``modified``
are always present, because harvesters built for the federal profile rely on them.
"""

import json
from collections.abc import Iterable, Iterator
from typing import Any

from ceiba.interop import uris, vocab

CONTEXT = "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld"
CONFORMS_TO = "https://project-open-data.cio.gov/v1.1/schema"
DESCRIBED_BY = "https://project-open-data.cio.gov/v1.1/schema/catalog.json"


def _header() -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "@id": uris.absolute("/data.json"),
        "@type": "dcat:Catalog",
        "conformsTo": CONFORMS_TO,
        "describedBy": DESCRIBED_BY,
    }


def catalog_dict(datasets: Iterable[Any], tables: dict[Any, list[Any]]) -> dict:
    return {**_header(), "dataset": [dataset_dict(d, tables) for d in datasets]}


def iter_catalog_json(
    chunks: Iterable[tuple[list[Any], dict[Any, list[Any]]]],
) -> Iterator[bytes]:
    """The catalog as JSON, streamed chunk by chunk of datasets."""
    header = json.dumps(_header(), ensure_ascii=False)
    yield (header[:-1] + ', "dataset": [').encode()
    first = True
    for datasets, tables in chunks:
        for dataset in datasets:
            prefix = "" if first else ","
            first = False
            text = json.dumps(dataset_dict(dataset, tables), ensure_ascii=False)
            yield (prefix + text).encode()
    yield b"]}"


def dataset_dict(dataset: Any, tables: dict[Any, list[Any]]) -> dict[str, Any]:
    themes = [theme.label for theme in dataset.themes.all() if theme.is_local]
    entry: dict[str, Any] = {
        "@type": "dcat:Dataset",
        "title": dataset.title,
        "description": dataset.description or dataset.title,
        "keyword": dataset.keywords or themes or [dataset.publisher.name],
        "modified": (dataset.modified or dataset.updated_at).isoformat(),
        "publisher": _publisher(dataset.publisher),
        "contactPoint": _contact(dataset),
        "identifier": uris.dataset_uri(dataset),
        "accessLevel": vocab.DATAJSON_ACCESS_LEVELS[dataset.access_rights],
        "license": _licence_url(dataset.licence),
        "landingPage": uris.dataset_page(dataset),
        "language": ["es"],
        "distribution": [
            _distribution(dataset, file, tables.get(file.pk, []))
            for file in dataset.live_distributions
        ],
    }
    optional = {
        "issued": dataset.issued.isoformat() if dataset.issued else None,
        "theme": themes or None,
        "spatial": ", ".join(p.label for p in dataset.places.all()) or None,
        "temporal": _temporal(dataset),
        "accrualPeriodicity": vocab.ISO_FREQUENCIES.get(dataset.frequency_id or ""),
        "conformsTo": dataset.conforms_to or None,
        "references": [dataset.source_url] if dataset.source_url else None,
    }
    entry.update({k: v for k, v in optional.items() if v})
    if not entry["license"]:
        del entry["license"]
    return entry


def _publisher(institution: Any) -> dict[str, Any]:
    publisher: dict[str, Any] = {"@type": "org:Organization", "name": institution.name}
    return publisher


def _contact(dataset: Any) -> dict[str, Any]:
    contact = {
        "@type": "vcard:Contact",
        "fn": dataset.contact_name or dataset.publisher.name,
    }
    email = dataset.contact_email or dataset.publisher.email
    if email:
        contact["hasEmail"] = f"mailto:{email}"
    return contact


def _licence_url(licence: Any) -> str | None:
    return licence.url or vocab.spdx_licence_uri(licence.code)


def _temporal(dataset: Any) -> str | None:
    if not (dataset.temporal_start or dataset.temporal_end):
        return None
    start = dataset.temporal_start or dataset.temporal_end
    end = dataset.temporal_end or dataset.temporal_start
    return f"{start.isoformat()}/{end.isoformat()}"


def _distribution(dataset: Any, file: Any, tables: list[Any]) -> dict[str, Any]:
    revision = file.current_revision
    entry: dict[str, Any] = {"@type": "dcat:Distribution", "title": file.title}
    if file.description:
        entry["description"] = file.description
    media_type = (revision.media_type if revision else "") or file.media_type
    if revision is not None:
        entry["downloadURL"] = uris.absolute(file.get_latest_url())
        entry["mediaType"] = media_type or "application/octet-stream"
    else:
        entry["accessURL"] = file.access_url or uris.dataset_page(dataset)
        if media_type:
            entry["mediaType"] = media_type
    code = (revision.format if revision else "") or file.format
    if code:
        entry["format"] = code
    if tables:
        entry["describedBy"] = uris.table_schema(dataset, tables[0])
        entry["describedByType"] = "application/json"
    return entry
