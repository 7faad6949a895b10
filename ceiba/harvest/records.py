"""The common intermediate record every reader produces, whatever the source type."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class SourceFile:
    """A distribution as the source describes it (a link to where it lives)."""

    url: str
    title: str = ""
    description: str = ""
    format: str = ""  # noqa: A003 - the DCAT term
    media_type: str = ""


@dataclass
class SourceRecord:
    """One dataset of a source, before mapping to our vocabularies.

    Vocabulary values (licence, themes, frequency, places, formats) are raw: codes,
    labels or URIs as the source wrote them. ``unmapped`` keeps every field of the
    source's record the reader did not read; ``original`` is the record as received
    (JSON text, or RDF as Turtle) and ``original_format`` says which.
    """

    identifier: str
    title: str
    original: str
    original_format: str = "json"
    name: str = ""
    description: str = ""
    keywords: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    licence: str = ""
    frequency: str = ""
    places: list[str] = field(default_factory=list)
    temporal_start: dt.date | None = None
    temporal_end: dt.date | None = None
    contact_name: str = ""
    contact_email: str = ""
    page: str = ""
    organisation: str = ""
    organisation_names: list[str] = field(default_factory=list)
    access_rights: str = ""
    conforms_to: str = ""
    issued: dt.datetime | None = None
    modified: dt.datetime | None = None
    title_en: str = ""
    description_en: str = ""
    files: list[SourceFile] = field(default_factory=list)
    unmapped: dict[str, Any] = field(default_factory=dict)
