"""Content negotiation: which RDF serialisation an ``Accept`` header asks for.

An RDF type wins only when the client prefers it to HTML, so browsers (which also
accept ``application/xml`` and ``*/*``) keep getting the page.
"""

from ceiba.interop.dcat import FORMATS, RdfFormat

_BY_MEDIA_TYPE = {
    "text/turtle": FORMATS["ttl"],
    "application/x-turtle": FORMATS["ttl"],
    "application/rdf+xml": FORMATS["rdf"],
    "application/ld+json": FORMATS["jsonld"],
}
_HTML = {"text/html", "application/xhtml+xml"}


def _parse(accept: str) -> list[tuple[str, float, int]]:
    """(media type, quality, position) for each entry of an Accept header."""
    entries = []
    for position, part in enumerate(accept.split(",")):
        media_type, *params = (item.strip() for item in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media_type:
            entries.append((media_type.lower(), quality, position))
    return entries


def rdf_format_for(accept: str) -> RdfFormat | None:
    """The RDF format the client prefers to HTML, or None for the page."""
    entries = _parse(accept or "")
    html = max(((q, -p) for t, q, p in entries if t in _HTML), default=(0.0, 0))
    candidates = [
        (quality, -position, _BY_MEDIA_TYPE[media_type])
        for media_type, quality, position in entries
        if media_type in _BY_MEDIA_TYPE and quality > 0
    ]
    if not candidates:
        return None
    quality, position, rdf_format = max(candidates, key=lambda c: (c[0], c[1]))
    return rdf_format if (quality, position) > html else None
