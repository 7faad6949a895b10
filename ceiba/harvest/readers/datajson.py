"""DCAT-US 1.1 / Project Open Data catalogs (``data.json``): one JSON document with
every dataset, so a run reads it whole (bounded by ``CEIBA_HARVEST_MAX_BYTES``)."""

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from ceiba.harvest.exceptions import SourceFormatError
from ceiba.harvest.readers.base import (
    Reader,
    ReadFailure,
    as_datetime,
    as_list,
    as_text,
    json_text,
    temporal_range,
)
from ceiba.harvest.records import SourceFile, SourceRecord

READ_KEYS = {
    "identifier", "title", "description", "keyword", "theme", "license",
    "accrualPeriodicity", "spatial", "temporal", "contactPoint", "landingPage",
    "publisher", "accessLevel", "conformsTo", "issued", "modified", "distribution",
    "@type",
}  # fmt: skip


class DataJsonReader(Reader):
    type = "datajson"

    def _datasets(self) -> list[Any]:
        url = self.options.url
        body = self.fetcher.json(url)
        datasets = body.get("dataset") if isinstance(body, dict) else body
        if not isinstance(datasets, list):
            raise SourceFormatError(
                url=url, reason=_("it has no “dataset” list (DCAT-US 1.1).")
            )
        return datasets

    def records(self) -> Iterator[SourceRecord | ReadFailure]:
        datasets = self._datasets()
        self.total = len(datasets)
        failed = False
        for entry in datasets:
            identifier = _identifier(entry)
            if identifier is None:
                failed = True
                yield ReadFailure("?", _("A dataset without an identifier or title."))
                continue
            self.listed.add(identifier)
            try:
                record = self.record(entry, identifier)
            except (TypeError, ValueError, AttributeError) as error:
                failed = True
                yield ReadFailure(identifier, str(error))
                continue
            if self.wanted(record.organisation_names, record.keywords):
                yield record
        self.complete = not failed

    def record(self, entry: dict[str, Any], identifier: str) -> SourceRecord:
        contact = entry.get("contactPoint") or {}
        publisher = entry.get("publisher") or {}
        start, end = temporal_range(as_text(entry.get("temporal")))
        record = SourceRecord(
            identifier=identifier,
            title=as_text(entry.get("title")),
            original=json_text(entry),
            description=as_text(entry.get("description")),
            keywords=as_list(entry.get("keyword")),
            themes=as_list(entry.get("theme")),
            licence=as_text(entry.get("license")),
            frequency=as_text(entry.get("accrualPeriodicity")),
            places=as_list(entry.get("spatial")),
            temporal_start=start,
            temporal_end=end,
            contact_name=as_text(contact.get("fn")),
            contact_email=as_text(contact.get("hasEmail")).removeprefix("mailto:"),
            page=as_text(entry.get("landingPage")),
            organisation=as_text(publisher.get("name")),
            organisation_names=[as_text(publisher.get("name"))],
            access_rights=as_text(entry.get("accessLevel")),
            conforms_to=as_text(entry.get("conformsTo")),
            issued=as_datetime(entry.get("issued")),
            modified=as_datetime(entry.get("modified")),
            files=[
                _file(d) for d in entry.get("distribution") or [] if isinstance(d, dict)
            ],
        )
        record.unmapped = {k: v for k, v in entry.items() if k not in READ_KEYS}
        return record


def _identifier(entry: Any) -> str | None:
    if not isinstance(entry, dict):
        return None
    key = entry.get("identifier") or entry.get("title")
    return as_text(key) or None


def _file(entry: dict[str, Any]) -> SourceFile:
    return SourceFile(
        url=as_text(entry.get("downloadURL") or entry.get("accessURL")).strip(),
        title=as_text(entry.get("title")),
        description=as_text(entry.get("description")),
        format=as_text(entry.get("format")),
        media_type=as_text(entry.get("mediaType")),
    )
