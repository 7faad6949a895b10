"""Reads of quality: each dataset's stored score and freshness, the dashboards'
figures, the ranking, the history, publishers' overdue lists and the availability
of harvested sources.

``quality_for_datasets`` and ``dashboard_figures`` return plain JSON-ready dicts
for the native API.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypedDict
from uuid import UUID

from django.db.models import F, Max, QuerySet
from django.utils import timezone

from ceiba.catalog.models import Dataset
from ceiba.catalog.permissions import Actor, can_edit_dataset, is_portal_admin
from ceiba.quality.figures import (  # noqa: F401 - re-exported for web and api
    Figures,
    dashboard_figures,
    history,
    latest_figures,
    ranking,
)
from ceiba.quality.indicators.base import DIMENSION_LABELS, Dimension
from ceiba.quality.indicators.registry import BY_CODE, DIMENSION_MAX, MAX_POINTS
from ceiba.quality.models import DatasetQuality, QualitySnapshot, SourceStatus


class FreshnessOut(TypedDict):
    last_data_update: dt.datetime | None
    period_days: int | None
    due_at: dt.datetime | None
    out_of_date: bool


class QualityOut(TypedDict):
    score: int
    max_score: int
    rating: str
    dimensions: dict[str, int]
    stars: int
    valid: bool | None
    broken_links: int
    computed_at: dt.datetime


def is_out_of_date(quality: DatasetQuality, now: dt.datetime | None = None) -> bool:
    return bool(quality.due_at and quality.due_at < (now or timezone.now()))


def _freshness(quality: DatasetQuality, now: dt.datetime) -> FreshnessOut:
    return {
        "last_data_update": quality.last_data_update,
        "period_days": quality.period_days,
        "due_at": quality.due_at,
        "out_of_date": quality.is_public and is_out_of_date(quality, now),
    }


def _quality(quality: DatasetQuality) -> QualityOut:
    return {
        "score": quality.score,
        "max_score": MAX_POINTS,
        "rating": quality.rating,
        "dimensions": {d.value: getattr(quality, d.value) for d in Dimension},
        "stars": quality.stars,
        "valid": quality.is_valid,
        "broken_links": quality.broken_links,
        "computed_at": quality.computed_at,
    }


def quality_for_datasets(
    ids: Iterable[UUID | str],
) -> dict[UUID, dict[str, Any]]:
    """``{dataset id: {"quality": {...}, "freshness": {...}}}`` for the datasets
    that have been scored (one query). Callers apply their own visibility rules."""
    now = timezone.now()
    rows = DatasetQuality.objects.filter(dataset_id__in=[UUID(str(i)) for i in ids])
    return {
        row.dataset_id: {"quality": _quality(row), "freshness": _freshness(row, now)}
        for row in rows
    }


@dataclass(frozen=True)
class Advice:
    code: str
    title: str
    advice: str
    lost: int
    dimension: str


@dataclass(frozen=True)
class DimensionBar:
    label: str
    points: int
    maximum: int

    @property
    def percent(self) -> int:
        return round(100 * self.points / self.maximum) if self.maximum else 0


@dataclass(frozen=True)
class DatasetQualityView:
    quality: DatasetQuality
    out_of_date: bool
    max_score: int
    dimensions: list[DimensionBar]
    advice: list[Advice] = field(default_factory=list)
    can_see_advice: bool = False


def dataset_quality_view(
    *, dataset: Dataset, actor: Actor
) -> DatasetQualityView | None:
    """What the dataset page shows; the list of what to fix only to its editors."""
    quality = DatasetQuality.objects.filter(dataset_id=dataset.pk).first()
    if quality is None:
        return None
    editor = can_edit_dataset(actor, dataset)
    advice = [
        Advice(
            code=item["code"],
            title=str(BY_CODE[item["code"]].title),
            advice=str(BY_CODE[item["code"]].advice),
            lost=int(item["lost"]),
            dimension=str(DIMENSION_LABELS[BY_CODE[item["code"]].dimension]),
        )
        for item in quality.failed
        if item.get("code") in BY_CODE
    ]
    return DatasetQualityView(
        quality=quality,
        out_of_date=is_out_of_date(quality) and dataset.is_published,
        max_score=MAX_POINTS,
        dimensions=[
            DimensionBar(
                str(DIMENSION_LABELS[d]), getattr(quality, d.value), DIMENSION_MAX[d]
            )
            for d in Dimension
        ],
        advice=advice if editor else [],
        can_see_advice=editor,
    )


def overdue_for_actor(*, actor: Actor, limit: int = 200) -> QuerySet[DatasetQuality]:
    """Published datasets of the actor's institutions that are out of date."""
    queryset = (
        DatasetQuality.objects.filter(is_public=True, due_at__lt=timezone.now())
        .select_related("dataset", "publisher")
        .order_by("due_at")
    )
    if not is_portal_admin(actor):
        queryset = queryset.filter(publisher__memberships__user_id=actor.pk)
    return queryset[:limit]


def latest_snapshot_date() -> dt.date | None:
    return QualitySnapshot.objects.filter(institution=None).aggregate(d=Max("date"))[
        "d"
    ]


def source_statuses(*, source_ids: Iterable[int]) -> dict[int, SourceStatus]:
    """The latest availability of harvested sources, by source id (one query;
    sources not checked at their current address are absent)."""
    return SourceStatus.objects.filter(source__url=F("url")).in_bulk(list(source_ids))
