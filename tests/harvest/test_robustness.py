"""Sources that misbehave: pages moving under us, slow answers, server errors,
dropped connections, malformed JSON, endless bodies, redirects to private
addresses, and a worker killed in the middle of a run."""

import datetime as dt

import pytest

from ceiba.catalog.models import Dataset, Version
from ceiba.catalog.services import imports as catalog_imports
from ceiba.harvest.models import HarvestJob, JobState, RecordAction
from ceiba.harvest.services import harvest_run, harvest_source_create
from tests.factories import portal_admin
from tests.harvest.fixtures.ckan import CkanPortal, package
from tests.harvest.server import Reply

pytestmark = pytest.mark.django_db


def _source(site, institution, portal, *, type="ckan", path=""):
    url = portal.mount(site) if portal else site.url + path
    return harvest_source_create(
        actor=portal_admin(), url=url, type=type, institution=institution.slug
    )


def test_pages_changing_mid_harvest_are_read_again(site, institution, settings):
    settings.CEIBA_HARVEST_PAGE_SIZE = 10
    portal = CkanPortal([package(n) for n in range(35)])
    source = _source(site, institution, portal)

    def churn(portal, query):
        # While we read page 2, a dataset is edited (it jumps to the first page,
        # pushing the others down) and another is added at the source.
        if query.get("start") == "10" and portal.calls == 2:
            bumped = package(30, modified=dt.datetime(2030, 1, 1))
            portal.packages[bumped["id"]] = bumped
            added = package(99, modified=dt.datetime(2030, 1, 2))
            portal.packages[added["id"]] = added

    portal.on_request = churn
    job = harvest_run(source=source)

    assert job.state == JobState.DONE, job.error
    assert job.new == 36 and job.failed == 0
    assert job.complete
    assert Dataset.objects.count() == 36


def test_server_errors_and_resets_are_retried(site, institution):
    portal = CkanPortal([package(n) for n in range(3)])
    source = _source(site, institution, portal)
    failures = [Reply(503, b"busy"), Reply(reset=True)]

    def flaky(portal, query):
        return failures.pop(0) if failures else None

    portal.on_request = flaky
    job = harvest_run(source=source)

    assert job.state == JobState.DONE, job.error
    assert job.new == 3 and job.failed == 0


def test_a_page_that_keeps_failing_is_recorded_and_nothing_is_withdrawn(
    site, institution, settings
):
    settings.CEIBA_HARVEST_PAGE_SIZE = 2
    portal = CkanPortal([package(n) for n in range(5)])
    source = _source(site, institution, portal)
    harvest_run(source=source)
    portal.on_request = lambda portal, query: (
        Reply(500, b"error") if query.get("start") == "2" else None
    )

    job = harvest_run(source=source)

    assert job.state == JobState.DONE
    assert job.failed == 1 and job.withdrawn == 0 and not job.complete
    failure = job.records.get(action=RecordAction.FAILED)
    assert "start=2" in failure.identifier
    assert "error 500" in failure.error
    assert Dataset.objects.filter(deleted_at__isnull=True).count() == 5


def test_slow_answers_time_out_and_are_recorded(site, institution):
    portal = CkanPortal([package(1)])
    source = _source(site, institution, portal)
    portal.on_request = lambda portal, query: (
        Reply.json({}, 200) if False else Reply(200, b"{}", delay=1.5)
    )

    job = harvest_run(source=source)

    assert job.failed == 1 and job.new == 0
    assert "tardó demasiado" in job.records.get().error
    assert len(site.requests) == 3  # the first try and two retries


def test_malformed_json_is_a_recorded_failure(site, institution):
    portal = CkanPortal([package(1)])
    source = _source(site, institution, portal)
    portal.on_request = lambda portal, query: Reply(200, b'{"success": true, "resu')

    job = harvest_run(source=source)

    assert job.failed == 1
    assert "JSON está mal formado" in job.records.get().error


def test_datajson_malformed_fails_the_job_in_plain_words(site, institution):
    site.routes["/data.json"] = lambda q, r: Reply(200, b"{not json")
    source = _source(site, institution, None, type="datajson", path="/data.json")

    job = harvest_run(source=source)

    assert job.state == JobState.FAILED
    assert "JSON está mal formado" in job.error


def test_an_endless_response_is_cut_at_the_byte_limit(site, institution, settings):
    settings.CEIBA_HARVEST_MAX_BYTES = 256 * 1024
    site.routes["/data.json"] = lambda q, r: Reply(endless=True)
    source = _source(site, institution, None, type="datajson", path="/data.json")

    job = harvest_run(source=source)

    assert job.state == JobState.FAILED
    assert "más de 256" in job.error


def test_a_redirect_to_a_private_address_is_refused(site, institution):
    site.routes["/data.json"] = lambda q, r: Reply(
        302, headers={"Location": "http://169.254.169.254/latest/meta-data/"}
    )
    source = _source(site, institution, None, type="datajson", path="/data.json")

    job = harvest_run(source=source)

    assert job.state == JobState.FAILED
    assert "red privada o reservada" in job.error
    assert len(site.requests) == 1  # refused, not retried


def test_our_own_server_is_refused_unless_allowed(site, institution, settings):
    settings.CEIBA_OUTBOUND_ALLOW = []
    site.routes["/data.json"] = lambda q, r: Reply.json({"dataset": []})
    source = _source(site, institution, None, type="datajson", path="/data.json")

    job = harvest_run(source=source)

    assert job.state == JobState.FAILED
    assert site.requests == []


class WorkerKilled(BaseException):
    """Stands for the signal that ends a worker process."""


def test_a_worker_killed_mid_run_leaves_the_catalog_consistent(
    site, institution, monkeypatch, settings
):
    settings.CEIBA_HARVEST_PAGE_SIZE = 4
    portal = CkanPortal([package(n) for n in range(10)])
    source = _source(site, institution, portal)
    real_link = catalog_imports.link_distribution
    calls = {"n": 0}

    def dying_link(**kwargs):
        calls["n"] += 1
        if calls["n"] == 10:  # the 5th dataset (2nd page), after its first link
            raise WorkerKilled()
        return real_link(**kwargs)

    monkeypatch.setattr(catalog_imports, "link_distribution", dying_link)
    with pytest.raises(WorkerKilled):
        harvest_run(source=source)

    # The first page complete, the second rolled back whole: no half dataset.
    assert Dataset.objects.count() == 4
    assert all(d.distributions.count() == 2 for d in Dataset.objects.all())
    killed = HarvestJob.objects.get()
    assert killed.state == JobState.INTERRUPTED
    monkeypatch.setattr(catalog_imports, "link_distribution", real_link)
    versions = Version.objects.count()

    job = harvest_run(source=source)

    assert (job.new, job.unchanged, job.failed) == (6, 4, 0)
    assert Dataset.objects.count() == 10
    assert Version.objects.count() == versions + 6  # one per dataset, links included


def test_a_run_stopped_by_its_time_limit_keeps_what_it_read(
    site, institution, settings
):
    """New records wait to be created a page at a time: those read before the
    source became too slow are created all the same."""
    settings.CEIBA_HARVEST_PAGE_SIZE = 3
    settings.CEIBA_HARVEST_MAX_SECONDS = 1
    portal = CkanPortal([package(n) for n in range(5)])
    source = _source(site, institution, portal)
    portal.on_request = lambda portal, query: (
        Reply(200, b"{}", delay=1.2) if query.get("start") == "3" else None
    )

    job = harvest_run(source=source)

    assert job.state == JobState.FAILED
    assert job.new == 3 and Dataset.objects.count() == 3
    assert not job.complete and job.withdrawn == 0
