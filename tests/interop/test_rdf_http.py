"""The DCAT-AP addresses over HTTP: formats, round trip, Hydra paging, the
permanent identifier, caching and CORS."""

import pytest
from django.test import Client
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from ceiba.interop.dcat import HYDRA, SPDX
from ceiba.interop.dcat_nodes import DCAT
from tests.factories import make_dataset
from tests.interop.conftest import SITE

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("extension", "media_type", "rdflib_format"),
    [
        ("ttl", "text/turtle", "turtle"),
        ("rdf", "application/rdf+xml", "xml"),
        ("jsonld", "application/ld+json", "json-ld"),
    ],
)
def test_catalog_and_dataset_in_each_serialisation(
    client: Client, full_catalog, extension, media_type, rdflib_format
):
    full = full_catalog[0]
    for url in (f"/catalog.{extension}", f"/datos/{full.slug}.{extension}"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith(media_type)
        assert response["Access-Control-Allow-Origin"] == "*"
        graph = Graph().parse(data=response.content, format=rdflib_format)
        assert (URIRef(f"{SITE}/id/datos/{full.pk}"), RDF.type, DCAT.Dataset) in graph


def test_turtle_round_trip_keeps_the_values(client: Client, full_dataset):
    graph = Graph().parse(
        data=client.get(f"/datos/{full_dataset.slug}.ttl").content, format="turtle"
    )
    node = URIRef(f"{SITE}/id/datos/{full_dataset.pk}")
    titles = {(str(t), t.language) for t in graph.objects(node, DCTERMS.title)}
    assert titles == {("Presupuesto municipal", "es"), ("Municipal budget", "en")}
    keywords = {str(k) for k in graph.objects(node, DCAT.keyword)}
    assert keywords == {"presupuesto", "municipios", "finanzas"}
    themes = {str(t) for t in graph.objects(node, DCAT.theme)}
    eu = "http://publications.europa.eu/resource/authority/data-theme/"
    assert themes == {eu + "ECON", eu + "GOVE"}
    assert graph.value(node, DCTERMS.accrualPeriodicity) == URIRef(
        "http://publications.europa.eu/resource/authority/frequency/MONTHLY"
    )
    assert graph.value(node, DCTERMS.license) == URIRef(
        "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"
    )
    period = graph.value(node, DCTERMS.temporal)
    assert graph.value(period, DCAT.startDate) == Literal(
        "2020-01-01", datatype=XSD.date
    )
    assert graph.value(period, DCAT.endDate) == Literal("2024-12-31", datatype=XSD.date)
    spatial = set(graph.objects(node, DCTERMS.spatial))
    assert (
        URIRef("http://publications.europa.eu/resource/authority/country/GTM")
        in spatial
    )
    assert URIRef(f"{SITE}/lugares/guatemala-pais/") in spatial
    assert graph.value(node, DCAT.version) == Literal("6")
    assert len(list(graph.objects(node, DCAT.hasVersion))) == 6
    files = list(graph.objects(node, DCAT.distribution))
    assert len(files) == 3
    csv = next(f for f in files if str(graph.value(f, DCTERMS.title)) == "presupuesto")
    revision = full_dataset.distributions.get(title="presupuesto").current_revision
    assert graph.value(csv, DCAT.byteSize).toPython() == revision.byte_size
    checksum = graph.value(csv, SPDX.checksum)
    assert str(graph.value(checksum, SPDX.checksumValue)) == revision.sha256
    assert graph.value(csv, DCAT.mediaType) == URIRef(
        "http://www.iana.org/assignments/media-types/text/csv"
    )
    schema = graph.value(csv, DCTERMS.conformsTo)
    assert str(schema).endswith("/tableschema.json")


def test_hydra_pages_a_catalog_bigger_than_one_page(client: Client, db):
    for n in range(5):
        make_dataset(f"Serie {n}")
    seen = set()
    url = "/catalog.ttl?page_size=2"
    pages = 0
    while url:
        graph = Graph().parse(data=client.get(url).content, format="turtle")
        pages += 1
        seen |= set(graph.objects(URIRef(f"{SITE}/catalog"), DCAT.dataset))
        view = graph.value(URIRef(f"{SITE}/catalog"), HYDRA.view)
        assert (view, RDF.type, HYDRA.PartialCollectionView) in graph
        assert str(graph.value(view, HYDRA.first)).endswith("page=1&page_size=2")
        assert str(graph.value(view, HYDRA.last)).endswith("page=3&page_size=2")
        following = graph.value(view, HYDRA.next)
        url = str(following).removeprefix(SITE) if following else None
    assert pages == 3
    assert len(seen) == 5


def test_page_size_is_capped_and_bad_values_fall_back(client: Client, db):
    make_dataset("Uno")
    graph = Graph().parse(
        data=client.get("/catalog.ttl?page_size=100000&page=x").content,
        format="turtle",
    )
    view = graph.value(URIRef(f"{SITE}/catalog"), HYDRA.view)
    assert graph.value(view, HYDRA.itemsPerPage).toPython() == 1000


def test_drafts_are_not_in_the_catalog_nor_served(client: Client, db):
    draft = make_dataset("Borrador", publish=False)
    assert str(draft.pk) not in client.get("/catalog.ttl").content.decode()
    assert client.get(f"/datos/{draft.slug}.ttl").status_code == 404
    assert client.get(f"/id/datos/{draft.pk}").status_code == 404


def test_the_permanent_identifier_leads_to_the_page(client: Client, db):
    dataset = make_dataset("Escuelas")
    response = client.get(f"/id/datos/{dataset.pk}")
    assert response.status_code == 303
    assert response["Location"] == f"/datos/{dataset.slug}/"
    assert client.get("/catalog")["Location"] == "/catalog.ttl"


def test_unchanged_documents_answer_304(client: Client, db):
    dataset = make_dataset("Escuelas")
    first = client.get(f"/datos/{dataset.slug}.ttl")
    assert first["ETag"] and first["Last-Modified"]
    again = client.get(f"/datos/{dataset.slug}.ttl", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    catalog = client.get("/catalog.jsonld")
    again = client.get("/catalog.jsonld", HTTP_IF_NONE_MATCH=catalog["ETag"])
    assert again.status_code == 304


def test_cors_preflight_and_refused_methods(client: Client, db):
    preflight = client.options("/catalog.ttl")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]
    assert client.post("/catalog.ttl").status_code == 405
    assert client.get("/catalog.xyz").status_code == 404


def test_catalog_page_queries_do_not_grow_with_its_datasets(
    client: Client, db, django_assert_max_num_queries
):
    for n in range(3):
        make_dataset(f"Uno {n}", files={"a.csv": b"a,b\n1,2\n"}, places=["01"])
    with django_assert_max_num_queries(14) as few:
        client.get("/catalog.ttl")
    for n in range(6):
        make_dataset(f"Dos {n}", files={"a.csv": b"a,b\n1,2\n"}, themes=["salud"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/catalog.ttl")
