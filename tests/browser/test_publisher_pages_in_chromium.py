"""Publishers' pages in real Chromium: no axe-core violations, usable at 360 px."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from ceiba.catalog.models import Role
from ceiba.datastore.selectors import datastore_tables_for_distribution
from tests.factories import PASSWORD, make_dataset, make_institution, make_user

pytestmark = pytest.mark.django_db(transaction=True)

CSV = b"municipio,poblacion,clave\n0101,1000,1\n0108,250,2\n0115,-5,x\n"


@pytest.fixture
def publisher_site(live_server, vocabularies, page):
    editor = make_user("editora")
    mineduc = make_institution(members={editor: Role.EDITOR})
    dataset = make_dataset("Población", publisher=mineduc, files={"p.csv": CSV})
    table = datastore_tables_for_distribution(
        distribution_id=dataset.distributions.get().pk
    )[0]
    page.goto(live_server.url + "/cuenta/entrar/")
    page.fill("#id_username", "editora")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/publicar/")
    base = f"/publicar/{dataset.slug}/"
    return live_server.url, {
        "account": "/cuenta/",
        "manage": base,
        "dictionary": f"{base}tablas/{table.pk}/diccionario/",
        "validation": f"{base}tablas/{table.pk}/validacion/",
    }


@pytest.mark.parametrize("name", ["account", "manage", "dictionary", "validation"])
def test_publisher_page_is_accessible_and_fits_a_phone(publisher_site, page, name):
    url, pages = publisher_site
    page.goto(url + pages[name])
    results = Axe().run(page)
    assert results.response["violations"] == [], results.generate_report()
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(url + pages[name])
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_token_is_created_and_shown_once(publisher_site, page):
    url, pages = publisher_site
    page.goto(url + pages["account"])
    page.fill("#id_name", "script del presupuesto")
    page.click("button:has-text('Crear la clave')")
    token = page.locator("code.token").inner_text()
    assert token.startswith("ceiba_")
    page.goto(url + pages["account"])
    assert page.locator("code.token").count() == 0
    assert page.locator("td", has_text="script del presupuesto").count() == 1
