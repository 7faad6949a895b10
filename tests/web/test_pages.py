import pytest
from django.test import Client

from ceiba.catalog import services
from ceiba.catalog.models import Role
from tests.factories import (
    make_dataset,
    make_file,
    make_institution,
    make_user,
    portal_admin,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    mineduc = make_institution()
    mspas = make_institution(
        "mspas", name="Ministerio de Salud Pública y Asistencia Social", acronym="MSPAS"
    )
    schools = make_dataset(
        "Escuelas de Guatemala",
        publisher=mineduc,
        themes=["educacion"],
        places=["0101"],
        keywords=["escuelas"],
        frequency="ANNUAL",
        description="Listado de **establecimientos**. <script>alert(1)</script>",
        files={"escuelas.csv": b"codigo,nombre\n1,Escuela\n"},
    )
    clinics = make_dataset(
        "Centros de salud",
        publisher=mspas,
        themes=["salud"],
        places=["05"],
        files={"centros.json": b'[{"a": 1}]'},
    )
    draft = make_dataset("Borrador secreto", publisher=mineduc, publish=False)
    return {"schools": schools, "clinics": clinics, "draft": draft}


def _text(response) -> str:
    return response.content.decode()


def test_home_lists_themes_newest_and_institutions(client: Client, catalog):
    response = client.get("/")
    assert response.status_code == 200
    html = _text(response)
    assert '<html lang="es">' in html
    assert "Escuelas de Guatemala" in html and "Centros de salud" in html
    assert "Borrador secreto" not in html
    assert 'href="/temas/salud/"' in html
    assert 'href="/instituciones/mineduc/"' in html


def test_search_finds_without_accents_and_shows_facets(client: Client, catalog):
    response = client.get("/datos/", {"q": "educacion"})
    assert response.status_code == 200
    html = _text(response)
    assert "Escuelas de Guatemala" in html
    assert "Centros de salud" not in html
    response = client.get("/datos/", {"theme": "salud"})
    assert "Centros de salud" in _text(
        response
    ) and "Escuelas de Guatemala" not in _text(response)


def test_search_with_no_results_suggests_a_broader_search(client: Client, catalog):
    html = _text(client.get("/datos/", {"q": "escuelas volcanes", "theme": "salud"}))
    assert "Ningún conjunto de datos coincide" in html or "No dataset matches" in html
    assert "match=any" in html
    assert 'href="/datos/"' in html


def test_dataset_page_shows_metadata_files_history_and_citation(
    client: Client, catalog
):
    dataset = catalog["schools"]
    html = _text(client.get(f"/datos/{dataset.slug}/"))
    assert "<h1>Escuelas de Guatemala</h1>" in html
    assert "<strong>establecimientos</strong>" in html
    assert "<script>alert(1)</script>" not in html
    assert "escuelas.csv" not in html or "Descargar" in html
    assert dataset.distributions.get().get_latest_url() in html
    assert "CC-BY-4.0" in html or "Creative Commons" in html
    assert f"/datos/{dataset.slug}/historial/" in html
    assert "Ministerio de Educación (20" in html


def test_drafts_are_hidden_from_the_public_but_previewable(client: Client, catalog):
    slug = catalog["draft"].slug
    assert client.get(f"/datos/{slug}/").status_code == 404
    member = make_user("miembro")
    make_institution(members={member: Role.MEMBER})
    client.force_login(member)
    response = client.get(f"/datos/{slug}/")
    assert response.status_code == 200
    assert "Borrador" in _text(response)


def test_history_and_version_pages_show_the_diff(client: Client, catalog):
    dataset = catalog["schools"]
    services.dataset_update(
        actor=portal_admin(),
        dataset=dataset,
        data=services.DatasetInput(title="Escuelas públicas", licence="CC0-1.0"),
        expected_lock_version=dataset.lock_version,
    )
    history = _text(client.get(f"/datos/{dataset.slug}/historial/"))
    assert history.count("<tr>") >= 5
    latest = dataset.versions.order_by("-number").first()
    html = _text(client.get(f"/datos/{dataset.slug}/historial/{latest.number}/"))
    assert "<del>Escuelas de Guatemala</del>" in html
    assert "<ins>Escuelas públicas</ins>" in html


def test_institution_theme_and_place_pages_list_their_datasets(client: Client, catalog):
    assert "Escuelas de Guatemala" in _text(client.get("/instituciones/mineduc/"))
    assert "Centros de salud" in _text(client.get("/temas/salud/"))
    # A department's page finds data about its municipalities.
    html = _text(client.get("/lugares/guatemala/"))
    assert "Escuelas de Guatemala" in html and "Centros de salud" not in html
    assert client.get("/lugares/no-existe/").status_code == 404
    assert client.get("/instituciones/").status_code == 200
    assert client.get("/lugares/").status_code == 200
    assert client.get("/temas/").status_code == 200


def test_english_switch_translates_the_interface(client: Client, catalog):
    assert 'href="/idioma/en/?next=/"' in _text(client.get("/"))
    response = client.get("/idioma/en/", {"next": "/datos/"})
    assert response.status_code == 302 and response["Location"] == "/datos/"
    html = _text(client.get("/"))
    assert '<html lang="en">' in html
    assert "Newest datasets" in html
    assert 'href="/idioma/es/?next=/"' in html


def test_language_switch_never_redirects_elsewhere(client: Client):
    response = client.get("/idioma/en/", {"next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_browser_language_does_not_override_spanish(client: Client, catalog):
    html = _text(client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"))
    assert '<html lang="es">' in html


def test_anonymous_pages_are_cacheable_and_revalidate(client: Client, catalog):
    response = client.get("/datos/")
    assert response["Cache-Control"] == "public, max-age=60"
    assert "Cookie" in response["Vary"]
    assert "csrfmiddlewaretoken" not in _text(response)
    again = client.get("/datos/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_unknown_dataset_is_a_friendly_404(client: Client):
    response = client.get("/datos/no-existe/")
    assert response.status_code == 404
    assert "No hay ningún conjunto de datos" in _text(
        response
    ) or "There is no dataset" in _text(response)


def test_list_pages_keep_their_query_counts(
    client: Client, catalog, django_assert_max_num_queries
):
    for n in range(5):
        dataset = make_dataset(f"Serie {n}", themes=["educacion"])
        make_file(dataset, f"serie-{n}.csv")
    with django_assert_max_num_queries(25):
        client.get("/datos/")
    with django_assert_max_num_queries(25):
        client.get("/")
