"""Which LAIP article 10 obligations an institution covers with its datasets."""

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ceiba.catalog.models import Dataset, Institution
from ceiba.quality.models import DatasetQuality, Obligation, ObligationDataset


class Coverage(StrEnum):
    COVERED = "covered"
    STALE = "stale"
    MISSING = "missing"


COVERAGE_LABELS = {
    Coverage.COVERED: _("covered"),
    Coverage.STALE: _("stale"),
    Coverage.MISSING: _("missing"),
}


@dataclass
class ObligationStatus:
    obligation: Obligation
    state: Coverage = Coverage.MISSING
    datasets: list[Dataset] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(COVERAGE_LABELS[self.state])


def _is_fresh(
    quality: DatasetQuality | None, obligation: Obligation, now: dt.datetime
) -> bool:
    if quality is None:
        return False
    if quality.due_at is not None and quality.due_at < now:
        return False
    if obligation.max_age_days and quality.last_data_update:
        return now - quality.last_data_update <= dt.timedelta(
            days=obligation.max_age_days
        )
    return True


_FIELDS = [
    "obligation_id", "dataset__slug", "dataset__title", "dataset__status",
    "dataset__deleted_at", "dataset__quality__due_at",
    "dataset__quality__last_data_update",
]  # fmt: skip


def obligation_coverage(*, institution: Institution) -> list[ObligationStatus]:
    """Every obligation in force: covered (a published dataset tagged with it is up
    to date), stale (tagged datasets, all out of date) or missing (none)."""
    now = timezone.now()
    statuses = {
        o.code: ObligationStatus(o) for o in Obligation.objects.filter(is_active=True)
    }
    links = (
        ObligationDataset.objects.filter(obligation__in=list(statuses))
        # "+ 0" keeps the planner from walking all the institution's datasets
        # (tens of thousands) by the publisher index: the tags are far fewer.
        .alias(owner=F("dataset__publisher_id") + 0)
        .filter(owner=institution.pk)
        .select_related("dataset", "dataset__quality")
        .only(*_FIELDS)
    )
    for link in links:
        if not link.dataset.is_published:
            continue
        status = statuses[link.obligation_id]
        status.datasets.append(link.dataset)
        quality = getattr(link.dataset, "quality", None)
        if _is_fresh(quality, status.obligation, now):
            status.state = Coverage.COVERED
        elif status.state == Coverage.MISSING:
            status.state = Coverage.STALE
    return list(statuses.values())


def obligation_codes_of(*, dataset: Dataset) -> set[str]:
    return set(
        ObligationDataset.objects.filter(dataset=dataset).values_list(
            "obligation_id", flat=True
        )
    )


def obligation_list() -> list[Obligation]:
    return list(Obligation.objects.filter(is_active=True))
