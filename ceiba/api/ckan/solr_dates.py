"""The dates of Solr range queries: ISO 8601 times, ``*`` for no limit and ``NOW``,
with Solr's date math (``NOW-7DAYS``, ``NOW/DAY``, ``2024-01-01T00:00:00Z+1MONTH``).
Times without a zone are UTC, as in Solr."""

import re
from datetime import UTC, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from ceiba.api.ckan.errors import SearchQueryError

RANGE = re.compile(r"\s*(\S+)\s+TO\s+(\S+)\s*")
POINT = re.compile(
    r"(?P<base>NOW|\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?)(?P<math>(?:[+-]\d{1,6}[A-Z]+|/[A-Z]+)*)"
)
STEP = re.compile(r"([+-]\d+|/)([A-Z]+)")
# Solr's units, singular and plural, and what datetime calls them.
UNITS = {
    "YEAR": "year",
    "MONTH": "month",
    "DAY": "day",
    "DATE": "day",
    "HOUR": "hour",
    "MINUTE": "minute",
    "SECOND": "second",
}
SMALLER = ["month", "day", "hour", "minute", "second", "microsecond"]


def _bad(text: str) -> SearchQueryError:
    return SearchQueryError(
        detail=_(
            "Cannot read the date range “[%(range)s]”. Write it as [start TO end], "
            "with times like 2024-01-01T00:00:00Z, NOW, NOW-7DAYS or *."
        )
        % {"range": text[:100]}
    )


def date_range(text: str) -> tuple[datetime | None, datetime | None]:
    """The two ends of ``[start TO end]`` (given without brackets); None is open."""
    match = RANGE.fullmatch(text)
    if match is None:
        raise _bad(text)
    try:
        return _point(match[1]), _point(match[2])
    except (ValueError, OverflowError, KeyError):
        raise _bad(text) from None


def _point(text: str) -> datetime | None:
    if text == "*":
        return None
    match = POINT.fullmatch(text.upper())
    if match is None:
        raise ValueError(text)
    if match["base"] == "NOW":
        moment = timezone.now()
    else:
        moment = datetime.fromisoformat(match["base"])
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
    for step, unit in STEP.findall(match["math"]):
        moment = _apply(moment, step, UNITS[unit.removesuffix("S")])
    return moment


def _apply(moment: datetime, step: str, unit: str) -> datetime:
    if step == "/":  # round down to the unit
        reset = SMALLER[SMALLER.index(unit) + 1 :] if unit in SMALLER else SMALLER
        first = {"month": 1, "day": 1}
        return moment.replace(**{name: first.get(name, 0) for name in reset})
    amount = int(step)
    if unit in {"year", "month"}:
        months = moment.month - 1 + amount * (12 if unit == "year" else 1)
        year, month = moment.year + months // 12, months % 12 + 1
        day = min(moment.day, _days_in(year, month))
        return moment.replace(year=year, month=month, day=day)
    return moment + timedelta(**{f"{unit}s": amount})


def _days_in(year: int, month: int) -> int:
    following = datetime(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day
