"""The dashboards' figures, read from the stored daily snapshots (no aggregation
over datasets at request time)."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Max
from django.utils import timezone

from ceiba.catalog.models import Institution
from ceiba.quality.indicators.registry import MAX_POINTS
from ceiba.quality.models import QualitySnapshot

HISTORY_DAYS = 180


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class Figures:
    """One scope's figures on one day; shares are percentages (None when there is
    nothing to divide by)."""

    snapshot: QualitySnapshot

    def __getattr__(self, name: str) -> Any:
        return getattr(self.snapshot, name)

    @property
    def out_of_date(self) -> int:
        return self.snapshot.periodic - self.snapshot.up_to_date

    @property
    def average_score(self) -> float | None:
        s = self.snapshot
        return round(s.score_sum / s.datasets, 1) if s.datasets else None

    @property
    def average_stars(self) -> float | None:
        s = self.snapshot
        return round(s.stars_sum / s.datasets, 1) if s.datasets else None

    @property
    def share_up_to_date(self) -> float | None:
        return _share(self.snapshot.up_to_date, self.snapshot.periodic)

    @property
    def share_valid(self) -> float | None:
        return _share(self.snapshot.valid, self.snapshot.with_tables)

    @property
    def share_open_licence(self) -> float | None:
        return _share(self.snapshot.open_licence, self.snapshot.datasets)

    @property
    def share_open_format(self) -> float | None:
        return _share(self.snapshot.open_format, self.snapshot.datasets)

    @property
    def share_broken_links(self) -> float | None:
        return _share(self.snapshot.broken_links, self.snapshot.links)

    def as_dict(self) -> dict[str, Any]:
        s = self.snapshot
        return {
            "date": s.date,
            "institution": s.institution.slug if s.institution_id else None,
            "datasets": s.datasets,
            "max_score": MAX_POINTS,
            "average_score": self.average_score,
            "average_stars": self.average_stars,
            "periodic": s.periodic,
            "up_to_date": s.up_to_date,
            "out_of_date": self.out_of_date,
            "share_up_to_date": self.share_up_to_date,
            "with_tables": s.with_tables,
            "valid": s.valid,
            "share_valid": self.share_valid,
            "links": s.links,
            "broken_links": s.broken_links,
            "open_licence": s.open_licence,
            "share_open_licence": self.share_open_licence,
            "open_format": s.open_format,
            "share_open_format": self.share_open_format,
            "sources": s.sources,
            "broken_sources": s.broken_sources,
        }


def latest_figures(*, institution: Institution | None = None) -> Figures | None:
    row = (
        QualitySnapshot.objects.filter(institution=institution)
        .select_related("institution")
        .order_by("-date")
        .first()
    )
    return Figures(row) if row else None


def dashboard_figures(institution: Institution | None = None) -> dict[str, Any] | None:
    """The latest figures of an institution, or of the country (None), as a dict;
    None before the first snapshot."""
    figures = latest_figures(institution=institution)
    return figures.as_dict() if figures else None


def history(
    *, institution: Institution | None = None, days: int = HISTORY_DAYS
) -> list[Figures]:
    """The daily figures of the last ``days`` days with a snapshot, oldest first."""
    rows = list(
        QualitySnapshot.objects.filter(institution=institution).order_by("-date")[:days]
    )
    for row in rows:
        row.institution = institution  # known already: no join, no query
    return [Figures(row) for row in reversed(rows)]


def _rank_key(figures: Figures) -> tuple[float, float, float]:
    return (
        -(figures.average_score or 0),
        -(figures.share_up_to_date or 0),
        -figures.datasets,
    )


def ranking(*, date: dt.date | None = None) -> list[Figures]:
    """Institutions with published datasets, best first: by average score, then
    share up to date, then number of datasets. Institutions that publish nothing
    come last."""
    if date is None:
        date = QualitySnapshot.objects.aggregate(d=Max("date"))["d"]
    if date is None:
        return []
    rows = [
        Figures(row)
        for row in QualitySnapshot.objects.filter(
            date=date, institution__isnull=False
        ).select_related("institution")
    ]
    publishing = sorted((f for f in rows if f.datasets), key=_rank_key)
    silent = sorted(
        (f for f in rows if not f.datasets), key=lambda f: f.institution.name
    )
    return publishing + silent


def figures_version() -> str:
    """Changes whenever any stored figure changes (and every day): a cache key for
    pages drawn from the figures."""
    latest = (
        QualitySnapshot.objects.order_by("-updated_at")
        .values_list("updated_at", flat=True)
        .first()
    )
    today = timezone.localdate().isoformat()
    return f"{today}:{latest.timestamp() if latest else 0}"
