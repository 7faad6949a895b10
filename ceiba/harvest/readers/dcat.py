"""DCAT catalogs in RDF (DCAT-AP 2/3; Turtle, RDF/XML or JSON-LD), paged with
Hydra (``hydra:next`` of a ``hydra:PartialCollectionView``, or the older
``hydra:nextPage``). Each dataset's own description (its triples, its blank nodes,
its distributions) is kept as Turtle: the record as received."""

from collections.abc import Iterator
from typing import Any

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS

from ceiba.harvest.exceptions import HarvestError, SourceTooSlowError
from ceiba.harvest.readers.base import Reader, ReadFailure, as_date, as_datetime
from ceiba.harvest.readers.rdf import ACCEPT, PREFIXES, parse_rdf, rdf_format
from ceiba.harvest.records import SourceFile, SourceRecord

HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SCHEMA = Namespace("http://schema.org/")
MAX_PAGES = 10_000
READ = {
    RDF.type, DCTERMS.identifier, DCTERMS.title, DCTERMS.description, DCAT.keyword,
    DCAT.theme, DCTERMS.license, DCTERMS.accrualPeriodicity, DCTERMS.spatial,
    DCTERMS.temporal, DCAT.contactPoint, DCAT.landingPage, DCTERMS.publisher,
    DCTERMS.accessRights, DCTERMS.conformsTo, DCTERMS.issued, DCTERMS.modified,
    DCAT.distribution,
}  # fmt: skip


def _texts(graph: Graph, node: Any, predicate: URIRef) -> list[str]:
    return [str(o) for o in graph.objects(node, predicate)]


def _text(graph: Graph, node: Any, predicate: URIRef, language: str = "es") -> str:
    """A literal, preferring ``language``, then no language, then any."""
    values = [o for o in graph.objects(node, predicate) if isinstance(o, Literal)]
    for wanted in (language, None):
        for value in values:
            if value.language == wanted:
                return str(value)
    if values:
        return str(values[0])
    uris = [str(o) for o in graph.objects(node, predicate)]
    return uris[0] if uris else ""


def _label(graph: Graph, node: Any) -> str:
    """A concept's address, or its label when it is a blank node or a literal."""
    if isinstance(node, URIRef):
        return str(node)
    for predicate in (SKOS.prefLabel, RDF.value, RDFS.label):
        text = _text(graph, node, predicate)
        if text:
            return text
    return str(node)


def describe(graph: Graph, node: Any, depth: int = 3) -> Graph:
    """The node's triples, with those of its blank nodes and distributions."""
    out = Graph()
    for prefix, uri in PREFIXES.items():
        out.bind(prefix, uri)
    todo, done = [(node, 0)], set()
    while todo:
        subject, level = todo.pop()
        if subject in done:
            continue
        done.add(subject)
        for predicate, value in graph.predicate_objects(subject):
            out.add((subject, predicate, value))
            nested = isinstance(value, BNode) or predicate == DCAT.distribution
            if nested and level < depth:
                todo.append((value, level + 1))
    return out


class DcatReader(Reader):
    type = "dcat"

    def _pages(self) -> Iterator[Graph | ReadFailure]:
        url, visited = self.options.url, set()
        while url and url not in visited and len(visited) < MAX_PAGES:
            visited.add(url)
            try:
                response = self.fetcher.get(url, accept=ACCEPT)
                kind = rdf_format(response.header("content-type"), url, response.body)
                graph = parse_rdf(url, response.body, kind)
            except SourceTooSlowError:
                raise
            except HarvestError as error:
                if len(visited) == 1:
                    raise
                yield ReadFailure(url, error.render())
                return
            yield graph
            url = self._next(graph)
        self.complete = True

    def _next(self, graph: Graph) -> str:
        for predicate in (HYDRA.next, HYDRA.nextPage):
            for value in graph.objects(None, predicate):
                return str(value)
        return ""

    def records(self) -> Iterator[SourceRecord | ReadFailure]:
        failed = False
        for page in self._pages():
            if isinstance(page, ReadFailure):
                failed = True
                yield page
                continue
            for node in sorted(set(page.subjects(RDF.type, DCAT.Dataset)), key=str):
                item = self._one(page, node)
                failed = failed or isinstance(item, ReadFailure)
                if item is not None:
                    yield item
        self.complete = self.complete and not failed
        self.total = len(self.listed)

    def _one(self, graph: Graph, node: Any) -> SourceRecord | ReadFailure | None:
        identifier = _text(graph, node, DCTERMS.identifier) or str(node)
        if identifier in self.listed:
            return None
        try:
            record = self.record(graph, node, identifier)
        except (TypeError, ValueError, AttributeError) as error:
            return ReadFailure(identifier, str(error))
        if not self.wanted(record.organisation_names, record.keywords):
            return None
        self.listed.add(identifier)
        return record

    def record(self, graph: Graph, node: Any, identifier: str) -> SourceRecord:
        contact = next(graph.objects(node, DCAT.contactPoint), None)
        publisher = next(graph.objects(node, DCTERMS.publisher), None)
        temporal = next(graph.objects(node, DCTERMS.temporal), None)
        distributions = list(graph.objects(node, DCAT.distribution))
        licence = _text(graph, node, DCTERMS.license) or next(
            (_text(graph, d, DCTERMS.license) for d in distributions), ""
        )
        page = _text(graph, node, DCAT.landingPage)
        record = SourceRecord(
            identifier=identifier,
            title=_text(graph, node, DCTERMS.title),
            original=describe(graph, node).serialize(format="turtle"),
            original_format="turtle",
            description=_text(graph, node, DCTERMS.description),
            title_en=_text(graph, node, DCTERMS.title, "en"),
            keywords=sorted(set(_texts(graph, node, DCAT.keyword))),
            themes=[_label(graph, t) for t in graph.objects(node, DCAT.theme)],
            licence=licence,
            frequency=_text(graph, node, DCTERMS.accrualPeriodicity),
            places=[_label(graph, p) for p in graph.objects(node, DCTERMS.spatial)],
            page=page or (str(node) if isinstance(node, URIRef) else ""),
            access_rights=_text(graph, node, DCTERMS.accessRights).rsplit("/", 1)[-1],
            conforms_to=_text(graph, node, DCTERMS.conformsTo),
            issued=as_datetime(_text(graph, node, DCTERMS.issued)),
            modified=as_datetime(_text(graph, node, DCTERMS.modified)),
            files=[_file(graph, d) for d in distributions],
        )
        if record.title_en == record.title:
            record.title_en = ""
        _contact(graph, contact, record)
        _publisher(graph, publisher, record)
        _temporal(graph, temporal, record)
        record.unmapped = _unmapped(graph, node)
        return record


def _contact(graph: Graph, node: Any, record: SourceRecord) -> None:
    if node is None:
        return
    record.contact_name = _text(graph, node, VCARD.fn)
    email = _text(graph, node, VCARD.hasEmail)
    record.contact_email = email.removeprefix("mailto:")


def _publisher(graph: Graph, node: Any, record: SourceRecord) -> None:
    if node is None:
        return
    name = _text(graph, node, FOAF.name)
    record.organisation = name or str(node)
    record.organisation_names = [n for n in (name, str(node)) if n]


def _temporal(graph: Graph, node: Any, record: SourceRecord) -> None:
    if node is None:
        return
    start = _text(graph, node, DCAT.startDate) or _text(graph, node, SCHEMA.startDate)
    end = _text(graph, node, DCAT.endDate) or _text(graph, node, SCHEMA.endDate)
    record.temporal_start, record.temporal_end = as_date(start), as_date(end)


def _file(graph: Graph, node: Any) -> SourceFile:
    url = _text(graph, node, DCAT.downloadURL) or _text(graph, node, DCAT.accessURL)
    file_format = next(graph.objects(node, DCTERMS.format), None)
    return SourceFile(
        url=url,
        title=_text(graph, node, DCTERMS.title),
        description=_text(graph, node, DCTERMS.description),
        format=_label(graph, file_format) if file_format is not None else "",
        media_type=_text(graph, node, DCAT.mediaType),
    )


def _unmapped(graph: Graph, node: Any) -> dict[str, Any]:
    kept: dict[str, list[str]] = {}
    for predicate, value in graph.predicate_objects(node):
        if predicate not in READ:
            kept.setdefault(graph.namespace_manager.normalizeUri(predicate), []).append(
                str(value)
            )
    return {"rdf": kept} if kept else {}
