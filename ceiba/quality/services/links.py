"""Running the link check and storing its results. Two kinds of address are
checked the same way, in one run (so the per-host limits cover both): datasets'
file links and harvested sources. Each result adds a history row (LinkCheck,
SourceCheck) and sets the address's latest state (LinkStatus, SourceStatus); then
the scores of the datasets concerned and the day's figures are refreshed."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import F, Model
from django.utils import timezone

from ceiba.catalog.models import Distribution, DistributionKind
from ceiba.harvest.models import HarvestSource
from ceiba.quality.links import LinkResult, LinkTarget, check_link, check_links
from ceiba.quality.models import (
    LinkCheck,
    LinkState,
    LinkStatus,
    SourceCheck,
    SourceStatus,
)
from ceiba.quality.services.scores import dataset_quality_recompute
from ceiba.quality.services.snapshots import quality_snapshot_refresh

# An address is broken at once on a definitive failure (404, unknown name, refused
# address, redirect loop, TLS), or when a passing failure happens twice in a row.
BROKEN_AFTER_TRANSIENT = 2
RECHECK_AFTER = dt.timedelta(hours=20)
STATE_FIELDS = [
    "url", "checked_at", "ok", "is_broken", "status_code", "reason",
    "content_type", "byte_size", "checksum", "consecutive_failures", "next_check_at",
]  # fmt: skip


@dataclass(frozen=True)
class _Store:
    """Where the results of one kind of address go."""

    state: type[LinkState]
    history: type[Model]
    owner: str  # the field naming what the address belongs to

    def key(self, target: LinkTarget) -> Any:
        return getattr(target, f"{self.owner}_id")


FILE_LINKS = _Store(LinkStatus, LinkCheck, "distribution")
SOURCES = _Store(SourceStatus, SourceCheck, "source")


def _store_of(target: LinkTarget) -> _Store:
    return SOURCES if target.source_id is not None else FILE_LINKS


def _resting_hosts(now: dt.datetime) -> set[str]:
    """Hosts that answered 429 and asked us to wait until later."""
    urls = [
        url
        for store in (FILE_LINKS, SOURCES)
        for url in store.state.objects.filter(next_check_at__gt=now).values_list(
            "url", flat=True
        )
    ]
    return {(urlsplit(url).hostname or "").lower() for url in urls}


def _file_targets(now: dt.datetime, force: bool) -> list[LinkTarget]:
    rows = Distribution.objects.filter(
        kind=DistributionKind.LINK,
        deleted_at__isnull=True,
        dataset__deleted_at__isnull=True,
    ).exclude(access_url="")
    if not force:
        rows = rows.exclude(
            link_status__checked_at__gt=now - RECHECK_AFTER,
            link_status__url=F("access_url"),
        )
    return [
        LinkTarget(url=url, distribution_id=pk, dataset_id=dataset_id)
        for pk, dataset_id, url in rows.order_by("link_status__checked_at").values_list(
            "pk", "dataset_id", "access_url"
        )
    ]


def _source_targets(now: dt.datetime, force: bool) -> list[LinkTarget]:
    rows = HarvestSource.objects.filter(active=True).exclude(url="")
    if not force:
        rows = rows.exclude(
            link_status__checked_at__gt=now - RECHECK_AFTER,
            link_status__url=F("url"),
        )
    return [
        LinkTarget(url=url, source_id=pk)
        for pk, url in rows.order_by("link_status__checked_at").values_list("pk", "url")
    ]


def link_targets_due(
    *, now: dt.datetime | None = None, force: bool = False
) -> list[LinkTarget]:
    """Active harvested sources, then links of datasets that are not deleted, not
    checked in the last 20 hours (all of them with ``force``), skipping hosts that
    asked us to wait."""
    now = now or timezone.now()
    resting = _resting_hosts(now)
    targets = _source_targets(now, force) + _file_targets(now, force)
    return [t for t in targets if t.host not in resting]


def _new_state(
    result: LinkResult, previous: LinkState | None, now: dt.datetime
) -> dict[str, Any]:
    same_url = previous is not None and previous.url == result.target.url
    failures = (previous.consecutive_failures if same_url else 0) if previous else 0
    if result.reason == "rate_limited":
        broken = bool(same_url and previous and previous.is_broken)
    else:
        failures = 0 if result.ok else failures + 1
        broken = not result.ok and (
            not result.transient or failures >= BROKEN_AFTER_TRANSIENT
        )
    return {
        "url": result.target.url,
        "checked_at": result.checked_at,
        "ok": result.ok,
        "is_broken": broken,
        "status_code": result.status_code,
        "reason": result.reason,
        "content_type": result.content_type,
        "byte_size": result.byte_size,
        "checksum": result.checksum
        or (previous.checksum if same_url and previous else ""),
        "consecutive_failures": failures,
        "next_check_at": (
            now + dt.timedelta(seconds=result.retry_after)
            if result.retry_after
            else None
        ),
    }


def _check_fields(result: LinkResult, previous: LinkState | None) -> dict[str, Any]:
    changed = bool(
        previous
        and previous.url == result.target.url
        and previous.checksum
        and result.checksum
        and previous.checksum != result.checksum
    )
    return {
        "url": result.target.url,
        "checked_at": result.checked_at,
        "ok": result.ok,
        "status_code": result.status_code,
        "reason": result.reason,
        "latency_ms": result.latency_ms,
        "content_type": result.content_type,
        "byte_size": result.byte_size,
        "checksum": result.checksum,
        "checksum_changed": changed,
    }


def _record(store: _Store, results: list[LinkResult], now: dt.datetime) -> None:
    owner = f"{store.owner}_id"
    previous = store.state.objects.in_bulk([store.key(r.target) for r in results])
    store.history.objects.bulk_create(
        [
            store.history(
                **{owner: store.key(r.target)},
                **_check_fields(r, previous.get(store.key(r.target))),
            )
            for r in results
        ],
        batch_size=500,
    )
    store.state.objects.bulk_create(
        [
            store.state(
                **{owner: store.key(r.target)},
                **_new_state(r, previous.get(store.key(r.target)), now),
            )
            for r in results
        ],
        update_conflicts=True,
        unique_fields=[store.owner],
        update_fields=STATE_FIELDS,
        batch_size=500,
    )


@transaction.atomic
def link_results_record(*, results: list[LinkResult]) -> int:
    """Store a batch of results: one history row each and the addresses' new
    state."""
    now = timezone.now()
    for store in (FILE_LINKS, SOURCES):
        mine = [r for r in results if _store_of(r.target) is store]
        if mine:
            _record(store, mine, now)
    return len(results)


def quality_links_check(
    *,
    force: bool = False,
    limit: int | None = None,
    check: Callable[[LinkTarget], LinkResult] = check_link,
) -> list[LinkResult]:
    """Check the addresses that are due, store the results, rescore the datasets
    concerned and refresh the day's figures."""
    targets = link_targets_due(force=force)[:limit]
    results = check_links(
        targets,
        per_host=settings.CEIBA_LINK_CHECK_PER_HOST,
        interval=settings.CEIBA_LINK_CHECK_HOST_INTERVAL,
        check=check,
        on_results=lambda batch: link_results_record(results=batch),
    )
    datasets = {r.target.dataset_id for r in results if r.target.dataset_id}
    if datasets:
        dataset_quality_recompute(dataset_ids=datasets)
    if results:
        quality_snapshot_refresh()
    return results
