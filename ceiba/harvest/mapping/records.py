"""A source's record → what our catalog services take, plus what did not map."""

import dataclasses
import datetime as dt
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _

from ceiba.catalog.services import DatasetInput
from ceiba.harvest.exceptions import RecordInvalidError
from ceiba.harvest.mapping import vocabularies as v
from ceiba.harvest.records import SourceFile, SourceRecord

_ACCESS_RIGHTS = {
    "public": "PUBLIC",
    "restricted public": "RESTRICTED",
    "restricted": "RESTRICTED",
    "non-public": "NON_PUBLIC",
    "non_public": "NON_PUBLIC",
}


@dataclass
class MappingOptions:
    default_licence: str = "notspecified"
    organisation_map: dict[str, str] = field(default_factory=dict)


@dataclass
class UnmappedReport:
    """Values of the sources' vocabularies that did not map, counted per kind."""

    counts: dict[str, Counter] = field(default_factory=dict)

    def add(self, kind: str, value: str) -> None:
        self.counts.setdefault(kind, Counter())[str(value)[:200]] += 1

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {kind: dict(c.most_common(100)) for kind, c in self.counts.items()}


@dataclass
class MappedRecord:
    data: DatasetInput
    files: list[SourceFile]
    institution_slug: str
    issued: dt.datetime | None
    modified: dt.datetime | None
    content: dict[str, Any]
    content_hash: str
    record_hash: str
    unmapped: dict[str, Any]
    page: str


def _digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


class _Mapper:
    def __init__(self, record: SourceRecord, options: MappingOptions, report: Any):
        self.record = record
        self.options = options
        self.report = report
        self.unmapped: dict[str, Any] = {}

    def miss(self, kind: str, value: str) -> None:
        self.report.add(kind, value)
        self.unmapped.setdefault(kind, []).append(value)

    def many(self, kind: str, values: list[str], lookup: Any) -> list[str]:
        codes: list[str] = []
        for value in values:
            code = lookup(value)
            if code is None:
                self.miss(kind, value)
            elif code not in codes:
                codes.append(code)
        return codes

    def one(self, kind: str, value: str, lookup: Any) -> str:
        code = lookup(value) if value else None
        if value and code is None:
            self.miss(kind, value)
        return code or ""

    def licence(self) -> str:
        code = self.one("licence", self.record.licence, v.licence_code)
        return code or self.options.default_licence

    def text(self, kind: str, value: str, check: Any) -> str:
        value = (value or "").strip()
        if not value:
            return ""
        try:
            check(value)
        except DjangoValidationError:
            self.miss(kind, value)
            return ""
        return value

    def files(self) -> list[SourceFile]:
        files = []
        for file in self.record.files:
            url = self.text("file_url", file.url, _check_url)
            if not url:
                continue
            raw = file.format or file.media_type
            code = v.format_code(file.format) or v.format_code(file.media_type)
            if raw and not code:
                self.miss("format", raw)
            code = code or v.format_from_url(url) or raw.upper()[:20]
            files.append(
                dataclasses.replace(
                    file,
                    url=url,
                    title=" ".join(file.title.split())[:250],
                    format=code,
                )
            )
        return files

    def institution(self) -> str:
        names = [self.record.organisation, *self.record.organisation_names]
        for name in names:
            if name and name in self.options.organisation_map:
                return self.options.organisation_map[name]
        return ""


def _check_url(value: str) -> None:
    if len(value) > 2000:
        raise DjangoValidationError("too long")
    URLValidator(schemes=["http", "https"])(value)


def _check_short_url(value: str) -> None:
    if len(value) > 200:
        raise DjangoValidationError("too long")
    _check_url(value)


def _temporal(record: SourceRecord) -> tuple[dt.date | None, dt.date | None]:
    start, end = record.temporal_start, record.temporal_end
    if start and end and start > end:
        start, end = end, start
    return start, end


def _input(record: SourceRecord, m: _Mapper) -> DatasetInput:
    start, end = _temporal(record)
    access = _ACCESS_RIGHTS.get(record.access_rights.lower(), "")
    if record.access_rights.upper() in {"PUBLIC", "RESTRICTED", "NON_PUBLIC"}:
        access = record.access_rights.upper()
    return DatasetInput(
        title=" ".join(record.title.split())[:250],
        licence=m.licence(),
        slug="",
        description=record.description.strip(),
        title_en=record.title_en[:250],
        description_en=record.description_en,
        keywords=[k for k in record.keywords if isinstance(k, str)],
        themes=m.many("theme", record.themes, v.theme_code),
        access_rights=access or "PUBLIC",
        frequency=m.one("frequency", record.frequency, v.frequency_code),
        temporal_start=start,
        temporal_end=end,
        places=m.many("place", record.places, v.place_code),
        contact_name=record.contact_name.strip()[:200],
        contact_email=m.text("contact_email", record.contact_email, validate_email),
        conforms_to=m.text("conforms_to", record.conforms_to, _check_short_url),
        source_url=m.text("page", record.page, _check_short_url),
    )


def map_record(
    record: SourceRecord, options: MappingOptions, report: UnmappedReport
) -> MappedRecord:
    """Map ``record``; raises RecordInvalidError when it cannot become a dataset."""
    if not record.title.strip():
        raise RecordInvalidError(reason=_("it has no title."))
    mapper = _Mapper(record, options, report)
    data = _input(record, mapper)
    files = mapper.files()
    institution = mapper.institution()
    content = {
        **dataclasses.asdict(data),
        "files": [dataclasses.asdict(f) for f in files],
        "institution": institution,
    }
    content.pop("slug")
    unmapped = {**record.unmapped, **mapper.unmapped}
    dates = {"issued": record.issued, "modified": record.modified}
    return MappedRecord(
        data=data,
        files=files,
        institution_slug=institution,
        issued=record.issued,
        modified=record.modified,
        content=json.loads(json.dumps(content, default=str)),
        content_hash=_digest(content),
        record_hash=_digest([record.original, unmapped, dates, content]),
        unmapped=unmapped,
        page=record.page,
    )


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Names of the mapped fields that differ (files compared as a whole)."""
    names = sorted(set(before) | set(after))
    return [name for name in names if before.get(name) != after.get(name)]
