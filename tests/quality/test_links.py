"""The link check against real HTTP servers on 127.0.0.1: results, history, broken
links on the dataset page, politeness."""

import datetime as dt
import functools
import threading
import time
from collections import defaultdict

import pytest
from django.test import Client
from django.utils import timezone

from ceiba.catalog import services as catalog
from ceiba.catalog.models import Dataset
from ceiba.common.outbound import Limits
from ceiba.quality.links import LinkResult, LinkTarget, check_link, check_links
from ceiba.quality.models import DatasetQuality, LinkCheck, LinkStatus
from ceiba.quality.services import link_results_record, quality_links_check
from ceiba.quality.services.links import link_targets_due
from tests.factories import committed, make_dataset, portal_admin
from tests.quality.servers import CSV, http_server, silent_server

pytestmark = pytest.mark.django_db
FAST = functools.partial(
    check_link,
    head=Limits(timeout=0.5, deadline=1, max_bytes=0),
    get=Limits(timeout=0.5, deadline=1, max_bytes=64 * 1024),
)


@pytest.fixture
def allow_local(settings):
    settings.CEIBA_OUTBOUND_ALLOW = ["127.0.0.1"]
    settings.CEIBA_LINK_CHECK_HOST_INTERVAL = 0


@pytest.fixture
def base(allow_local):
    with http_server() as url:
        yield url


@committed
def _link(dataset: Dataset, url: str) -> object:
    return catalog.distribution_add_link(
        actor=portal_admin(), dataset=Dataset.objects.get(pk=dataset.pk), url=url
    )


def _dataset_with(*urls: str, title: str = "Enlaces") -> Dataset:
    dataset = make_dataset(title)
    for url in urls:
        _link(dataset, url)
    return dataset


def _status(url: str) -> LinkStatus:
    return LinkStatus.objects.get(url=url)


def test_a_working_link_is_recorded_with_size_type_and_checksum(base):
    dataset = _dataset_with(f"{base}/ok.csv")
    results = quality_links_check(check=FAST)
    assert [r.ok for r in results] == [True]
    status = _status(f"{base}/ok.csv")
    assert (status.status_code, status.byte_size) == (206, len(CSV))
    assert status.content_type == "text/csv" and len(status.checksum) == 64
    assert not status.is_broken
    check = LinkCheck.objects.get()
    assert check.latency_ms is not None and not check.checksum_changed
    quality = DatasetQuality.objects.get(dataset=dataset)
    assert quality.broken_links == 0 and quality.accessibility == 100


def test_broken_links_are_flagged_on_the_dataset_page(base, client: Client):
    dataset = _dataset_with(f"{base}/ok.csv", f"{base}/missing.csv", f"{base}/loop")
    quality_links_check(check=FAST)
    assert _status(f"{base}/missing.csv").reason == "not_found"
    assert _status(f"{base}/loop").reason == "redirect_loop"
    assert _status(f"{base}/loop").is_broken
    quality = DatasetQuality.objects.get(dataset=dataset)
    assert quality.broken_links == 2 and quality.accessibility < 100
    assert "access_url_works" in {item["code"] for item in quality.failed}
    html = client.get(dataset.get_absolute_url()).content.decode()
    assert "missing" in html.split('id="quality-title"')[1]


def test_servers_without_head_are_checked_with_get(base):
    _dataset_with(f"{base}/no-head.csv")
    quality_links_check(check=FAST)
    assert _status(f"{base}/no-head.csv").ok


def test_passing_failures_break_a_link_only_when_they_repeat(base):
    _dataset_with(f"{base}/error")
    quality_links_check(check=FAST)
    first = _status(f"{base}/error")
    assert first.reason == "server_error" and not first.is_broken
    quality_links_check(check=FAST, force=True)
    assert _status(f"{base}/error").is_broken
    assert LinkCheck.objects.count() == 2


def test_a_host_that_never_answers_is_recorded_as_a_timeout(allow_local):
    with silent_server() as base:
        _dataset_with(f"{base}/datos.csv")
        started = time.monotonic()
        quality_links_check(check=FAST)
        assert time.monotonic() - started < 5
        assert _status(f"{base}/datos.csv").reason == "timeout"


def test_429_is_respected(base):
    _dataset_with(f"{base}/busy", f"{base}/ok.csv")
    results = quality_links_check(check=FAST)
    busy = _status(f"{base}/busy")
    assert busy.reason == "rate_limited" and not busy.is_broken
    assert busy.next_check_at > timezone.now() + dt.timedelta(seconds=100)
    assert len(results) <= 2
    # The host asked us to wait: nothing of it is due, even when forcing.
    assert link_targets_due(force=True) == []


def test_links_checked_recently_are_not_due(base):
    _dataset_with(f"{base}/ok.csv")
    quality_links_check(check=FAST)
    assert link_targets_due() == []
    assert len(link_targets_due(force=True)) == 1


def test_checksum_changes_are_noticed(base):
    dataset = _dataset_with(f"{base}/ok.csv")
    target = LinkTarget(
        url=f"{base}/ok.csv",
        distribution_id=dataset.distributions.get().pk,
        dataset_id=dataset.pk,
    )
    for checksum in ("a" * 64, "b" * 64):
        link_results_record(
            results=[
                LinkResult(
                    target, timezone.now(), ok=True, status_code=200, checksum=checksum
                )
            ]
        )
    history = LinkCheck.objects.order_by("checked_at")
    assert list(history.values_list("checksum_changed", flat=True)) == [False, True]


def test_a_changed_address_forgets_the_old_state(base):
    dataset = _dataset_with(f"{base}/missing.csv")
    quality_links_check(check=FAST)
    assert DatasetQuality.objects.get(dataset=dataset).broken_links == 1
    distribution = dataset.distributions.get()
    committed(catalog.distribution_update)(
        actor=portal_admin(), distribution=distribution, title="x", url=f"{base}/ok.csv"
    )
    assert DatasetQuality.objects.get(dataset=dataset).broken_links == 0


def test_per_host_concurrency_and_spacing():
    in_flight: dict[str, int] = defaultdict(int)
    peak: dict[str, int] = defaultdict(int)
    starts: dict[str, list[float]] = defaultdict(list)
    lock = threading.Lock()

    def slow_check(target: LinkTarget) -> LinkResult:
        with lock:
            in_flight[target.host] += 1
            peak[target.host] = max(peak[target.host], in_flight[target.host])
            starts[target.host].append(time.monotonic())
        time.sleep(0.05)
        with lock:
            in_flight[target.host] -= 1
        return LinkResult(target, timezone.now(), ok=True)

    targets = [
        LinkTarget(url=f"http://{host}.example/{i}", source_id=i)
        for i in range(12)
        for host in ("a", "b")
    ]
    results = check_links(
        targets, per_host=2, interval=0.02, workers=8, check=slow_check
    )
    assert len(results) == 24
    assert max(peak.values()) <= 2
    for times in starts.values():
        gaps = [b - a for a, b in zip(sorted(times), sorted(times)[1:], strict=False)]
        assert min(gaps) >= 0.015
