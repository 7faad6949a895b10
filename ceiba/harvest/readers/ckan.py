"""CKAN portals through the Action API: ``package_search`` paged by ``start`` and
``rows``, newest changes first (``sort=metadata_modified desc``).

Pages can change while we read them (a dataset edited moves to the first page and
pushes the others down; a deleted one pulls them up). Records are deduplicated by
id, and when a pass saw the count change or the same id twice, the listing is read
again for the ids it missed (up to ``MAX_PASSES``). Incremental runs ask only for
records modified since the last complete run (``fq=metadata_modified:[… TO *]``),
then list every id (``fl=id,name``) so datasets gone from the source are noticed.
"""

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from ceiba.harvest.exceptions import HarvestError, SourceFormatError, SourceTooSlowError
from ceiba.harvest.readers.base import (
    Reader,
    ReadFailure,
    as_date,
    as_datetime,
    as_list,
    as_text,
    json_text,
)
from ceiba.harvest.records import SourceFile, SourceRecord

MAX_PASSES = 3
# Keys of a CKAN package the reader maps; every other key is kept as unmapped.
READ_KEYS = {
    "id", "name", "title", "notes", "tags", "groups", "license_id", "license_url",
    "license_title", "resources", "organization", "owner_org", "maintainer",
    "maintainer_email", "author", "author_email", "url", "metadata_created",
    "metadata_modified", "extras",
}  # fmt: skip
# Extras (key → our field) many CKAN portals use, including ours.
EXTRA_KEYS = {
    "frequency": "frequency",
    "accrual_periodicity": "frequency",
    "accrualPeriodicity": "frequency",
    "update_frequency": "frequency",
    "spatial_places": "places",
    "spatial_text": "places",
    "temporal_start": "temporal_start",
    "temporal_end": "temporal_end",
    "access_rights": "access_rights",
    "conforms_to": "conforms_to",
    "title_en": "title_en",
    "description_en": "description_en",
    "issued": "issued",
    "modified": "modified",
    "theme": "themes",
}


def api_base(url: str) -> str:
    url = url.strip().rstrip("/")
    index = url.find("/api/3")
    return url[:index] if index >= 0 else url


class _Pass:
    """The state of one pass over the listing."""

    def __init__(self) -> None:
        self.counts: set[int] = set()
        self.ids: set[str] = set()
        self.failed = False

    @property
    def stable(self) -> bool:
        """The count did not move and this pass saw that many distinct ids."""
        return len(self.counts) == 1 and len(self.ids) >= max(self.counts)


class CkanReader(Reader):
    type = "ckan"
    sort = "metadata_modified desc"

    @property
    def base(self) -> str:
        return api_base(self.options.url)

    def _fq(self, since: bool) -> str:
        clauses = []
        if self.options.organisations:
            names = " OR ".join(self.options.organisations)
            clauses.append(f"organization:({names})")
        if self.options.tags:
            tags = " OR ".join(f'"{t}"' for t in self.options.tags)
            clauses.append(f"tags:({tags})")
        if since and self.options.since:
            stamp = self.options.since.strftime("%Y-%m-%dT%H:%M:%SZ")
            clauses.append(f"metadata_modified:[{stamp} TO *]")
        return " AND ".join(clauses)

    def _url(self, start: int, *, since: bool, fields: str = "") -> str:
        params = {"start": start, "rows": self.options.page_size, "sort": self.sort}
        fq = self._fq(since)
        if fq:
            params["fq"] = fq
        if fields:
            params["fl"] = fields
        return f"{self.base}/api/3/action/package_search?{urlencode(params)}"

    def _page(self, url: str) -> tuple[int, list[Any]]:
        body = self.fetcher.json(url)
        result = body.get("result") if isinstance(body, dict) else None
        if not isinstance(body, dict) or not body.get("success") or not result:
            raise SourceFormatError(
                url=url, reason=_("it is not a CKAN package_search answer.")
            )
        count, rows = result.get("count"), result.get("results")
        if not isinstance(count, int) or not isinstance(rows, list):
            raise SourceFormatError(
                url=url, reason=_("it is not a CKAN package_search answer.")
            )
        return count, rows

    def _one_pass(
        self, seen: set[str], state: _Pass, *, since: bool, fields: str = ""
    ) -> Iterator[dict[str, Any] | ReadFailure]:
        start = 0
        while True:
            url = self._url(start, since=since, fields=fields)
            try:
                count, rows = self._page(url)
            except SourceTooSlowError:
                raise
            except HarvestError as error:
                state.failed = True
                yield ReadFailure(url, error.render())
                start += self.options.page_size
                if not state.counts or start >= max(state.counts):
                    return
                continue
            state.counts.add(count)
            for package in rows:
                key = _package_id(package)
                if key is None:
                    yield ReadFailure(url, _("A package without an id."))
                    continue
                state.ids.add(key)
                if key not in seen:
                    seen.add(key)
                    yield package
            start += self.options.page_size
            if not rows or start >= count:
                return

    def _listing(
        self, *, since: bool, fields: str = ""
    ) -> Iterator[dict[str, Any] | ReadFailure]:
        """Every package once, re-reading when the pages moved under us."""
        seen: set[str] = set()
        for _number in range(MAX_PASSES):
            state = _Pass()
            yield from self._one_pass(seen, state, since=since, fields=fields)
            if state.failed:
                self.complete = False
                break
            self.total = max(state.counts, default=0)
            if state.stable:
                self.complete = True
                break
        self.listed = seen

    def records(self) -> Iterator[SourceRecord | ReadFailure]:
        incremental = self.options.since is not None
        self.incremental = incremental
        for item in self._listing(since=incremental):
            yield item if isinstance(item, ReadFailure) else self._record(item)
        if incremental:
            seen = set(self.listed)
            self.complete = False
            for item in self._listing(since=False, fields="id,name"):
                if isinstance(item, ReadFailure):
                    yield item
            for key in sorted(self.listed - seen - self.options.known):
                yield self._show(key)

    def _show(self, key: str) -> SourceRecord | ReadFailure:
        url = f"{self.base}/api/3/action/package_show?{urlencode({'id': key})}"
        try:
            body = self.fetcher.json(url)
        except SourceTooSlowError:
            raise
        except HarvestError as error:
            self.complete = False
            return ReadFailure(key, error.render())
        if not isinstance(body, dict) or not isinstance(body.get("result"), dict):
            self.complete = False
            return ReadFailure(key, _("It is not a CKAN package_show answer."))
        return self._record(body["result"])

    def _record(self, package: dict[str, Any]) -> SourceRecord | ReadFailure:
        try:
            return self.record(package)
        except (TypeError, ValueError, AttributeError, KeyError) as error:
            return ReadFailure(
                _package_id(package) or "?",
                _("The record is not a valid CKAN package (%(error)s).")
                % {"error": error},
            )

    def record(self, package: dict[str, Any]) -> SourceRecord:
        extras, unmapped_extras = _extras(package.get("extras"))
        organisation = package.get("organization") or {}
        record = SourceRecord(
            identifier=_package_id(package) or "",
            title=as_text(package.get("title") or package.get("name")),
            original=json_text(package),
            name=as_text(package.get("name")),
            description=as_text(package.get("notes")),
            keywords=[_name(t) for t in package.get("tags") or [] if _name(t)],
            themes=[_name(g) for g in package.get("groups") or [] if _name(g)],
            licence=as_text(package.get("license_id") or package.get("license_url")),
            contact_name=as_text(package.get("maintainer") or package.get("author")),
            contact_email=as_text(
                package.get("maintainer_email") or package.get("author_email")
            ),
            page=self.page(package),
            organisation=as_text(organisation.get("name") or package.get("owner_org")),
            organisation_names=[
                as_text(organisation.get(k))
                for k in ("id", "title")
                if k in organisation
            ],
            issued=as_datetime(package.get("metadata_created")),
            modified=as_datetime(package.get("metadata_modified")),
            files=[
                _file(r) for r in package.get("resources") or [] if isinstance(r, dict)
            ],
        )
        _apply_extras(record, extras)
        record.unmapped = {k: v for k, v in package.items() if k not in READ_KEYS}
        if unmapped_extras:
            record.unmapped["extras"] = unmapped_extras
        return record

    def page(self, package: dict[str, Any]) -> str:
        return f"{self.base}/dataset/{package.get('name') or package.get('id')}"


def _package_id(package: Any) -> str | None:
    if not isinstance(package, dict):
        return None
    key = package.get("id") or package.get("name")
    return str(key) if key else None


def _name(item: Any) -> str:
    if isinstance(item, dict):
        return as_text(item.get("name") or item.get("display_name") or "")
    return as_text(item)


def _extras(raw: Any) -> tuple[dict[str, str], dict[str, Any]]:
    known: dict[str, str] = {}
    unmapped: dict[str, Any] = {}
    for extra in raw if isinstance(raw, list) else []:
        if not isinstance(extra, dict) or "key" not in extra:
            continue
        key, value = str(extra["key"]), extra.get("value")
        if key in EXTRA_KEYS:
            known[EXTRA_KEYS[key]] = as_text(value)
        else:
            unmapped[key] = value
    return known, unmapped


def _apply_extras(record: SourceRecord, extras: dict[str, str]) -> None:
    for name in ("frequency", "access_rights", "conforms_to", "title_en"):
        if extras.get(name):
            setattr(record, name, extras[name])
    if extras.get("description_en"):
        record.description_en = extras["description_en"]
    if extras.get("places"):
        record.places = as_list(extras["places"])
    if extras.get("themes"):
        record.themes = [*record.themes, *as_list(extras["themes"])]
    record.temporal_start = as_date(extras.get("temporal_start"))
    record.temporal_end = as_date(extras.get("temporal_end"))
    record.issued = as_datetime(extras.get("issued")) or record.issued
    record.modified = as_datetime(extras.get("modified")) or record.modified


def _file(resource: dict[str, Any]) -> SourceFile:
    return SourceFile(
        url=as_text(resource.get("url")).strip(),
        title=as_text(resource.get("name")),
        description=as_text(resource.get("description")),
        format=as_text(resource.get("format")),
        media_type=as_text(resource.get("mimetype")),
    )
