"""The daily round: figures, out-of-date notices, the history as a dataset, and
the LAIP obligations."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from ceiba.catalog.models import Dataset, Role
from ceiba.common.errors import PermissionDeniedError, ValidationError
from ceiba.quality.models import Obligation, OverdueNotice, QualitySnapshot
from ceiba.quality.obligations import Coverage, obligation_coverage
from ceiba.quality.selectors import dashboard_figures, quality_for_datasets
from ceiba.quality.services import (
    dataset_quality_recompute,
    obligation_dataset_set,
    overdue_notices_send,
    quality_history_publish,
    quality_snapshot_refresh,
)
from ceiba.quality.services.history import HISTORY_SLUG
from tests.factories import (
    PASSWORD,
    make_dataset,
    make_file,
    make_institution,
    make_user,
    portal_admin,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def late_catalog():
    editor = make_user("editora")
    member = make_user("miembro")
    mineduc = make_institution(members={editor: Role.EDITOR, member: Role.MEMBER})
    late = make_dataset("Docentes", publisher=mineduc, frequency="MONTHLY")
    fresh = make_dataset("Escuelas", publisher=mineduc, frequency="MONTHLY")
    Dataset.objects.filter(pk=late.pk).update(
        data_updated_at=timezone.now() - dt.timedelta(days=60)
    )
    dataset_quality_recompute(dataset_ids=[late.pk])
    return {"editor": editor, "late": late, "fresh": fresh, "mineduc": mineduc}


def test_out_of_date_notices_go_once_per_overdue_period(late_catalog):
    assert overdue_notices_send() == 1  # editors and admins only, not members
    assert mail.outbox[0].to == ["editora@example.gt"]
    assert "Docentes" in mail.outbox[0].body and "Escuelas" not in mail.outbox[0].body
    assert overdue_notices_send() == 0
    assert call_command("quality_notify") is None and len(mail.outbox) == 1
    # New data ends the period; when it is late again, a new notice goes.
    late = late_catalog["late"]
    make_file(late, "docentes.csv", b"a\n1\n")
    Dataset.objects.filter(pk=late.pk).update(
        data_updated_at=timezone.now() - dt.timedelta(days=40)
    )
    dataset_quality_recompute(dataset_ids=[late.pk])
    assert overdue_notices_send() == 1
    assert OverdueNotice.objects.count() == 2


def test_a_failed_send_is_retried_next_time(late_catalog, settings):
    settings.EMAIL_BACKEND = "tests.quality.test_daily.FailingBackend"
    assert overdue_notices_send() == 0
    assert OverdueNotice.objects.count() == 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert overdue_notices_send() == 1


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("no SMTP server")


def test_todays_figures_follow_each_change(late_catalog):
    quality_snapshot_refresh()
    mspas = make_institution("mspas", name="Ministerio de Salud", acronym="MSPAS")
    make_dataset("Centros", publisher=mspas, files={"c.csv": b"a\n1\n"})
    country = dashboard_figures()
    assert country["datasets"] == 3
    assert dashboard_figures(mspas)["datasets"] == 1
    assert country["out_of_date"] == 1 and country["periodic"] == 2
    assert QualitySnapshot.objects.filter(date=timezone.localdate()).count() == 3


def test_quality_for_datasets_gives_the_api_its_fields(late_catalog):
    late, fresh = late_catalog["late"], late_catalog["fresh"]
    found = quality_for_datasets([late.pk, str(fresh.pk)])
    assert found[late.pk]["freshness"]["out_of_date"] is True
    assert found[fresh.pk]["freshness"]["out_of_date"] is False
    assert found[late.pk]["quality"]["max_score"] == 405
    assert set(found[late.pk]["quality"]["dimensions"]) == {
        "findability", "accessibility", "interoperability", "reusability",
        "contextuality",
    }  # fmt: skip


def test_history_is_published_as_a_dataset(late_catalog, settings, client: Client):
    settings.CEIBA_QUALITY_HISTORY_INSTITUTION = "mineduc"
    portal_admin()
    quality_snapshot_refresh()
    assert quality_history_publish() == HISTORY_SLUG
    dataset = Dataset.objects.get(slug=HISTORY_SLUG)
    assert dataset.is_published and dataset.frequency_id == "DAILY"
    file = dataset.distributions.get()
    assert file.current_revision.filename == "historial-calidad.csv"
    # Unchanged history: no new version.
    versions = dataset.versions.count()
    quality_history_publish()
    assert dataset.versions.count() == versions
    body = client.get(file.get_latest_url()).getvalue().decode()
    assert body.startswith("fecha,institucion,")


def test_history_is_not_published_without_an_institution(late_catalog):
    assert quality_history_publish() is None


def test_obligations_covered_stale_and_missing(late_catalog):
    editor, late, fresh = (late_catalog[k] for k in ("editor", "late", "fresh"))
    assert Obligation.objects.filter(article="10").count() == 16
    obligation_dataset_set(actor=editor, dataset=late, codes=["laip-10-8"])
    obligation_dataset_set(actor=editor, dataset=fresh, codes=["laip-10-7"])
    states = {
        s.obligation.code: s.state
        for s in obligation_coverage(institution=late_catalog["mineduc"])
    }
    assert states["laip-10-7"] == Coverage.COVERED
    assert states["laip-10-8"] == Coverage.STALE
    assert states["laip-10-1"] == Coverage.MISSING
    with pytest.raises(ValidationError):
        obligation_dataset_set(actor=editor, dataset=late, codes=["no-existe"])
    with pytest.raises(PermissionDeniedError):
        obligation_dataset_set(actor=make_user("otra"), dataset=late, codes=[])


def test_editors_tag_obligations_on_a_page(late_catalog, client: Client):
    url = "/publicar/escuelas/obligaciones/"
    assert client.get(url).status_code == 302  # sign in first
    assert client.login(username="editora", password=PASSWORD)
    page = client.get(url)
    assert page.status_code == 200 and 'value="laip-10-7"' in page.content.decode()
    response = client.post(url, {"obligation": ["laip-10-7", "laip-10-11"]})
    assert response.status_code == 302
    coverage = obligation_coverage(institution=late_catalog["mineduc"])
    covered = {s.obligation.code for s in coverage if s.state == Coverage.COVERED}
    assert covered == {"laip-10-7", "laip-10-11"}
    client.logout()
    client.force_login(make_user("otra-persona"))
    assert client.get(url).status_code == 403  # public dataset, not theirs
