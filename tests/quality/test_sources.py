"""The availability check of harvested sources against real HTTP servers on
127.0.0.1: the same check and politeness as file links, its history, the portals
directory and the dashboards."""

import datetime as dt
import functools
import threading
import time
from collections import defaultdict

import pytest
from django.test import Client
from django.utils import timezone

from ceiba.common.outbound import Limits
from ceiba.harvest.models import HarvestSource
from ceiba.harvest.services import harvest_source_create, harvest_source_save
from ceiba.quality.links import LinkResult, LinkTarget, check_link
from ceiba.quality.models import LinkStatus, QualitySnapshot, SourceCheck, SourceStatus
from ceiba.quality.services import (
    link_results_record,
    quality_links_check,
    quality_snapshot_refresh,
)
from ceiba.quality.services.links import link_targets_due
from tests.factories import make_institution, portal_admin
from tests.quality.servers import http_server, silent_server
from tests.quality.test_links import _dataset_with

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


def _source(url: str, *, name: str = "Portal del MINFIN", **options) -> HarvestSource:
    make_institution("minfin", name="Ministerio de Finanzas", acronym="MINFIN")
    return harvest_source_create(
        actor=portal_admin(),
        url=url,
        type="ckan",
        institution="minfin",
        name=name,
        **options,
    )


def _status(source: HarvestSource) -> SourceStatus:
    return SourceStatus.objects.get(source=source)


def _availability(client: Client) -> list[str]:
    html = client.get("/portales/").content.decode()
    return [part.split('"', 1)[0] for part in html.split('data-availability="')[1:]]


def test_an_answering_source_is_recorded_and_shown_as_available(base, client):
    source = _source(f"{base}/portal/")
    assert _availability(client) == ["unchecked"]

    results = quality_links_check(check=FAST)

    assert [(r.target.source_id, r.ok) for r in results] == [(source.pk, True)]
    status = _status(source)
    assert (status.status_code, status.content_type) == (200, "text/html")
    assert len(status.checksum) == 64 and not status.is_broken
    check = SourceCheck.objects.get(source=source)
    assert check.ok and check.latency_ms is not None
    assert not LinkStatus.objects.exists()
    assert _availability(client) == ["ok"]


@pytest.mark.parametrize(
    ("path", "reason"),
    [("/missing", "not_found"), ("/loop", "redirect_loop"), ("/to-private", "blocked")],
)
def test_a_definitive_failure_breaks_a_source_at_once(base, client, path, reason):
    source = _source(f"{base}{path}")
    quality_links_check(check=FAST)
    status = _status(source)
    assert (status.reason, status.is_broken, status.ok) == (reason, True, False)
    assert _availability(client) == ["broken"]


def test_a_silent_source_times_out_and_breaks_only_when_it_repeats(allow_local):
    with silent_server() as base:
        source = _source(f"{base}/catalogo")
        started = time.monotonic()
        quality_links_check(check=FAST)
        assert time.monotonic() - started < 5
        first = _status(source)
        assert (first.reason, first.is_broken) == ("timeout", False)
        quality_links_check(check=FAST, force=True)
        assert _status(source).is_broken
        assert SourceCheck.objects.filter(source=source).count() == 2


def test_a_huge_answer_is_read_only_up_to_the_sample(base):
    source = _source(f"{base}/huge")
    started = time.monotonic()
    quality_links_check(check=FAST)
    assert time.monotonic() - started < 5
    status = _status(source)
    assert status.ok and status.byte_size == 10 * 1024**3


def test_a_source_host_that_answers_429_rests_with_its_file_links(base):
    source = _source(f"{base}/busy")
    _dataset_with(f"{base}/ok.csv")
    quality_links_check(check=FAST)
    busy = _status(source)
    assert busy.reason == "rate_limited" and not busy.is_broken
    assert busy.next_check_at > timezone.now() + dt.timedelta(seconds=100)
    # The whole host rests, whatever kind of address: nothing of it is due.
    assert link_targets_due(force=True) == []


def test_inactive_and_recently_checked_sources_are_not_due(base):
    source = _source(f"{base}/portal/")
    _source(f"{base}/missing", name="Portal retirado", active=False)
    assert [t.source_id for t in link_targets_due()] == [source.pk]
    quality_links_check(check=FAST)
    assert link_targets_due() == []
    assert [t.source_id for t in link_targets_due(force=True)] == [source.pk]


def test_a_new_address_forgets_the_state_of_the_old_one(base, client):
    source = _source(f"{base}/missing")
    quality_links_check(check=FAST)
    assert _availability(client) == ["broken"]
    source.url = f"{base}/portal/"
    harvest_source_save(actor=portal_admin(), source=source)
    assert _availability(client) == ["unchecked"]
    assert [t.url for t in link_targets_due()] == [source.url]
    quality_links_check(check=FAST)
    assert _availability(client) == ["ok"]


def test_a_changed_source_answer_is_noticed_in_the_history(base):
    source = _source(f"{base}/portal/")
    target = LinkTarget(url=source.url, source_id=source.pk)
    for checksum in ("a" * 64, "b" * 64):
        link_results_record(
            results=[LinkResult(target, timezone.now(), ok=True, checksum=checksum)]
        )
    history = SourceCheck.objects.order_by("checked_at")
    assert list(history.values_list("checksum_changed", flat=True)) == [False, True]


def test_sources_and_file_links_of_one_host_share_its_limits(base, settings):
    settings.CEIBA_LINK_CHECK_PER_HOST = 1
    for n in range(3):
        _source(f"{base}/portal/?n={n}", name=f"Portal {n}")
    _dataset_with(*(f"{base}/ok.csv?n={n}" for n in range(3)))
    in_flight, peak = defaultdict(int), defaultdict(int)
    lock = threading.Lock()

    def counting_check(target: LinkTarget) -> LinkResult:
        with lock:
            in_flight[target.host] += 1
            peak[target.host] = max(peak[target.host], in_flight[target.host])
        try:
            return FAST(target)
        finally:
            with lock:
                in_flight[target.host] -= 1

    results = quality_links_check(check=counting_check)
    assert len(results) == 6 and all(r.ok for r in results)
    assert peak == {"127.0.0.1": 1}


def test_broken_sources_are_counted_in_the_dashboards(base, client):
    _source(f"{base}/portal/")
    broken = _source(f"{base}/missing", name="Portal caído")
    quality_links_check(check=FAST)

    today = timezone.localdate()
    country = QualitySnapshot.objects.get(date=today, institution=None)
    own = QualitySnapshot.objects.get(date=today, institution=broken.institution)
    assert (country.sources, country.broken_sources) == (2, 1)
    assert (own.sources, own.broken_sources) == (2, 1)

    assert 'id="cifra-broken_sources"' in client.get("/calidad/").content.decode()
    page = client.get("/calidad/minfin/").content.decode()
    assert 'id="cifra-broken_sources"' in page
    listed = page.split('id="sources-title"')[1].split("</section>")[0]
    assert "Portal caído" in listed and "/portal/" not in listed


def test_the_figure_is_left_out_where_nothing_is_harvested(client):
    make_institution()
    quality_snapshot_refresh()
    assert 'id="cifra-broken_sources"' not in client.get("/calidad/").content.decode()
