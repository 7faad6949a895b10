"""The catalog in DCAT-AP 3 (RDF): the catalog, its datasets and their files.

Every node the output points to states its own type (and, for EU concepts, its
scheme and a label), so the official SHACL shapes pass with or without background
knowledge (see ../shared/standards/dcat-ap/README.md). Serialised to Turtle, RDF/XML
and JSON-LD. Big catalogs are served in pages described with Hydra.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.translation import gettext
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from ceiba.catalog import selectors
from ceiba.interop import reads, uris, vocab
from ceiba.interop.dcat_nodes import ADMS, DCAT, DCATAP, SPDX, VCARD, NodeWriter

HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")

PREFIXES = {
    "dcat": DCAT,
    "dct": DCTERMS,
    "foaf": FOAF,
    "skos": SKOS,
    "vcard": VCARD,
    "spdx": SPDX,
    "adms": ADMS,
    "dcatap": DCATAP,
    "hydra": HYDRA,
    "rdfs": RDFS,
    "xsd": XSD,
}


@dataclass(frozen=True)
class RdfFormat:
    extension: str
    rdflib_name: str
    media_type: str


FORMATS = {
    "ttl": RdfFormat("ttl", "turtle", "text/turtle"),
    "rdf": RdfFormat("rdf", "xml", "application/rdf+xml"),
    "jsonld": RdfFormat("jsonld", "json-ld", "application/ld+json"),
}


def new_graph() -> Graph:
    # The store without named-graph bookkeeping: about twice as fast to fill.
    graph = Graph(store="SimpleMemory")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def serialize(graph: Graph, rdf_format: RdfFormat) -> bytes:
    if rdf_format.rdflib_name == "json-ld":
        context = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
        text = graph.serialize(format="json-ld", context=context, auto_compact=True)
        return text.encode("utf-8")
    return graph.serialize(format=rdf_format.rdflib_name, encoding="utf-8")


def _translated(message: str) -> dict[str, str]:
    """A portal string in Spanish and English, for language-tagged literals."""
    texts = {}
    for language in ("es", "en"):
        with translation.override(language):
            texts[language] = gettext(message)
    return texts


def catalog_graph(page: reads.CatalogPage, *, extension: str = "ttl") -> Graph:
    """A page of the public catalog: the catalog, the page's datasets, and Hydra
    links to the other pages."""
    graph = new_graph()
    writer = _writer(graph, page.datasets)
    catalog = URIRef(uris.catalog_uri())
    _describe_catalog(writer, catalog)
    for dataset in page.datasets:
        graph.add((catalog, DCAT.dataset, writer.dataset(dataset)))
    _hydra(graph, catalog, page, extension)
    return graph


def dataset_graph(dataset: Any, *, versions: Iterable[Any] = ()) -> Graph:
    """One dataset, its files and its versions, and the catalog it belongs to."""
    graph = new_graph()
    writer = _writer(graph, [dataset])
    node = writer.dataset(dataset, versions=list(versions))
    catalog = URIRef(uris.catalog_uri())
    graph.add((catalog, RDF.type, DCAT.Catalog))
    graph.add((catalog, DCAT.dataset, node))
    _describe_catalog(writer, catalog)
    return graph


def _writer(graph: Graph, datasets: list[Any]) -> NodeWriter:
    themes = {theme.code: theme for theme in selectors.theme_list_all()}
    return NodeWriter(
        graph, themes=themes, tables=reads.tables_by_distribution(datasets)
    )


def _describe_catalog(writer: NodeWriter, catalog: URIRef) -> None:
    graph = writer.graph
    graph.add((catalog, RDF.type, DCAT.Catalog))
    for language, text in _translated("National Open Data Portal").items():
        graph.add((catalog, DCTERMS.title, Literal(text, lang=language)))
    description = _translated(
        "Open data published by Guatemala's public institutions, free to download "
        "and reuse, with no registration."
    )
    for language, text in description.items():
        graph.add((catalog, DCTERMS.description, Literal(text, lang=language)))
    graph.add((catalog, DCTERMS.publisher, _portal_agent(writer)))
    graph.add((catalog, FOAF.homepage, writer.document(uris.site_url() + "/")))
    for language in ("es", "en"):
        graph.add((catalog, DCTERMS.language, writer.language(language)))
    graph.add((catalog, DCTERMS.spatial, writer.country()))
    graph.add(
        (catalog, DCAT.themeTaxonomy, writer.scheme(vocab.EU_THEME, "Data theme"))
    )
    count, latest = reads.catalog_state()
    if latest is not None:
        graph.add((catalog, DCTERMS.modified, Literal(latest, datatype=XSD.dateTime)))


def _portal_agent(writer: NodeWriter) -> URIRef:
    agent = URIRef(uris.site_url() + "/#portal")
    graph = writer.graph
    graph.add((agent, RDF.type, FOAF.Agent))
    graph.add((agent, RDF.type, FOAF.Organization))
    for language, text in _translated("National Open Data Portal").items():
        graph.add((agent, FOAF.name, Literal(text, lang=language)))
    graph.add((agent, DCTERMS.type, writer.concept(vocab.publisher_type("other"))))
    return agent


def _hydra(graph: Graph, catalog: URIRef, page: reads.CatalogPage, ext: str) -> None:
    def link(number: int) -> URIRef:
        return URIRef(uris.catalog_document(ext, page=number, page_size=page.size))

    view = link(page.number)
    graph.add((catalog, HYDRA.view, view))
    graph.add((catalog, HYDRA.totalItems, Literal(page.total)))
    graph.add((view, RDF.type, HYDRA.PartialCollectionView))
    graph.add((view, HYDRA.first, link(1)))
    graph.add((view, HYDRA.last, link(page.last)))
    graph.add((view, HYDRA.itemsPerPage, Literal(page.size)))
    if page.number > 1:
        graph.add((view, HYDRA.previous, link(min(page.number - 1, page.last))))
    if page.number < page.last:
        graph.add((view, HYDRA.next, link(page.number + 1)))


def dataset_rdf(
    dataset: Any, *, versions: Iterable[Any], rdf_format: RdfFormat
) -> bytes:
    """One dataset's DCAT-AP document in ``rdf_format``."""
    return serialize(dataset_graph(dataset, versions=versions), rdf_format)
