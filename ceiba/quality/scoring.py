"""Turning a dataset's facts into its score, stars and freshness: pure functions."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ceiba.quality.indicators.base import DatasetFacts, Dimension, DistributionFacts
from ceiba.quality.indicators.formats import (
    LINKED_DATA,
    MACHINE_READABLE,
    NON_PROPRIETARY,
)
from ceiba.quality.indicators.interoperability import best_distribution
from ceiba.quality.indicators.registry import INDICATORS
from ceiba.quality.models import Rating

# Argentina's national monitor: a dataset is late once its declared period plus
# 20 % has passed since its last data update.
FRESHNESS_TOLERANCE = 1.2


@dataclass
class DatasetScore:
    points: dict[Dimension, int]
    failed: list[dict[str, Any]]
    stars: int
    due_at: dt.datetime | None
    open_format: bool
    is_valid: bool | None
    total: int = 0
    rating: str = Rating.BAD


def rating_for(points: int) -> Rating:
    """The MQA bands: excellent 351–405, good 221–350, sufficient 121–220, bad."""
    if points > 350:
        return Rating.EXCELLENT
    if points > 220:
        return Rating.GOOD
    if points > 120:
        return Rating.SUFFICIENT
    return Rating.BAD


def due_at(facts: DatasetFacts) -> dt.datetime | None:
    """When the dataset becomes out of date, if it declares a regular frequency."""
    if not facts.period_days or facts.last_data_update is None:
        return None
    return facts.last_data_update + dt.timedelta(
        days=facts.period_days * FRESHNESS_TOLERANCE
    )


def stars(facts: DatasetFacts) -> int:
    """The 5-star openness rating (5stardata.info), from the dataset's files.

    1: on the web with an open licence; 2: structured (machine-readable);
    3: in a non-proprietary format; 4: RDF, whose URIs identify things;
    5: RDF that declares the standard or vocabulary it links to (``conforms_to``).
    """
    reachable = [d for d in facts.distributions if d.reachable]
    if not facts.licence_open or not reachable:
        return 0
    formats = {d.format for d in reachable}
    if not formats & MACHINE_READABLE:
        return 1
    if not formats & MACHINE_READABLE & NON_PROPRIETARY:
        return 2
    if not formats & LINKED_DATA:
        return 3
    return 5 if facts.has_conformance else 4


def _open_format(distributions: list[DistributionFacts]) -> bool:
    return any(d.format in NON_PROPRIETARY for d in distributions)


_DIMENSIONS = tuple(Dimension)


def score(facts: DatasetFacts) -> DatasetScore:
    facts.best = best_distribution(facts)
    points = dict.fromkeys(_DIMENSIONS, 0.0)
    failed: list[dict[str, Any]] = []
    for indicator in INDICATORS:
        earned = indicator.points * indicator.share(facts)
        points[indicator.dimension] += earned
        lost = indicator.points - round(earned)
        if lost > 0:
            failed.append({"code": indicator.code, "lost": lost})
    rounded = {dimension: round(value) for dimension, value in points.items()}
    total = sum(rounded.values())
    return DatasetScore(
        points=rounded,
        failed=sorted(failed, key=lambda item: -item["lost"]),
        stars=stars(facts),
        due_at=due_at(facts),
        open_format=_open_format(facts.distributions),
        is_valid=None if not facts.table_count else facts.invalid_tables == 0,
        total=total,
        rating=rating_for(total),
    )
