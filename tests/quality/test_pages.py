"""The quality pages over HTTP: dashboards, CSV files, the dataset page's section
and the publisher's out-of-date list."""

import csv
import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from ceiba.catalog.models import Dataset, Role
from ceiba.quality.models import QualitySnapshot
from ceiba.quality.services import dataset_quality_recompute, quality_snapshot_refresh
from tests.factories import PASSWORD, make_dataset, make_institution, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    editor = make_user("editora")
    mineduc = make_institution(members={editor: Role.EDITOR})
    mspas = make_institution("mspas", name="Ministerio de Salud", acronym="MSPAS")
    make_institution("silenciosa", name="Institución sin datos", acronym="ISD")
    good = make_dataset(
        "Escuelas",
        publisher=mineduc,
        description="Escuelas del país.",
        keywords=["escuelas"],
        themes=["educacion"],
        places=["0101"],
        frequency="MONTHLY",
        contact_email="datos@mineduc.gob.gt",
        files={"escuelas.csv": b"a,b\n1,2\n"},
    )
    late = make_dataset(
        "Docentes", publisher=mineduc, frequency="MONTHLY", files={"d.pdf": b"%PDF-1"}
    )
    Dataset.objects.filter(pk=late.pk).update(
        data_updated_at=timezone.now() - dt.timedelta(days=90)
    )
    clinics = make_dataset("Centros", publisher=mspas, files={"c.json": b"[1]"})
    dataset_quality_recompute()
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    quality_snapshot_refresh(date=yesterday)
    quality_snapshot_refresh()
    return {"editor": editor, "good": good, "late": late, "clinics": clinics}


def test_country_dashboard_explains_each_figure_and_draws_charts(
    client: Client, catalog
):
    response = client.get("/calidad/")
    assert response.status_code == 200
    html = response.content.decode()
    for key in ("datasets", "up_to_date", "average_score", "valid", "broken_links",
                "open_licence", "open_format"):  # fmt: skip
        assert f'id="cifra-{key}"' in html
    assert html.count("<svg") == 5 and "<polyline" in html
    assert "<script" not in html
    # The ranking: publishers by average score, the silent institution last.
    assert html.index("Ministerio de Salud") < html.index("Institución sin datos")
    assert "/calidad/ranking.csv" in html


def test_institution_dashboard_lists_out_of_date_datasets(client: Client, catalog):
    response = client.get("/calidad/mineduc/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Docentes" in html and catalog["late"].get_absolute_url() in html
    assert 'id="obligations-title"' in html  # LAIP obligations: all missing
    assert client.get("/calidad/no-existe/").status_code == 404


def test_ranking_csv(client: Client, catalog):
    response = client.get("/calidad/ranking.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["puesto", "fecha", "institucion"]
    assert [row[2] for row in rows[1:]][-1] == "silenciosa"
    assert rows[1][0] == "1" and rows[-1][0] == ""


def test_history_csv_has_every_day_and_the_country(client: Client, catalog):
    response = client.get("/calidad/historial.csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    body = rows[1:]
    assert len(body) == 2 * 4  # two days × (country + three institutions)
    country = [row for row in body if row[1] == "GT"]
    assert len(country) == 2 and country[-1][3] == "3"
    assert QualitySnapshot.objects.count() == 8


def test_dataset_page_shows_score_to_all_and_what_to_fix_to_editors(
    client: Client, catalog
):
    url = catalog["late"].get_absolute_url()
    public = client.get(url).content.decode()
    assert 'id="quality-title"' in public
    assert "of 5 stars" in public or "de 5 estrellas" in public
    assert "banner" in public  # out of date, shown publicly
    assert "publicar/docentes/obligaciones" not in public
    assert client.login(username="editora", password=PASSWORD)
    editor = client.get(url).content.decode()
    assert "/publicar/docentes/obligaciones/" in editor
    assert editor.count("<li><strong>") >= 5  # the list of what to fix


def test_publisher_home_lists_their_out_of_date_datasets(client: Client, catalog):
    assert client.login(username="editora", password=PASSWORD)
    html = client.get("/publicar/").content.decode()
    assert 'id="overdue-title"' in html
    assert (
        "/publicar/docentes/" in html
        and '/publicar/escuelas/"' not in html.split('id="overdue-title"')[1]
    )


def test_dashboards_before_any_figures(client: Client):
    response = client.get("/calidad/")
    assert response.status_code == 200
    assert "<svg" not in response.content.decode()


def test_dashboard_pages_run_few_queries(
    client: Client, catalog, django_assert_max_num_queries
):
    """Drawn from nothing (an empty cache): the version of the figures, the days'
    figures, the ranking or the institution's lists, its obligations."""
    cache.clear()
    with django_assert_max_num_queries(3):
        assert client.get("/calidad/").status_code == 200
    with django_assert_max_num_queries(7):
        assert client.get("/calidad/mineduc/").status_code == 200
    with django_assert_max_num_queries(4):  # drawn already: only what may change
        assert client.get("/calidad/mineduc/").status_code == 200
