"""A CKAN source harvested over HTTP: first run, no-change re-run, edits at the
source, withdrawals and comebacks, dates and provenance."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ceiba.catalog.exceptions import DatasetStateError
from ceiba.catalog.guards import publish_guard_register, publish_guard_unregister
from ceiba.catalog.models import Dataset, DatasetStatus, Version
from ceiba.harvest.models import HarvestedDataset, JobState, RecordAction
from ceiba.harvest.services import harvest_run, harvest_source_create
from tests.factories import portal_admin
from tests.harvest.fixtures.ckan import CkanPortal, package

pytestmark = pytest.mark.django_db


def _source(site, institution, packages, **options):
    portal = CkanPortal(packages)
    url = portal.mount(site)
    source = harvest_source_create(
        actor=portal_admin(),
        url=url,
        type="ckan",
        institution=institution.slug,
        **options,
    )
    return portal, source


def _actions(job):
    return {r.identifier: r.action for r in job.records.all()}


def test_first_harvest_creates_published_datasets_with_links(site, institution):
    portal, source = _source(site, institution, [package(n) for n in range(7)])

    job = harvest_run(source=source)

    assert job.state == JobState.DONE, job.error
    assert (job.new, job.updated, job.unchanged, job.failed) == (7, 0, 0, 0)
    assert job.complete
    dataset = Dataset.objects.get(slug="ejecucion-presupuestaria-3")
    assert dataset.status == DatasetStatus.PUBLISHED
    assert dataset.publisher == institution
    assert dataset.title == "Ejecución presupuestaria 3"
    assert dataset.licence_id == "CC-BY-4.0"
    assert [t.code for t in dataset.themes.all()] == ["economia"]
    assert dataset.frequency_id is None  # "cada-luna-llena" does not map
    frequencies = dict(Dataset.objects.values_list("slug", "frequency_id"))
    assert frequencies["ejecucion-presupuestaria-0"] == "ANNUAL"
    assert frequencies["ejecucion-presupuestaria-2"] == "QUARTERLY"  # R/P3M
    assert sorted(p.code for p in dataset.places.all()) == ["01", "03"]
    assert dataset.contact_email == "uip@minfin.gob.gt"
    links = dataset.distributions.order_by("position")
    assert [(d.format, d.kind) for d in links] == [("CSV", "link"), ("XLSX", "link")]
    assert links[0].access_url.endswith("ejecucion-presupuestaria-3.csv")
    # The source's dates stay the dataset's; our harvest time is kept apart.
    assert dataset.issued == dt.datetime(2023, 6, 1, 12, tzinfo=dt.UTC)
    assert dataset.modified == dt.datetime(2024, 1, 1, 0, 3, tzinfo=dt.UTC)
    link = HarvestedDataset.objects.get(dataset=dataset)
    assert link.harvested_at > link.source_modified
    assert link.source_page == f"{site.url}/dataset/ejecucion-presupuestaria-3"
    assert dataset.source_url == link.source_page
    # Lossless: the record as received and the fields we could not map.
    assert '"programa_presupuestario"' in link.original
    assert link.unmapped["extras"] == {"programa_presupuestario": "P-0003"}
    assert link.unmapped["version"] == "1.0"
    # Values that did not map are reported per run.
    assert job.unmapped["licence"] == {"licencia-municipal-2019": 1}
    assert job.unmapped["frequency"] == {"cada-luna-llena": 1}
    assert job.unmapped["theme"] == {"turismo-rural": 1}
    unmapped = HarvestedDataset.objects.get(identifier=package(4)["id"]).unmapped
    assert unmapped["licence"] == ["licencia-municipal-2019"]
    assert Dataset.objects.get(slug="ejecucion-presupuestaria-4").licence_id == (
        "notspecified"
    )


def test_new_records_are_created_a_page_at_a_time(site, institution, settings):
    settings.CEIBA_HARVEST_PAGE_SIZE = 3
    portal, source = _source(site, institution, [package(n) for n in range(7)])

    with CaptureQueriesContext(connection) as queries:
        job = harvest_run(source=source)

    assert (job.new, job.failed) == (7, 0)
    datasets = [
        q for q in queries if q["sql"].startswith('INSERT INTO "catalog_dataset"')
    ]
    assert len(datasets) == 3  # pages of 3, 3 and 1
    assert Version.objects.count() == 7  # one per dataset, links included
    assert set(_actions(job).values()) == {RecordAction.NEW}


def test_a_page_of_new_datasets_queues_one_search_task(
    site, institution, settings, django_capture_on_commit_callbacks
):
    """Every dataset of a page is reindexed, by one task for the page."""
    from django_tasks import default_task_backend

    from ceiba.search.tasks import search_index_datasets_task

    settings.CEIBA_HARVEST_PAGE_SIZE = 3
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    portal, source = _source(site, institution, [package(n) for n in range(7)])

    with django_capture_on_commit_callbacks(execute=True):
        job = harvest_run(source=source)

    indexed = [
        r.args[0]
        for r in default_task_backend.results
        if r.task.func is search_index_datasets_task.func
    ]
    assert [len(ids) for ids in indexed] == [3, 3, 1]
    assert sorted(i for ids in indexed for i in ids) == sorted(
        str(r.dataset_id) for r in job.records.all()
    )


def test_a_refused_record_fails_alone_and_its_page_is_created(
    site, institution, settings
):
    """The page is created one record at a time when one of them is refused
    (here by a publish guard, as the privacy app may refuse one)."""
    settings.CEIBA_HARVEST_PAGE_SIZE = 4
    refused = package(2)

    def guard(*, dataset):
        if dataset.title == refused["title"]:
            raise DatasetStateError("Retenido hasta revisarlo.")

    portal, source = _source(site, institution, [package(n) for n in range(5)])
    publish_guard_register("test-refuse", guard)
    try:
        job = harvest_run(source=source)
    finally:
        publish_guard_unregister("test-refuse")

    assert (job.new, job.failed) == (4, 1)
    record = job.records.get(identifier=refused["id"])
    assert (record.action, record.error) == (
        RecordAction.FAILED,
        "Retenido hasta revisarlo.",
    )
    assert Dataset.objects.count() == Version.objects.count() == 4
    assert not job.complete

    job = harvest_run(source=source)

    assert (job.new, job.unchanged, job.failed) == (1, 4, 0)


def test_second_run_without_changes_changes_nothing(site, institution):
    portal, source = _source(site, institution, [package(n) for n in range(5)])
    harvest_run(source=source)
    versions = Version.objects.count()

    job = harvest_run(source=source)

    assert job.state == JobState.DONE
    assert (job.new, job.updated, job.unchanged) == (0, 0, 5)
    assert Version.objects.count() == versions


def test_edit_at_source_is_a_new_version_with_changed_fields(site, institution):
    portal, source = _source(site, institution, [package(n) for n in range(3)])
    harvest_run(source=source)
    # An edit at the source moves its metadata_modified to now.
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    edited = package(1, modified=now, title="Ejecución 2025")
    edited["resources"] = edited["resources"][:1]
    portal.packages[edited["id"]] = edited
    dataset = Dataset.objects.get(slug="ejecucion-presupuestaria-1")
    before = dataset.versions.count()

    job = harvest_run(source=source)

    assert (job.new, job.updated, job.unchanged) == (0, 1, 2)
    record = job.records.get(identifier=edited["id"])
    assert record.action == RecordAction.UPDATED
    assert record.changed_fields == ["files", "title"]
    dataset.refresh_from_db()
    assert dataset.title == "Ejecución 2025"
    assert dataset.distributions.filter(deleted_at__isnull=True).count() == 1
    assert dataset.versions.count() == before + 2  # metadata, then the file removed
    assert dataset.modified == now.replace(tzinfo=dt.UTC)


def test_withdrawn_at_source_is_withdrawn_here_and_comes_back(site, institution):
    portal, source = _source(site, institution, [package(n) for n in range(3)])
    harvest_run(source=source)
    gone = portal.packages.pop(package(2)["id"])

    job = harvest_run(source=source)

    assert (job.withdrawn, job.unchanged) == (1, 2)
    dataset = Dataset.objects.get(slug="ejecucion-presupuestaria-2")
    assert dataset.deleted_at is not None  # soft: still there, restorable
    assert HarvestedDataset.objects.get(dataset=dataset).withdrawn

    portal.packages[gone["id"]] = gone
    job = harvest_run(source=source)

    assert _actions(job)[gone["id"]] == RecordAction.RESTORED
    dataset.refresh_from_db()
    assert dataset.deleted_at is None and dataset.is_published


def test_incremental_run_reads_only_recent_changes(site, institution):
    portal, source = _source(site, institution, [package(n) for n in range(4)])
    harvest_run(source=source)
    edited = package(0, modified=dt.datetime(2099, 1, 1), notes="Nueva descripción")
    portal.packages[edited["id"]] = edited
    portal.packages.pop(package(3)["id"])
    site.requests.clear()

    job = harvest_run(source=source)

    assert (job.updated, job.unchanged, job.withdrawn) == (1, 2, 1)
    assert any("metadata_modified" in r for r in site.requests)
    assert any("fl=id" in r for r in site.requests)
