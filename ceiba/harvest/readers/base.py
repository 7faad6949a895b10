"""The base of source readers and the helpers they share."""

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from ceiba.harvest.fetch import Fetcher
from ceiba.harvest.records import SourceRecord


@dataclass(frozen=True)
class ReaderOptions:
    """What a reader needs to know of its source."""

    url: str
    organisations: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    since: dt.datetime | None = None
    page_size: int = 500
    # Identifiers harvested before and live here: an incremental run fetches the
    # other listed records (new with old dates, or back at the source) one by one.
    known: frozenset[str] = frozenset()


@dataclass
class ReadFailure:
    """A record (or a page of records) the reader could not read."""

    identifier: str
    error: str


class Reader:
    """Yields ``SourceRecord`` (or ``ReadFailure``) objects for one run.

    ``complete`` is True once every record of the source was listed: only then may
    the run withdraw the datasets the source no longer lists. ``total`` is the
    number of records when the source says it, for progress.
    """

    type = ""

    def __init__(self, options: ReaderOptions, fetcher: Fetcher) -> None:
        self.options = options
        self.fetcher = fetcher
        self.complete = False
        self.total: int | None = None
        self.incremental = False
        self.listed: set[str] = set()

    def records(self) -> Iterator[SourceRecord | ReadFailure]:
        raise NotImplementedError

    def wanted(self, organisations: list[str], tags: list[str]) -> bool:
        """The source's filters, for sources that cannot filter themselves."""
        if self.options.organisations and not set(organisations) & set(
            self.options.organisations
        ):
            return False
        return not self.options.tags or bool(set(tags) & set(self.options.tags))


def as_datetime(value: Any) -> dt.datetime | None:
    """An aware datetime from ISO 8601 text (a date alone is midnight UTC)."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    try:
        parsed = parse_datetime(value.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is None:
        day = as_date(value)
        if day is None:
            return None
        parsed = dt.datetime(day.year, day.month, day.day)
    if timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed


def as_date(value: Any) -> dt.date | None:
    if not value or not isinstance(value, str):
        return None
    try:
        return parse_date(value.strip()[:10])
    except ValueError:
        return None


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return ", ".join(as_text(v) for v in value)
    return str(value)


def as_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [as_text(v) for v in value if as_text(v)]
    if isinstance(value, str) and "," in value:
        return [part.strip() for part in value.split(",") if part.strip()]
    return [as_text(value)]


def json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def temporal_range(value: str) -> tuple[dt.date | None, dt.date | None]:
    """ISO 8601 intervals like ``2020-01-01/2020-12-31`` (DCAT-US ``temporal``)."""
    if not value or "/" not in value:
        return None, None
    start, _sep, end = value.partition("/")
    return as_date(start), as_date(end)
