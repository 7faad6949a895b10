"""Pages in real Chromium: no axe-core violations, usable at 360 px, without JS."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from ceiba.catalog.models import Role
from tests.factories import make_dataset, make_institution, make_user

# Transactional: the live server reads from another thread.
pytestmark = pytest.mark.django_db(transaction=True)

PAGES = {
    "home": "/",
    "search": "/datos/?q=escuelas",
    "dataset": "/datos/escuelas-de-guatemala/",
    "institution": "/instituciones/mineduc/",
    "theme": "/temas/educacion/",
    "portals": "/portales/",
    "privacy guide": "/guias/datos-personales/",
    "api docs": "/api/v1/docs",
    "history": "/datos/escuelas-de-guatemala/historial/",
}


@pytest.fixture
def site(live_server, vocabularies):
    mineduc = make_institution()
    make_dataset(
        "Escuelas de Guatemala",
        publisher=mineduc,
        themes=["educacion"],
        places=["0101"],
        keywords=["escuelas", "primaria"],
        frequency="ANNUAL",
        description="Listado de escuelas. **Datos de demostración.**",
        files={"escuelas.csv": b"codigo,nombre\n1,Escuela\n"},
    )
    make_dataset(
        "Matrícula por municipio",
        publisher=mineduc,
        themes=["educacion"],
        files={"matricula.csv": b"municipio,total\n0101,10\n"},
    )
    return live_server.url


@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_accessibility_violations(site, page, name):
    page.goto(site + PAGES[name])
    results = Axe().run(page)
    violations = results.response["violations"]
    assert violations == [], results.generate_report()


@pytest.mark.parametrize("name", list(PAGES))
def test_page_fits_a_360_px_phone(site, page, name):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site + PAGES[name])
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360


def test_search_and_download_work_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/")
    page.fill("#q", "educacion")
    page.click("button[type=submit] >> text=Buscar")
    assert page.locator("h3 a", has_text="Escuelas de Guatemala").count() == 1
    page.click("text=Escuelas de Guatemala")
    with page.expect_download() as download:
        page.click("a.button[download]")
    assert download.value.suggested_filename == "escuelas.csv"
    context.close()


def test_publisher_signs_in_with_the_keyboard(site, page):
    editor = make_user("editora")
    make_institution(members={editor: Role.EDITOR})
    page.goto(site + "/cuenta/entrar/")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.className") == "skip"
    page.fill("#id_username", "editora")
    page.fill("#id_password", "una-clave-muy-segura-2026")
    page.keyboard.press("Enter")
    page.wait_for_url("**/publicar/")
    assert page.locator("h1").inner_text() in {
        "Sus conjuntos de datos",
        "Your datasets",
    }
