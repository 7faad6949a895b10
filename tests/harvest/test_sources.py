"""Each source type end to end over HTTP: DCAT (Turtle with Hydra paging, RDF/XML,
JSON-LD), data.json, Socrata and another Ceiba portal."""

import json

import pytest

from ceiba.catalog.models import Dataset
from ceiba.harvest.models import HarvestedDataset, JobState
from ceiba.harvest.services import harvest_run, harvest_source_create
from tests.factories import portal_admin
from tests.harvest.fixtures import datajson, dcat, socrata
from tests.harvest.server import Reply

pytestmark = pytest.mark.django_db


def _source(site, institution, type, path, **options):
    return harvest_source_create(
        actor=portal_admin(),
        url=site.url + path,
        type=type,
        institution=institution.slug,
        **options,
    )


def _serve(site, path, text, content_type):
    site.routes[path] = lambda q, r: Reply(
        200, text.replace("{base}", site.url).encode(), content_type
    )


def _turtle_pages(site):
    def pages(query, request):
        text = dcat.PAGE_2 if query.get("page") == "2" else dcat.PAGE_1
        return Reply(200, text.replace("{base}", site.url).encode(), "text/turtle")

    site.routes["/catalogo.ttl"] = pages


def test_dcat_turtle_with_hydra_paging(site, institution):
    _turtle_pages(site)
    source = _source(site, institution, "dcat", "/catalogo.ttl?page=1")

    job = harvest_run(source=source)

    assert job.state == JobState.DONE, job.error
    assert (job.new, job.failed, job.complete) == (3, 0, True)
    permits = Dataset.objects.get(title="Licencias de construcción")
    assert permits.translations["en"]["title"] == "Building permits"
    assert permits.licence_id == "CC-BY-4.0"
    assert permits.frequency_id == "MONTHLY"
    assert [t.code for t in permits.themes.all()] == ["REGI"]
    assert [p.code for p in permits.places.all()] == ["09"]
    assert str(permits.temporal_start) == "2019-01-01"
    assert permits.contact_email == "obras@muniquetzaltenango.gob.gt"
    assert permits.modified.isoformat() == "2024-01-15T16:30:00+00:00"
    assert permits.distributions.get().format == "CSV"
    link = HarvestedDataset.objects.get(dataset=permits)
    assert link.original_format == "turtle"
    assert "Licencias de construcción" in link.original
    assert link.unmapped["rdf"] == {
        "adms:versionNotes": ["Incluye licencias anuladas."]
    }
    routes = Dataset.objects.get(title="Rutas de recolección de basura")
    assert routes.licence_id == "CC0-1.0"
    assert routes.distributions.get().format == "KML"
    markets = Dataset.objects.get(title="Mercados municipales")
    assert markets.distributions.get().format == "JSON"
    assert [p.code for p in markets.places.all()] == ["09"]

    again = harvest_run(source=source)
    assert (again.new, again.unchanged) == (0, 3)


def test_dcat_rdf_xml(site, institution):
    _serve(site, "/catalogo.rdf", dcat.RDF_XML, "application/rdf+xml")
    source = _source(site, institution, "dcat", "/catalogo.rdf")

    job = harvest_run(source=source)

    assert job.new == 1, job.error
    budget = Dataset.objects.get()
    assert (budget.licence_id, budget.frequency_id) == ("CC-BY-4.0", "ANNUAL")
    assert budget.distributions.get().format == "XLSX"


def test_dcat_json_ld_never_loads_remote_contexts(site, institution):
    _serve(site, "/catalogo.jsonld", json.dumps(dcat.JSON_LD), "application/ld+json")
    source = _source(site, institution, "dcat", "/catalogo.jsonld")

    job = harvest_run(source=source)

    assert job.new == 1, job.error
    lights = Dataset.objects.get()
    assert lights.title == "Alumbrado público"
    assert [t.code for t in lights.themes.all()] == ["ENER"]
    assert len(site.requests) == 1


def test_an_xml_bomb_is_refused(site, institution):
    _serve(site, "/bomba.rdf", dcat.XML_BOMB, "application/rdf+xml")
    source = _source(site, institution, "dcat", "/bomba.rdf")

    job = harvest_run(source=source)

    assert job.state == JobState.FAILED
    assert "DTD o entidades" in job.error
    assert Dataset.objects.count() == 0


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("<{base}/x> a <http://www.w3.org/ns/dcat#Dataset ;", "text/turtle"),
        ("<rdf:RDF><unclosed>", "application/rdf+xml"),
        ('{"@graph": [', "application/ld+json"),
    ],
)
def test_malformed_rdf_fails_in_plain_words(site, institution, body, content_type):
    _serve(site, "/catalogo", body, content_type)
    source = _source(site, institution, "dcat", "/catalogo")

    job = harvest_run(source=source)

    assert job.state == JobState.FAILED
    assert "mal formado" in job.error


def test_datajson(site, institution):
    site.routes["/data.json"] = lambda q, r: Reply.json(datajson.CATALOG)
    source = _source(site, institution, "datajson", "/data.json")

    job = harvest_run(source=source)

    assert (job.new, job.failed) == (2, 0), job.error
    ipc = Dataset.objects.get(title="Índice de precios al consumidor")
    assert (ipc.licence_id, ipc.frequency_id) == ("CC-BY-4.0", "MONTHLY")
    assert [t.code for t in ipc.themes.all()] == ["economia"]
    assert [p.code for p in ipc.places.all()] == ["01"]
    assert (str(ipc.temporal_start), str(ipc.temporal_end)) == (
        "2010-01-01",
        "2024-05-31",
    )
    assert ipc.source_url == "https://www.ine.gob.gt/ipc/"
    assert ipc.issued.date().isoformat() == "2015-01-10"
    link = HarvestedDataset.objects.get(dataset=ipc)
    assert link.unmapped["rights"] == "Uso libre citando la fuente."
    assert link.unmapped["dataQuality"] is True
    enei = Dataset.objects.get(title="Encuesta nacional de empleo e ingresos")
    assert enei.access_rights == "RESTRICTED"
    assert enei.contact_email == ""  # not an address: kept as unmapped
    assert HarvestedDataset.objects.get(dataset=enei).unmapped["contact_email"] == [
        "no-es-un-correo"
    ]
    assert job.unmapped["format"] == {"API": 1}


def test_socrata_discovery_catalog(site, institution, settings):
    settings.CEIBA_HARVEST_PAGE_SIZE = 2
    assets = [socrata.asset(n) for n in range(5)]
    site.routes["/api/catalog/v1"] = lambda q, r: Reply.json(
        socrata.catalog(assets, int(q["offset"]), int(q["limit"]))
    )
    source = _source(site, institution, "socrata", "")

    job = harvest_run(source=source)

    assert (job.new, job.failed, job.complete) == (5, 0, True), job.error
    dengue = Dataset.objects.get(slug="casos-de-dengue-por-municipio-2017")
    assert dengue.licence_id == "CC-BY-4.0"
    assert dengue.frequency_id == "WEEKLY"
    assert [t.code for t in dengue.themes.all()] == ["salud"]
    assert dengue.keywords == ["dengue", "vigilancia"]
    urls = sorted(dengue.distributions.values_list("access_url", flat=True))
    assert urls == [
        "https://www.datos.gov.co/api/views/ab02-cd02/rows.csv?accessType=DOWNLOAD",
        "https://www.datos.gov.co/resource/ab02-cd02.json",
    ]
    assert job.unmapped["theme"] == {"Salud y Protección Social": 5}


def test_another_ceiba_portal_round_trip(site, institution):
    """Our own CKAN API's packages (serialised by ceiba.api.ckan), harvested back:
    theme, frequency and place codes, English title and source dates survive."""
    from ceiba.api.ckan.serializers import package_dict
    from ceiba.catalog.selectors import dataset_get
    from tests.factories import make_dataset, make_institution

    other = make_institution("ine", name="Instituto Nacional de Estadística")
    original = make_dataset(
        "Proyecciones de población",
        publisher=other,
        description="Por municipio, 2015-2035.",
        title_en="Population projections",
        themes=["poblacion"],
        frequency="ANNUAL",
        places=["0901", "09"],
        keywords=["población", "proyecciones"],
    )
    shown = dataset_get(slug=original.slug, actor=None)
    body = package_dict(shown, lambda path: "https://datos.ine.gob.gt" + path)
    site.routes["/api/3/action/package_search"] = lambda q, r: Reply.json(
        {"success": True, "result": {"count": 1, "results": [body]}}
    )
    source = _source(site, institution, "ceiba", "")

    job = harvest_run(source=source)

    assert job.new == 1, job.error
    copy = Dataset.objects.exclude(pk=original.pk).get()
    assert copy.slug == "proyecciones-de-poblacion-2"  # the name was taken here
    assert copy.translations["en"]["title"] == "Population projections"
    assert [t.code for t in copy.themes.all()] == ["poblacion"]
    assert copy.frequency_id == "ANNUAL"
    assert sorted(p.code for p in copy.places.all()) == ["09", "0901"]
    assert copy.issued == original.issued
    assert copy.source_url == f"https://datos.ine.gob.gt/datos/{original.slug}/"
    assert job.unmapped == {}
