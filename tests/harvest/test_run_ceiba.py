"""Another Ceiba portal as a source: a full first run, then incremental runs that
read in full only what changed there (or is new to us), and still notice what is
gone from it."""

import datetime as dt

import pytest

from ceiba.catalog.models import Dataset
from ceiba.harvest.models import RecordAction
from ceiba.harvest.services import harvest_run, harvest_source_create
from tests.factories import portal_admin
from tests.harvest.fixtures.ceiba import CeibaPortal
from tests.harvest.fixtures.ckan import package
from tests.harvest.server import Reply

pytestmark = pytest.mark.django_db


def _now():
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@pytest.fixture
def portal(site, institution):
    portal = CeibaPortal([package(n) for n in range(6)])
    url = portal.mount(site)
    portal.source = harvest_source_create(
        actor=portal_admin(), url=url, type="ceiba", institution=institution.slug
    )
    return portal


def _shown(site):
    return sorted(r.split("id=")[1] for r in site.requests if "package_show" in r)


def test_first_run_reads_everything_then_only_what_changed(site, portal):
    job = harvest_run(source=portal.source)
    assert (job.new, job.failed, job.complete) == (6, 0, True), job.error
    site.requests.clear()
    edited = package(1, modified=_now(), notes="Con las cifras de diciembre.")
    added = package(7)  # new here, with a date older than our last run
    portal.packages[edited["id"]] = edited
    portal.packages[added["id"]] = added
    portal.packages.pop(package(4)["id"])

    job = harvest_run(source=portal.source)

    assert job.complete, job.error
    assert (job.new, job.updated, job.withdrawn, job.unchanged) == (1, 1, 1, 4)
    assert _shown(site) == sorted([edited["id"], added["id"]])
    listings = [r for r in site.requests if "package_search" in r]
    assert listings and all("fl=id%2Cname%2Cmetadata_modified" in r for r in listings)
    assert not any("metadata_modified%3A" in r for r in site.requests)  # no fq
    dataset = Dataset.objects.get(slug="ejecucion-presupuestaria-1")
    assert dataset.description == "Con las cifras de diciembre."
    assert Dataset.objects.get(slug="ejecucion-presupuestaria-4").deleted_at


def test_a_record_back_at_the_source_is_restored(site, portal):
    harvest_run(source=portal.source)
    gone = portal.packages.pop(package(2)["id"])
    harvest_run(source=portal.source)
    portal.packages[gone["id"]] = gone  # back, with its old date
    site.requests.clear()

    job = harvest_run(source=portal.source)

    assert {r.identifier: r.action for r in job.records.all()} == {
        gone["id"]: RecordAction.RESTORED
    }
    assert job.unchanged == 5
    assert _shown(site) == [gone["id"]]
    assert Dataset.objects.get(slug="ejecucion-presupuestaria-2").is_published


def test_a_failed_listing_withdraws_nothing(site, portal):
    harvest_run(source=portal.source)
    portal.packages.pop(package(0)["id"])
    portal.on_request = lambda portal, query: Reply(500, b"{}")

    job = harvest_run(source=portal.source)

    assert job.failed == 1 and job.withdrawn == 0 and not job.complete
    assert Dataset.objects.filter(deleted_at__isnull=True).count() == 6
