"""The dataset page and the home page: content negotiation, schema.org JSON-LD,
alternate links and the visible list of metadata formats."""

import json
import re

import pytest
from django.test import Client
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from ceiba.interop.dcat_nodes import DCAT
from tests.interop.conftest import SITE

pytestmark = pytest.mark.django_db
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def _jsonld(html: str) -> list[dict]:
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S
    )
    return [json.loads(block) for block in blocks]


@pytest.mark.parametrize(
    ("accept", "media_type", "rdflib_format"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("text/html;q=0.5, text/turtle", "text/turtle", "turtle"),
    ],
)
def test_the_page_address_answers_rdf_when_asked(
    client: Client, full_dataset, accept, media_type, rdflib_format
):
    response = client.get(f"/datos/{full_dataset.slug}/", HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(media_type)
    assert "Accept" in response["Vary"]
    graph = Graph().parse(data=response.content, format=rdflib_format)
    assert (
        URIRef(f"{SITE}/id/datos/{full_dataset.pk}"),
        RDF.type,
        DCAT.Dataset,
    ) in graph


@pytest.mark.parametrize("accept", [BROWSER, "", "*/*", "text/html, text/turtle"])
def test_browsers_get_the_page(client: Client, full_dataset, accept):
    response = client.get(f"/datos/{full_dataset.slug}/", HTTP_ACCEPT=accept)
    assert response["Content-Type"].startswith("text/html")
    assert "Accept" in response["Vary"]


def test_dataset_page_embeds_schema_org_dataset(client: Client, full_dataset):
    html = client.get(f"/datos/{full_dataset.slug}/").content.decode()
    (data,) = _jsonld(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Dataset"
    assert data["name"] == "Presupuesto municipal"
    assert 50 <= len(data["description"]) <= 5000
    assert data["url"] == f"{SITE}/datos/{full_dataset.slug}/"
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["creator"]["name"] == "Ministerio de Finanzas Públicas"
    assert data["temporalCoverage"] == "2020-01-01/2024-12-31"
    assert {p["identifier"] for p in data["spatialCoverage"]} == {"GT", "01", "0101"}
    downloads = data["distribution"]
    assert all(d["@type"] == "DataDownload" and d["contentUrl"] for d in downloads)
    assert {"text/csv", "application/pdf"} <= {
        d.get("encodingFormat") for d in downloads
    }
    assert data["includedInDataCatalog"]["@type"] == "DataCatalog"
    assert {v["name"] for v in data["variableMeasured"]} >= {"monto", "fecha"}
    # Parses as RDF too (schema.org's context is not fetched: use it inline).
    assert data["isAccessibleForFree"] is True


def test_short_descriptions_are_completed_for_search_engines(client: Client, db):
    from tests.factories import make_dataset

    dataset = make_dataset("Mercados", description="Mercados.")
    html = client.get(f"/datos/{dataset.slug}/").content.decode()
    (data,) = _jsonld(html)
    assert len(data["description"]) >= 50


def test_json_ld_cannot_break_out_of_its_script(client: Client, db):
    from tests.factories import make_dataset

    dataset = make_dataset(
        "Prueba </script><script>alert(1)</script>",
        description="Texto con </script> y <b> y & para ver que se escapa bien.",
    )
    html = client.get(f"/datos/{dataset.slug}/").content.decode()
    assert "<script>alert(1)</script>" not in html
    (data,) = _jsonld(html)
    assert data["name"] == "Prueba </script><script>alert(1)</script>"


def test_dataset_page_links_its_metadata_formats(client: Client, full_dataset):
    html = client.get(f"/datos/{full_dataset.slug}/").content.decode()
    slug = full_dataset.slug
    for path in (
        f"/datos/{slug}.ttl",
        f"/datos/{slug}.rdf",
        f"/datos/{slug}.jsonld",
        f"/datos/{slug}/datapackage.json",
        f"/feeds/datos/{slug}.atom",
    ):
        assert html.count(f'href="{path}"') == 2, path  # <link> and visible link
        assert client.get(path).status_code == 200, path
    assert 'id="formats-title"' in html


def test_home_page_embeds_the_data_catalog(client: Client, full_dataset):
    html = client.get("/").content.decode()
    (data,) = _jsonld(html)
    assert data["@type"] == "DataCatalog"
    assert data["url"] == f"{SITE}/"
    for path in ("/catalog.ttl", "/data.json", "/feeds/datos.atom"):
        assert f'href="{path}"' in html
