"""schema.org JSON-LD for search engines: a ``Dataset`` per dataset page, with what
Google Dataset Search requires (name, a 50–5,000 character description) and
recommends (url, identifier, keywords, licence, creator, distribution, coverage,
catalog…), and a ``DataCatalog`` for the home page."""

import json
from collections.abc import Sequence
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from ceiba.interop import uris, vocab

MIN_DESCRIPTION = 50
MAX_DESCRIPTION = 5000
# The characters that could end a <script> element or start markup, as Django's
# json_script escapes them.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def script_json(data: dict[str, Any]) -> SafeString:
    """JSON safe to put inside ``<script type="application/ld+json">``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(_SCRIPT_ESCAPES))  # noqa: S308 - escaped above


def _catalog_ref() -> dict[str, str]:
    return {
        "@type": "DataCatalog",
        "name": gettext("National Open Data Portal"),
        "url": uris.site_url() + "/",
    }


def data_catalog() -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        **_catalog_ref(),
        "description": gettext(
            "Open data published by Guatemala's public institutions, free to "
            "download and reuse, with no registration."
        ),
        "inLanguage": ["es", "en"],
        "spatialCoverage": {"@type": "Country", "name": "Guatemala"},
        "potentialAction": {
            "@type": "SearchAction",
            "target": uris.absolute("/datos/?q={search_term_string}"),
            "query-input": "required name=search_term_string",
        },
    }


def _description(dataset: Any) -> str:
    text = dataset.description.strip() or dataset.title
    if len(text) < MIN_DESCRIPTION:
        text = gettext("%(text)s. Dataset published by %(publisher)s.") % {
            "text": text.rstrip("."),
            "publisher": dataset.publisher.name,
        }
    return text[:MAX_DESCRIPTION]


def _organization(institution: Any) -> dict[str, Any]:
    entry = {
        "@type": "Organization",
        "@id": uris.institution_uri(institution),
        "name": institution.name,
        "url": institution.website or uris.institution_uri(institution),
    }
    if institution.email:
        entry["email"] = institution.email
    return entry


def _temporal(dataset: Any) -> str | None:
    start, end = dataset.temporal_start, dataset.temporal_end
    if not (start or end):
        return None
    return f"{start.isoformat() if start else '..'}/{end.isoformat() if end else '..'}"


def _places(dataset: Any) -> list[dict[str, Any]]:
    return [
        {
            "@type": "Country" if place.code == vocab.COUNTRY_CODE else "Place",
            "@id": uris.place_uri(place),
            "name": place.label,
            "identifier": place.code,
        }
        for place in dataset.places.all()
    ]


def _download(file: Any) -> dict[str, Any]:
    revision = file.current_revision
    entry: dict[str, Any] = {"@type": "DataDownload", "name": file.title}
    if revision is None:
        entry["contentUrl"] = file.access_url
    else:
        entry["contentUrl"] = uris.absolute(file.get_latest_url())
        entry["contentSize"] = f"{revision.byte_size} B"
        entry["sha256"] = revision.sha256
    media_type = (revision.media_type if revision else "") or file.media_type
    if media_type:
        entry["encodingFormat"] = media_type
    return entry


def dataset_jsonld(
    dataset: Any, *, tables: Sequence[Any] = (), version: int | None = None
) -> dict[str, Any]:
    """A schema.org Dataset; ``tables`` give its variables (``variableMeasured``)."""
    organization = _organization(dataset.publisher)
    themes = [theme.label for theme in dataset.themes.all()]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": uris.dataset_uri(dataset),
        "name": dataset.title,
        "description": _description(dataset),
        "url": uris.dataset_page(dataset),
        "identifier": [uris.dataset_uri(dataset), str(dataset.pk)],
        "keywords": list(dict.fromkeys([*dataset.keywords, *themes])),
        "license": dataset.licence.url or vocab.spdx_licence_uri(dataset.licence.code),
        "isAccessibleForFree": True,
        "creator": organization,
        "publisher": organization,
        "includedInDataCatalog": _catalog_ref(),
        "inLanguage": "es",
        "distribution": [_download(file) for file in dataset.live_distributions],
        "temporalCoverage": _temporal(dataset),
        "spatialCoverage": _places(dataset) or None,
        "datePublished": dataset.issued.isoformat() if dataset.issued else None,
        "dateModified": dataset.modified.isoformat() if dataset.modified else None,
        "version": str(version) if version else None,
        "variableMeasured": _variables(tables) or None,
        "sameAs": dataset.source_url or None,
    }
    english = (dataset.translations or {}).get("en", {})
    if english.get("title"):
        data["alternateName"] = english["title"]
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def _variables(tables: Sequence[Any]) -> list[dict[str, Any]]:
    variables = {}
    for table in tables:
        for field in (table.schema or {}).get("fields", []):
            name = field.get("title") or field.get("name")
            if name and name not in variables:
                variables[name] = {"@type": "PropertyValue", "name": name}
                if field.get("description"):
                    variables[name]["description"] = field["description"]
    return list(variables.values())
