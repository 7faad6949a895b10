"""Recomputing and storing datasets' quality, in batches."""

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from ceiba.quality.facts import Scope, batches, load_facts
from ceiba.quality.indicators.base import DatasetFacts, Dimension
from ceiba.quality.models import DatasetQuality
from ceiba.quality.scoring import score
from ceiba.quality.upsert import upsert

BATCH_SIZE = 5000
_IDS_PER_QUERY = 2000
COLUMNS = [
    "dataset", "publisher", "is_public", "score", "findability", "accessibility",
    "interoperability", "reusability", "contextuality", "rating", "stars", "failed",
    "period_days", "last_data_update", "due_at", "table_count", "is_valid",
    "link_count", "broken_links", "broken_files", "open_licence", "open_format",
    "computed_at",
]  # fmt: skip


def _row(facts: DatasetFacts, now: dt.datetime) -> tuple[object, ...]:
    """One DatasetQuality row, as values in the order of COLUMNS."""
    result = score(facts)
    points = result.points
    return (
        facts.id, facts.publisher_id, facts.is_public, result.total,
        points[Dimension.FINDABILITY], points[Dimension.ACCESSIBILITY],
        points[Dimension.INTEROPERABILITY], points[Dimension.REUSABILITY],
        points[Dimension.CONTEXTUALITY], result.rating, result.stars, result.failed,
        facts.period_days, facts.last_data_update, result.due_at, facts.table_count,
        result.is_valid, facts.links, len(facts.broken_files),
        facts.broken_files[:20], facts.licence_open, result.open_format, now,
    )  # fmt: skip


def _scopes(dataset_ids: Iterable[UUID | str] | None) -> Iterator[Scope]:
    if dataset_ids is None:
        yield from batches(BATCH_SIZE)
        return
    ids = [UUID(str(i)) for i in dataset_ids]
    for start in range(0, len(ids), _IDS_PER_QUERY):
        yield Scope(ids=tuple(ids[start : start + _IDS_PER_QUERY]))


def dataset_quality_recompute(
    *,
    dataset_ids: Iterable[UUID | str] | None = None,
    progress: Callable[[int], object] | None = None,
) -> int:
    """Score the given datasets (every dataset when None) and store the results.

    Set-based: each batch of a few thousand datasets is loaded in four queries,
    scored in memory and written with one upsert. Returns how many were stored.
    """
    now = timezone.now()
    stored = 0
    for scope in _scopes(dataset_ids):
        rows = [_row(facts, now) for facts in load_facts(scope)]
        with transaction.atomic():
            upsert(DatasetQuality, COLUMNS, rows, key="dataset")
        stored += len(rows)
        if progress:
            progress(len(rows))
    return stored
