"""Running the link check and storing its results: the history (LinkCheck), each
link's latest state (LinkStatus), then the scores of the datasets concerned."""

import datetime as dt
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ceiba.catalog.models import Distribution, DistributionKind
from ceiba.quality.links import LinkResult, LinkTarget, check_link, check_links
from ceiba.quality.models import LinkCheck, LinkStatus
from ceiba.quality.services.scores import dataset_quality_recompute
from ceiba.quality.services.snapshots import quality_snapshot_refresh

# A link is broken at once on a definitive failure (404, unknown name, refused
# address, redirect loop, TLS), or when a passing failure happens twice in a row.
BROKEN_AFTER_TRANSIENT = 2
RECHECK_AFTER = dt.timedelta(hours=20)


def _resting_hosts(now: dt.datetime) -> set[str]:
    """Hosts that answered 429 and asked us to wait until later."""
    urls = LinkStatus.objects.filter(next_check_at__gt=now).values_list(
        "url", flat=True
    )
    return {(urlsplit(url).hostname or "").lower() for url in urls}


def link_targets_due(
    *, now: dt.datetime | None = None, force: bool = False
) -> list[LinkTarget]:
    """Links of datasets that are not deleted, not checked in the last 20 hours
    (all of them with ``force``), skipping hosts that asked us to wait."""
    now = now or timezone.now()
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
    resting = _resting_hosts(now)
    targets = [
        LinkTarget(distribution_id=pk, dataset_id=dataset_id, url=url)
        for pk, dataset_id, url in rows.order_by("link_status__checked_at").values_list(
            "pk", "dataset_id", "access_url"
        )
    ]
    return [t for t in targets if t.host not in resting]


def _new_state(
    result: LinkResult, previous: LinkStatus | None, now: dt.datetime
) -> LinkStatus:
    same_url = previous is not None and previous.url == result.target.url
    failures = (previous.consecutive_failures if same_url else 0) if previous else 0
    if result.reason == "rate_limited":
        broken = bool(same_url and previous and previous.is_broken)
    else:
        failures = 0 if result.ok else failures + 1
        broken = not result.ok and (
            not result.transient or failures >= BROKEN_AFTER_TRANSIENT
        )
    return LinkStatus(
        distribution_id=result.target.distribution_id,
        url=result.target.url,
        checked_at=result.checked_at,
        ok=result.ok,
        is_broken=broken,
        status_code=result.status_code,
        reason=result.reason,
        content_type=result.content_type,
        byte_size=result.byte_size,
        checksum=result.checksum
        or (previous.checksum if same_url and previous else ""),
        consecutive_failures=failures,
        next_check_at=(
            now + dt.timedelta(seconds=result.retry_after)
            if result.retry_after
            else None
        ),
    )


def _check_row(result: LinkResult, previous: LinkStatus | None) -> LinkCheck:
    changed = bool(
        previous
        and previous.url == result.target.url
        and previous.checksum
        and result.checksum
        and previous.checksum != result.checksum
    )
    return LinkCheck(
        distribution_id=result.target.distribution_id,
        url=result.target.url,
        checked_at=result.checked_at,
        ok=result.ok,
        status_code=result.status_code,
        reason=result.reason,
        latency_ms=result.latency_ms,
        content_type=result.content_type,
        byte_size=result.byte_size,
        checksum=result.checksum,
        checksum_changed=changed,
    )


@transaction.atomic
def link_results_record(*, results: list[LinkResult]) -> int:
    """Store a batch of results: one history row each and the links' new state."""
    now = timezone.now()
    ids = [r.target.distribution_id for r in results]
    previous = LinkStatus.objects.in_bulk(ids)
    LinkCheck.objects.bulk_create(
        [_check_row(r, previous.get(r.target.distribution_id)) for r in results],
        batch_size=500,
    )
    states = [
        _new_state(r, previous.get(r.target.distribution_id), now) for r in results
    ]
    LinkStatus.objects.bulk_create(
        states,
        update_conflicts=True,
        unique_fields=["distribution"],
        update_fields=[
            "url",
            "checked_at",
            "ok",
            "is_broken",
            "status_code",
            "reason",
            "content_type",
            "byte_size",
            "checksum",
            "consecutive_failures",
            "next_check_at",
        ],  # fmt: skip
        batch_size=500,
    )
    return len(results)


def quality_links_check(
    *,
    force: bool = False,
    limit: int | None = None,
    check: Callable[[LinkTarget], LinkResult] = check_link,
) -> list[LinkResult]:
    """Check the links that are due, store the results, rescore their datasets."""
    targets = link_targets_due(force=force)[:limit]
    results = check_links(
        targets,
        per_host=settings.CEIBA_LINK_CHECK_PER_HOST,
        interval=settings.CEIBA_LINK_CHECK_HOST_INTERVAL,
        check=check,
        on_results=lambda batch: link_results_record(results=batch),
    )
    datasets = {r.target.dataset_id for r in results}
    if datasets:
        dataset_quality_recompute(dataset_ids=datasets)
        quality_snapshot_refresh()
    return results
