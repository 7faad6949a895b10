"""The daily figures per institution and for the country, from stored scores."""

import datetime as dt
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from ceiba.catalog.models import Institution
from ceiba.harvest.models import HarvestSource
from ceiba.quality.models import DatasetQuality, QualitySnapshot

COUNTS = [
    "datasets", "periodic", "up_to_date", "score_sum", "stars_sum", "with_tables",
    "valid", "links", "broken_links", "open_licence", "open_format", "sources",
    "broken_sources",
]  # fmt: skip


def _aggregates(now: dt.datetime) -> dict[str, object]:
    return {
        "datasets": Count("pk"),
        "periodic": Count("pk", filter=Q(due_at__isnull=False)),
        "up_to_date": Count("pk", filter=Q(due_at__gte=now)),
        "score_sum": Sum("score"),
        "stars_sum": Sum("stars"),
        "with_tables": Count("pk", filter=Q(table_count__gt=0)),
        "valid": Count("pk", filter=Q(is_valid=True)),
        "links": Sum("link_count"),
        "broken_links": Sum("broken_links"),
        "open_licence": Count("pk", filter=Q(open_licence=True)),
        "open_format": Count("pk", filter=Q(open_format=True)),
    }


def _source_counts(institution_ids: list[int] | None) -> dict[int, dict[str, int]]:
    """Active harvested sources per institution, and how many of them are broken
    (a state checked at an address the source no longer has does not count)."""
    queryset = HarvestSource.objects.filter(active=True)
    if institution_ids is not None:
        queryset = queryset.filter(institution_id__in=institution_ids)
    return {
        row.pop("institution_id"): row
        for row in queryset.order_by()
        .values("institution_id")
        .annotate(
            sources=Count("pk"),
            broken_sources=Count(
                "pk",
                filter=Q(link_status__is_broken=True, link_status__url=F("url")),
            ),
        )
    }


def _institution_rows(
    date: dt.date, institution_ids: list[int] | None
) -> list[QualitySnapshot]:
    now = timezone.now()
    queryset = DatasetQuality.objects.filter(is_public=True)
    institutions = Institution.objects.filter(deleted_at__isnull=True)
    if institution_ids is not None:
        queryset = queryset.filter(publisher_id__in=institution_ids)
        institutions = institutions.filter(pk__in=institution_ids)
    grouped = {
        row.pop("publisher_id"): row
        for row in queryset.order_by()
        .values("publisher_id")
        .annotate(**_aggregates(now))
    }
    for pk, counts in _source_counts(institution_ids).items():
        grouped.setdefault(pk, {}).update(counts)
    return [
        QualitySnapshot(
            date=date,
            institution_id=pk,
            **{name: grouped.get(pk, {}).get(name) or 0 for name in COUNTS},
        )
        for pk in institutions.values_list("pk", flat=True)
    ]


def _country_row(date: dt.date) -> QualitySnapshot:
    sums = QualitySnapshot.objects.filter(
        date=date, institution__isnull=False
    ).aggregate(**{name: Sum(name) for name in COUNTS})
    return QualitySnapshot(
        date=date, institution=None, **{k: v or 0 for k, v in sums.items()}
    )


@transaction.atomic
def _write(date: dt.date, institution_ids: list[int] | None) -> int:
    rows = QualitySnapshot.objects.filter(date=date)
    if institution_ids is not None:
        rows = rows.filter(Q(institution_id__in=institution_ids) | Q(institution=None))
    rows.delete()
    created = QualitySnapshot.objects.bulk_create(
        _institution_rows(date, institution_ids), batch_size=500
    )
    QualitySnapshot.objects.filter(date=date, institution=None).delete()
    _country_row(date).save()
    return len(created) + 1


def quality_snapshot_refresh(
    *, date: dt.date | None = None, institution_ids: Iterable[int] | None = None
) -> int:
    """Store the day's figures (today by default) from the stored scores.

    With ``institution_ids``, only those institutions' rows and the country's are
    refreshed, unless the day has no rows yet. Returns how many rows were written.
    """
    date = date or timezone.localdate()
    ids = None if institution_ids is None else sorted(set(institution_ids))
    if ids is not None and not QualitySnapshot.objects.filter(date=date).exists():
        ids = None
    try:
        return _write(date, ids)
    except IntegrityError:
        # Another worker wrote the same day's rows at the same moment: theirs are
        # as fresh as ours would be; write once more to be sure of the country row.
        return _write(date, ids)
