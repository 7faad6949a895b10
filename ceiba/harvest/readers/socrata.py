"""Socrata portals (datos.gov.co and the like) through the Discovery API catalog,
``/api/catalog/v1?only=dataset``, paged by ``offset`` and ``limit``. Each asset
links to its exports: CSV (``/api/views/<id>/rows.csv``) and JSON (SODA
``/resource/<id>.json``)."""

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.utils.translation import gettext as _

from ceiba.harvest.exceptions import HarvestError, SourceFormatError, SourceTooSlowError
from ceiba.harvest.readers.base import (
    Reader,
    ReadFailure,
    as_datetime,
    as_text,
    json_text,
)
from ceiba.harvest.records import SourceFile, SourceRecord

RESOURCE_KEYS = {
    "id", "name", "description", "attribution", "contact_email", "createdAt",
    "updatedAt", "metadata_updated_at", "type",
}  # fmt: skip
LICENCE_KEYS = ("Common-Core_License", "License", "Licencia")
FREQUENCY_WORDS = ("frecuencia", "frequency", "periodicidad")


def catalog_url(url: str) -> str:
    url = url.strip().rstrip("/")
    return url if "/api/catalog/v1" in url else url + "/api/catalog/v1"


class SocrataReader(Reader):
    type = "socrata"

    def _page(self, offset: int) -> tuple[str, int, list[Any]]:
        base = catalog_url(self.options.url)
        joiner = "&" if "?" in base else "?"
        params = {"only": "dataset", "offset": offset, "limit": self.options.page_size}
        url = f"{base}{joiner}{urlencode(params)}"
        body = self.fetcher.json(url)
        results = body.get("results") if isinstance(body, dict) else None
        size = body.get("resultSetSize") if isinstance(body, dict) else None
        if not isinstance(results, list) or not isinstance(size, int):
            raise SourceFormatError(
                url=url, reason=_("it is not a Socrata catalog (Discovery API) answer.")
            )
        return url, size, results

    def records(self) -> Iterator[SourceRecord | ReadFailure]:
        offset, size, failed = 0, None, False
        while size is None or offset < size:
            try:
                url, size, results = self._page(offset)
            except SourceTooSlowError:
                raise
            except HarvestError as error:
                if size is None:
                    raise
                failed = True
                yield ReadFailure(f"offset={offset}", error.render())
                offset += self.options.page_size
                continue
            self.total = size
            for entry in results:
                item = self._one(entry)
                if item is not None:
                    yield item
            if not results:
                break
            offset += self.options.page_size
        self.complete = not failed and len(self.listed) >= (size or 0)

    def _one(self, entry: Any) -> SourceRecord | ReadFailure | None:
        resource = entry.get("resource") if isinstance(entry, dict) else None
        if not isinstance(resource, dict) or not resource.get("id"):
            return ReadFailure("?", _("An asset without an id."))
        identifier = str(resource["id"])
        if identifier in self.listed:
            return None
        self.listed.add(identifier)
        try:
            record = self.record(entry, resource)
        except (TypeError, ValueError, AttributeError) as error:
            return ReadFailure(identifier, str(error))
        return (
            record if self.wanted(record.organisation_names, record.keywords) else None
        )

    def record(self, entry: dict[str, Any], resource: dict[str, Any]) -> SourceRecord:
        classification = entry.get("classification") or {}
        metadata = entry.get("metadata") or {}
        domain_metadata = _domain_metadata(classification.get("domain_metadata"))
        domain = metadata.get("domain") or urlsplit(self.options.url).netloc
        identifier = str(resource["id"])
        organisation = as_text(resource.get("attribution"))
        record = SourceRecord(
            identifier=identifier,
            title=as_text(resource.get("name")),
            original=json_text(entry),
            description=as_text(resource.get("description")),
            keywords=_strings(classification, "domain_tags", "tags"),
            themes=_strings(classification, "domain_category", "categories"),
            licence=as_text(metadata.get("license"))
            or _pick(domain_metadata, LICENCE_KEYS),
            frequency=_frequency(domain_metadata),
            contact_email=as_text(resource.get("contact_email")),
            contact_name=organisation,
            page=as_text(entry.get("permalink") or entry.get("link")),
            organisation=organisation,
            organisation_names=[
                organisation,
                as_text((entry.get("owner") or {}).get("display_name")),
            ],
            issued=as_datetime(resource.get("createdAt")),
            modified=as_datetime(
                resource.get("metadata_updated_at") or resource.get("updatedAt")
            ),
            files=_exports(domain, identifier),
        )
        record.unmapped = {
            "resource": {k: v for k, v in resource.items() if k not in RESOURCE_KEYS},
            "domain_metadata": domain_metadata,
            **{
                k: v
                for k, v in entry.items()
                if k
                not in {"resource", "classification", "metadata", "permalink", "link"}
            },
        }
        return record


def _domain_metadata(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, list):
        return {}
    return {str(i.get("key")): i.get("value") for i in raw if isinstance(i, dict)}


def _pick(values: dict[str, Any], keys: tuple[str, ...]) -> str:
    return next((as_text(values[k]) for k in keys if values.get(k)), "")


def _frequency(values: dict[str, Any]) -> str:
    for key, value in values.items():
        if any(word in key.lower() for word in FREQUENCY_WORDS):
            return as_text(value)
    return ""


def _strings(classification: dict[str, Any], *keys: str) -> list[str]:
    found: list[str] = []
    for key in keys:
        value = classification.get(key)
        for item in value if isinstance(value, list) else [value]:
            if item and as_text(item) not in found:
                found.append(as_text(item))
    return found


def _exports(domain: str, identifier: str) -> list[SourceFile]:
    base = f"https://{domain}"
    return [
        SourceFile(
            url=f"{base}/api/views/{identifier}/rows.csv?accessType=DOWNLOAD",
            title="CSV",
            format="CSV",
        ),
        SourceFile(
            url=f"{base}/resource/{identifier}.json", title="JSON (SODA)", format="JSON"
        ),
    ]
