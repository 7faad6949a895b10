"""Parsing RDF from sources safely.

- RDF/XML is first read by defusedxml with DTDs forbidden, so entity expansion
  ("billion laughs"), external entities and DTD fetches are refused before rdflib
  sees the document.
- JSON-LD never loads remote contexts: a context given by address is replaced by
  the common DCAT prefixes, and ``@import`` is dropped, so parsing fetches nothing
  outside the outbound guard.
- Turtle is parsed as is (it cannot reference other documents).
"""

import json
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError
from defusedxml.ElementTree import fromstring as defused_fromstring
from django.utils.translation import gettext as _
from rdflib import Graph

from ceiba.harvest.exceptions import SourceFormatError

PREFIXES = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "hydra": "http://www.w3.org/ns/hydra/core#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "http://schema.org/",
    "adms": "http://www.w3.org/ns/adms#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "locn": "http://www.w3.org/ns/locn#",
    "owl": "http://www.w3.org/2002/07/owl#",
}
FORMATS = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/ld+json": "json-ld",
    "application/json": "json-ld",
}
ACCEPT = "text/turtle, application/rdf+xml;q=0.9, application/ld+json;q=0.8"


def rdf_format(content_type: str, url: str, body: bytes) -> str:
    kind = FORMATS.get(content_type.split(";")[0].strip().lower())
    if kind:
        return kind
    path = url.split("?", 1)[0].lower()
    for ending, guess in ((".ttl", "turtle"), (".rdf", "xml"), (".jsonld", "json-ld")):
        if path.endswith(ending):
            return guess
    head = body.lstrip()[:1]
    return {b"<": "xml", b"{": "json-ld", b"[": "json-ld"}.get(head, "turtle")


def _safe_context(value: Any) -> Any:
    """A context with every remote part (an address, ``@import``) made local."""
    if isinstance(value, str):
        return dict(PREFIXES)
    if isinstance(value, list):
        return [_safe_context(item) for item in value]
    if isinstance(value, dict):
        return {k: _safe_term(v) for k, v in value.items() if k != "@import"}
    return value


def _safe_term(value: Any) -> Any:
    if isinstance(value, dict) and "@context" in value:
        return {**value, "@context": _safe_context(value["@context"])}
    return value


def _strip_remote(node: Any) -> Any:
    if isinstance(node, list):
        return [_strip_remote(item) for item in node]
    if isinstance(node, dict):
        return {
            key: _safe_context(value) if key == "@context" else _strip_remote(value)
            for key, value in node.items()
        }
    return node


def _check_xml(url: str, body: bytes) -> None:
    try:
        defused_fromstring(body, forbid_dtd=True)
    except DefusedXmlException as error:
        raise SourceFormatError(
            url=url,
            reason=_(
                "its XML declares a DTD or entities, which the portal refuses "
                "(they can be used to attack it)."
            ),
        ) from error
    except ParseError as error:
        raise SourceFormatError(
            url=url, reason=_("its XML is malformed (%(error)s).") % {"error": error}
        ) from error


def parse_rdf(url: str, body: bytes, kind: str) -> Graph:
    graph = Graph()
    try:
        if kind == "xml":
            _check_xml(url, body)
            graph.parse(data=body, format="xml", publicID=url)
        elif kind == "json-ld":
            document = _strip_remote(json.loads(body))
            graph.parse(data=json.dumps(document), format="json-ld", base=url)
        else:
            graph.parse(data=body.decode("utf-8"), format="turtle", publicID=url)
    except SourceFormatError:
        raise
    except Exception as error:  # noqa: BLE001 - rdflib raises many kinds of errors
        raise SourceFormatError(
            url=url,
            reason=_("its RDF (%(kind)s) is malformed: %(error)s")
            % {"kind": kind, "error": str(error)[:300]},
        ) from error
    return graph
