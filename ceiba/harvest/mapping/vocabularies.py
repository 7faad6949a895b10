"""Sources' vocabulary values → our codes: licences, themes, frequencies, formats,
places. Pure lookups over the catalog's vocabulary lists (no database).

Each ``*_code`` function returns our code, or None when the value does not map; the
caller keeps the value and reports it.
"""

import functools
import re
from urllib.parse import unquote

from django.utils.text import slugify

from ceiba.catalog.formats import format_from_name
from ceiba.catalog.vocabularies.frequencies import FREQUENCIES
from ceiba.catalog.vocabularies.licences import LICENCES
from ceiba.catalog.vocabularies.places import COUNTRY, DEPARTMENTS, MUNICIPALITIES
from ceiba.catalog.vocabularies.themes import EU_THEMES, LOCAL_THEMES
from ceiba.interop import vocab

# CKAN's licence ids, Socrata's names and other common spellings (slugified).
_LICENCE_ALIASES = {
    **vocab.CKAN_LICENCES,
    "cc-by-40": "CC-BY-4.0",
    "creative-commons-attribution-40": "CC-BY-4.0",
    "creative-commons-attribution": "CC-BY-4.0",
    "cc-by-sa-40": "CC-BY-SA-4.0",
    "creative-commons-attribution-share-alike-40-international": "CC-BY-SA-4.0",
    "cc0": "CC0-1.0",
    "cc0-10": "CC0-1.0",
    "public-domain": "CC0-1.0",
    "dominio-publico": "CC0-1.0",
    "odbl": "ODbL-1.0",
    "open-database-license": "ODbL-1.0",
    "cc-by-nc": "CC-BY-NC-4.0",
    "not-specified": "notspecified",
    "license-not-specified": "notspecified",
}
# EU licence table codes (the other direction of interop.vocab).
_EU_LICENCE_CODES = {
    "CC_BY_4_0": "CC-BY-4.0",
    "CC_BYSA_4_0": "CC-BY-SA-4.0",
    "CC0": "CC0-1.0",
    "ODC_BL": "ODbL-1.0",
    "ODC_BY": "ODC-By-1.0",
    "ODC_PDDL": "PDDL-1.0",
    "CC_BY_3_0": "CC-BY-3.0",
    "CC_BYSA_3_0": "CC-BY-SA-3.0",
    "CC_BYNC_4_0": "CC-BY-NC-4.0",
    "OGL_3_0": "OGL-UK-3.0",
}
_THEME_ALIASES = {
    "health": "salud",
    "education": "educacion",
    "economia-y-finanzas": "economia",
    "finanzas": "finanzas-publicas",
    "presupuesto": "finanzas-publicas",
    "hacienda": "finanzas-publicas",
    "empleo": "trabajo",
    "medio-ambiente": "ambiente",
    "seguridad-publica": "seguridad",
    "transparencia": "gobierno",
    "gobierno-y-sector-publico": "gobierno",
    "poblacion-y-sociedad": "poblacion",
    "demografia": "poblacion",
    "vivienda": "infraestructura",
    "ciencia": "ciencia-tecnologia",
    "tecnologia": "ciencia-tecnologia",
    "deporte": "cultura",
    "agropecuario": "agricultura",
}
_FREQUENCY_ALIASES = {
    "annually": "ANNUAL",
    "yearly": "ANNUAL",
    "anualmente": "ANNUAL",
    "diario": "DAILY",
    "diariamente": "DAILY",
    "mensualmente": "MONTHLY",
    "semanalmente": "WEEKLY",
    "semiannual": "ANNUAL_2",
    "biannually": "ANNUAL_2",
    "semestralmente": "ANNUAL_2",
    "trimestralmente": "QUARTERLY",
    "continuous": "CONT",
    "continuously": "CONT",
    "as-needed": "IRREG",
    "segun-necesidad": "IRREG",
    "no-planificada": "IRREG",
    "never": "NEVER",
    "unknown": "UNKNOWN",
}
# DCMI Collection Description frequency terms (http://purl.org/cld/freq/…).
_DCMI_FREQUENCIES = {
    "triennial": "TRIENNIAL",
    "biennial": "BIENNIAL",
    "annual": "ANNUAL",
    "semiannual": "ANNUAL_2",
    "threetimesayear": "ANNUAL_3",
    "quarterly": "QUARTERLY",
    "bimonthly": "BIMONTHLY",
    "monthly": "MONTHLY",
    "semimonthly": "MONTHLY_2",
    "biweekly": "BIWEEKLY",
    "threetimesamonth": "MONTHLY_3",
    "weekly": "WEEKLY",
    "semiweekly": "WEEKLY_2",
    "threetimesaweek": "WEEKLY_3",
    "daily": "DAILY",
    "continuous": "CONT",
    "irregular": "IRREG",
}
_FILE_TYPES = {"RDF_XML": "RDF", "RDF_TURTLE": "TTL", "XLS": "XLS", "MS_XLSX": "XLSX"}
_MEDIA_TYPES = {
    "text/csv": "CSV",
    "application/csv": "CSV",
    "text/tab-separated-values": "TSV",
    "text/plain": "TXT",
    "application/json": "JSON",
    "application/geo+json": "GEOJSON",
    "application/vnd.geo+json": "GEOJSON",
    "application/xml": "XML",
    "text/xml": "XML",
    "application/rdf+xml": "RDF",
    "text/turtle": "TTL",
    "application/vnd.ms-excel": "XLS",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "application/vnd.oasis.opendocument.spreadsheet": "ODS",
    "application/pdf": "PDF",
    "application/zip": "ZIP",
    "application/vnd.apache.parquet": "PARQUET",
    "application/vnd.google-earth.kml+xml": "KML",
    "application/msword": "DOC",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
}
_FORMAT_ALIASES = {"EXCEL": "XLSX", "SHAPEFILE": "SHP", "ESRI SHAPEFILE": "SHP"}


def _key(value: str) -> str:
    return slugify(unquote(value or "").replace(".", "").replace("_", "-"))


def _last_segment(uri: str) -> str:
    return re.split(r"[/#]", uri.rstrip("/"))[-1]


def _url_key(url: str) -> str:
    url = url.strip().lower().split("://", 1)[-1].removeprefix("www.")
    return url.removesuffix(".html").removesuffix(".json").rstrip("/")


@functools.cache
def _licence_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for term in LICENCES:
        for text in (term.code, term.es, term.en):
            table[_key(text)] = term.code
        if term.url:
            table[_url_key(term.url)] = term.code
        spdx = vocab.spdx_licence_uri(term.code)
        if spdx:
            table[_url_key(spdx)] = term.code
    table.update(_LICENCE_ALIASES)
    return table


def licence_code(value: str) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    table = _licence_table()
    if "://" in value:
        if vocab.EU_LICENCE in value:
            return _EU_LICENCE_CODES.get(_last_segment(value))
        return table.get(_url_key(value)) or table.get(_key(_last_segment(value)))
    return table.get(_key(value))


@functools.cache
def _theme_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for term in (*EU_THEMES, *LOCAL_THEMES):
        for text in (term.code, term.es, term.en):
            table.setdefault(_key(text), term.code)
    for alias, code in _THEME_ALIASES.items():
        table.setdefault(alias, code)
    # A local theme wins over the EU theme of the same name ("salud" vs HEAL).
    for term in LOCAL_THEMES:
        table[_key(term.es)] = term.code
        table[_key(term.en)] = term.code
    table.update(_THEME_ALIASES)
    return table


def theme_code(value: str) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    if "://" in value:
        last = _last_segment(value)
        eu = {t.code for t in EU_THEMES}
        return last if last in eu else _theme_table().get(_key(last))
    if value.upper() in {t.code for t in EU_THEMES}:
        return value.upper()
    return _theme_table().get(_key(value))


@functools.cache
def _frequency_table() -> dict[str, str]:
    table = {_key(f.code): f.code for f in FREQUENCIES}
    for term in FREQUENCIES:
        table.setdefault(_key(term.es), term.code)
        table.setdefault(_key(term.en), term.code)
    table.update(_FREQUENCY_ALIASES)
    return table


@functools.cache
def _iso_frequencies() -> dict[str, str]:
    table: dict[str, str] = {}
    for code, duration in vocab.ISO_FREQUENCIES.items():
        table.setdefault(duration.upper(), code)
    return table


def frequency_code(value: str) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    if "://" in value:
        last = _last_segment(value)
        if "purl.org/cld/freq" in value:
            return _DCMI_FREQUENCIES.get(last.lower())
        return _frequency_table().get(_key(last))
    if value.upper().startswith("R/"):
        return _iso_frequencies().get(value.upper())
    return _frequency_table().get(_key(value))


def format_code(value: str) -> str | None:
    """Our format code for a format name, extension, media type or URI."""
    value = (value or "").strip()
    if not value:
        return None
    if "://" in value:
        if vocab.IANA_MEDIA_TYPES in value:
            value = value.split("media-types/", 1)[1]
        else:
            last = _last_segment(value).upper()
            return _FILE_TYPES.get(last) or format_from_name("x." + last).code or None
    if "/" in value:
        return _MEDIA_TYPES.get(value.split(";")[0].strip().lower())
    upper = value.upper().lstrip(".")
    if upper in _FORMAT_ALIASES:
        return _FORMAT_ALIASES[upper]
    return format_from_name("x." + upper.lower()).code or None


def format_from_url(url: str) -> str:
    return format_from_name(url.split("?", 1)[0]).code


@functools.cache
def _place_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for term in (*MUNICIPALITIES, *DEPARTMENTS):
        table[term.code] = term.code
        table[term.slug] = term.code
        table[_key(term.es)] = term.code  # departments last: they win on a tie
    for alias in ("gt", "gtm", "guatemala-pais", "republica-de-guatemala"):
        table[alias] = COUNTRY.code
    table["GT"] = COUNTRY.code
    return table


def place_code(value: str) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    if "://" in value:
        value = _last_segment(value)
    table = _place_table()
    return table.get(value) or table.get(_key(value))
