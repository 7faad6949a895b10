"""Atom feeds: well-formed, with new and updated datasets (portal, institution,
theme) and the versions of a dataset."""

import pytest
from defusedxml import ElementTree
from django.test import Client

from tests.factories import make_dataset, make_institution
from tests.interop.conftest import SITE

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _feed(client: Client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    assert response["Access-Control-Allow-Origin"] == "*"
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None
    return root


def _titles(root) -> list[str]:
    return [e.find(f"{ATOM}title").text for e in root.findall(f"{ATOM}entry")]


def test_portal_institution_and_theme_feeds(client: Client, db):
    mineduc = make_institution()
    other = make_institution("mspas", name="Ministerio de Salud", acronym="MSPAS")
    make_dataset("Escuelas", publisher=mineduc, themes=["educacion"])
    make_dataset("Hospitales", publisher=other, themes=["salud"])
    make_dataset("Borrador", publisher=mineduc, publish=False)
    assert set(_titles(_feed(client, "/feeds/datos.atom"))) == {
        "Escuelas",
        "Hospitales",
    }
    assert _titles(_feed(client, "/feeds/instituciones/mineduc.atom")) == ["Escuelas"]
    assert _titles(_feed(client, "/feeds/temas/salud.atom")) == ["Hospitales"]
    # An EU theme's feed includes the local themes mapped to it.
    assert _titles(_feed(client, "/feeds/temas/HEAL.atom")) == ["Hospitales"]
    entry = _feed(client, "/feeds/datos.atom").find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}id").text.startswith(f"{SITE}/id/datos/")
    assert entry.find(f"{ATOM}link").get("href").startswith(f"{SITE}/datos/")
    assert entry.find(f"{ATOM}author/{ATOM}name").text


def test_dataset_versions_feed(client: Client, full_dataset):
    root = _feed(client, f"/feeds/datos/{full_dataset.slug}.atom")
    titles = _titles(root)
    assert len(titles) == 6
    assert titles[0].startswith("Versión 6") or titles[0].startswith("Version 6")


def test_unknown_feeds_are_404(client: Client, db):
    assert client.get("/feeds/instituciones/nadie.atom").status_code == 404
    assert client.get("/feeds/temas/nada.atom").status_code == 404
    draft = make_dataset("Borrador", publish=False)
    assert client.get(f"/feeds/datos/{draft.slug}.atom").status_code == 404
