"""What people see and use: the dataset page's provenance, the directory of
portals, the edit lock on harvested datasets, the command line and the admin."""

import dataclasses
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from ceiba.catalog import services
from ceiba.catalog.models import Dataset
from ceiba.harvest.exceptions import HarvestedFieldLockedError
from ceiba.harvest.locks import current_values
from ceiba.harvest.models import HarvestJob, HarvestSource, JobState
from ceiba.harvest.services import harvest_run, harvest_source_create
from tests.factories import portal_admin
from tests.harvest.fixtures.ckan import CkanPortal, package

pytestmark = pytest.mark.django_db


@pytest.fixture
def harvested(site, institution):
    portal = CkanPortal([package(n) for n in range(3)])
    source = harvest_source_create(
        actor=portal_admin(),
        url=portal.mount(site),
        type="ckan",
        institution=institution.slug,
        name="Portal de datos del MINFIN",
    )
    harvest_run(source=source)
    source.portal = portal
    return source


def _input(dataset, **changes):
    values = current_values(dataset)
    values.pop("sdg_targets")
    data = services.DatasetInput(**{**values, "slug": dataset.slug})
    return dataclasses.replace(data, **changes)


def test_dataset_page_says_where_it_was_published(client, harvested, site):
    dataset = Dataset.objects.get(slug="ejecucion-presupuestaria-1")

    page = client.get(dataset.get_absolute_url()).content.decode()

    assert "Portal de datos del MINFIN" in page
    assert f'href="{site.url}/dataset/ejecucion-presupuestaria-1"' in page
    assert package(1)["id"] in page
    assert "programa_presupuestario" in page  # fields we do not map, shown


def test_directory_of_portals(client, harvested, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        page = client.get(reverse("web:portal-directory"))

    assert page.status_code == 200
    text = page.content.decode()
    assert "Portal de datos del MINFIN" in text
    assert harvested.url in text
    assert ">3<" in text  # datasets


def test_harvested_datasets_are_edited_at_their_source(harvested):
    admin = portal_admin()
    dataset = Dataset.objects.get(slug="ejecucion-presupuestaria-1")

    with pytest.raises(HarvestedFieldLockedError) as refused:
        services.dataset_update(
            actor=admin,
            dataset=dataset,
            data=_input(dataset, title="Otro título"),
            expected_lock_version=dataset.lock_version,
        )
    assert set(refused.value.field_errors) == {"title"}
    with pytest.raises(HarvestedFieldLockedError):
        services.distribution_add_link(
            actor=admin, dataset=dataset, url="https://example.org/otro.csv"
        )

    # Themes are allowed by default: a local editor may add one.
    dataset.refresh_from_db()
    services.dataset_update(
        actor=admin,
        dataset=dataset,
        data=_input(dataset, themes=["finanzas-publicas", "gobierno"]),
        expected_lock_version=dataset.lock_version,
    )
    # ...and the next harvest keeps it, even when the source changes the dataset.
    edited = package(1, modified=_now(), notes="Descripción nueva en la fuente.")
    harvested.portal.packages[edited["id"]] = edited

    job = harvest_run(source=harvested)

    assert job.updated == 1
    dataset.refresh_from_db()
    assert dataset.description == "Descripción nueva en la fuente."
    assert sorted(t.code for t in dataset.themes.all()) == [
        "finanzas-publicas",
        "gobierno",
    ]


def _now():
    import datetime as dt

    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def test_command_line_add_run_list(site, institution):
    portal = CkanPortal([package(n) for n in range(4)])
    url = portal.mount(site)
    out = io.StringIO()

    call_command(
        "harvest", "add", "--type", "ckan", "--url", url,
        "--institution", institution.slug, "--schedule", "daily", stdout=out,
    )  # fmt: skip
    source_id = int(out.getvalue().strip())
    source = HarvestSource.objects.get(pk=source_id)
    assert (source.schedule, source.institution) == ("daily", institution)

    out = io.StringIO()
    call_command("harvest", "run", str(source_id), stdout=out, stderr=io.StringIO())
    assert "4 nuevos" in out.getvalue()
    assert Dataset.objects.count() == 4

    out = io.StringIO()
    call_command("harvest", "list", stdout=out)
    line = out.getvalue().strip()
    assert line.startswith(f"{source_id}\tckan\t4\t")


def test_admin_run_now_queues_and_runs_the_job(admin_client, harvested):
    response = admin_client.post(
        reverse("admin:harvest_harvestsource_changelist"),
        {"action": "run_now", "_selected_action": [harvested.pk]},
    )

    assert response.status_code == 302
    job = HarvestJob.objects.order_by("-created_at").first()
    assert job.state in {JobState.QUEUED, JobState.DONE}
