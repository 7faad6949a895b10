"""Our controlled vocabularies mapped to the ones other portals read.

EU authority tables (publications.europa.eu), IANA media types, SPDX licences, ADMS
publisher types and ISO 8601 durations. Plain data and lookups: no database.
"""

from dataclasses import dataclass

EU = "http://publications.europa.eu/resource/authority/"
EU_THEME = EU + "data-theme"
EU_FREQUENCY = EU + "frequency"
EU_FILE_TYPE = EU + "file-type"
EU_LICENCE = EU + "licence"
EU_ACCESS_RIGHT = EU + "access-right"
EU_LANGUAGE = EU + "language"
EU_COUNTRY = EU + "country"
IANA_MEDIA_TYPES = "http://www.iana.org/assignments/media-types/"
ADMS_PUBLISHER_TYPE = "http://purl.org/adms/publishertype/1.0"
SPDX_LICENCES = "http://spdx.org/licenses/"

# The country of the portal in the EU country table (ISO 3166-1 alpha-3).
COUNTRY_CODE = "GT"
EU_COUNTRY_CODE = "GTM"


SCHEME_TITLES = {
    EU_THEME: "Data theme",
    EU_FREQUENCY: "Frequency",
    EU_FILE_TYPE: "File type",
    EU_ACCESS_RIGHT: "Access right",
    EU_LANGUAGE: "Language",
    EU_COUNTRY: "Country",
    ADMS_PUBLISHER_TYPE: "Publisher type",
    EU + "planned-availability": "Planned availability",
}


@dataclass(frozen=True)
class Concept:
    """A term of an external vocabulary: its URI, scheme and English label."""

    uri: str
    scheme: str
    label: str


# SPDX id → EU licence table code. Unlisted licences have no EU URI.
_EU_LICENCES = {
    "CC-BY-4.0": "CC_BY_4_0",
    "CC-BY-SA-4.0": "CC_BYSA_4_0",
    "CC0-1.0": "CC0",
    "ODbL-1.0": "ODC_BL",
    "ODC-By-1.0": "ODC_BY",
    "PDDL-1.0": "ODC_PDDL",
    "CC-BY-3.0": "CC_BY_3_0",
    "CC-BY-SA-3.0": "CC_BYSA_3_0",
    "CC-BY-NC-4.0": "CC_BYNC_4_0",
    "OGL-UK-3.0": "OGL_3_0",
}
# Our pseudo-licences (CKAN's codes): not SPDX identifiers.
NON_SPDX_LICENCES = {"other-open", "other-closed", "notspecified"}
# CKAN's licence ids (its default licence list) -> ours (SPDX), for what CKAN
# clients send and what CKAN portals we harvest publish.
CKAN_LICENCES = {
    "cc-by": "CC-BY-4.0",
    "cc-by-sa": "CC-BY-SA-4.0",
    "cc-zero": "CC0-1.0",
    "cc-nc": "CC-BY-NC-4.0",
    "odc-odbl": "ODbL-1.0",
    "odc-by": "ODC-By-1.0",
    "odc-pddl": "PDDL-1.0",
    "other-pd": "other-open",  # "Other (Public Domain)": no specific licence
    "uk-ogl": "OGL-UK-3.0",
    "other-at": "other-open",
    "gfdl": "other-open",
    "other-nc": "other-closed",
    "notspecified": "notspecified",
}


def eu_licence_uri(code: str) -> str | None:
    eu_code = _EU_LICENCES.get(code)
    return f"{EU_LICENCE}/{eu_code}" if eu_code else None


def spdx_licence_uri(code: str) -> str | None:
    return None if code in NON_SPDX_LICENCES else SPDX_LICENCES + code


# Our format codes (ceiba.catalog.formats) → EU file-type codes.
_EU_FILE_TYPES = {
    "CSV": "CSV",
    "TSV": "TSV",
    "TXT": "TXT",
    "JSON": "JSON",
    "GEOJSON": "GEOJSON",
    "XML": "XML",
    "RDF": "RDF_XML",
    "TTL": "RDF_TURTLE",
    "XLSX": "XLSX",
    "XLS": "XLS",
    "ODS": "ODS",
    "PDF": "PDF",
    "ZIP": "ZIP",
    "PARQUET": "PARQUET",
    "SHP": "SHP",
    "KML": "KML",
    "DOCX": "DOCX",
    "DOC": "DOC",
}


def file_type(code: str) -> Concept | None:
    eu_code = _EU_FILE_TYPES.get((code or "").upper())
    if eu_code is None:
        return None
    return Concept(f"{EU_FILE_TYPE}/{eu_code}", EU_FILE_TYPE, eu_code)


def media_type_uri(media_type: str) -> str | None:
    """The IANA address of a registered media type (``text/csv``)."""
    media_type = (media_type or "").split(";")[0].strip().lower()
    if "/" not in media_type:
        return None
    return IANA_MEDIA_TYPES + media_type


_ACCESS_RIGHT_LABELS = {
    "PUBLIC": "public",
    "RESTRICTED": "restricted",
    "NON_PUBLIC": "non-public",
}


def access_right(code: str) -> Concept:
    code = code if code in _ACCESS_RIGHT_LABELS else "PUBLIC"
    return Concept(
        f"{EU_ACCESS_RIGHT}/{code}", EU_ACCESS_RIGHT, _ACCESS_RIGHT_LABELS[code]
    )


# data.json's accessLevel for each EU access right.
DATAJSON_ACCESS_LEVELS = {
    "PUBLIC": "public",
    "RESTRICTED": "restricted public",
    "NON_PUBLIC": "non-public",
}

LANGUAGES = {
    "es": Concept(f"{EU_LANGUAGE}/SPA", EU_LANGUAGE, "Spanish"),
    "en": Concept(f"{EU_LANGUAGE}/ENG", EU_LANGUAGE, "English"),
}


def theme(code: str, label: str) -> Concept:
    return Concept(f"{EU_THEME}/{code}", EU_THEME, label)


def frequency(code: str, label: str) -> Concept:
    return Concept(f"{EU_FREQUENCY}/{code}", EU_FREQUENCY, label)


COUNTRY = Concept(f"{EU_COUNTRY}/{EU_COUNTRY_CODE}", EU_COUNTRY, "Guatemala")

# Institution kinds → ADMS publisher types.
_PUBLISHER_TYPES = {
    "municipality": ("LocalAuthority", "Local Authority"),
    "state-enterprise": ("Company", "Company"),
}
_NATIONAL = ("NationalAuthority", "National authority")


def publisher_type(kind_code: str) -> Concept:
    code, label = _PUBLISHER_TYPES.get(kind_code, _NATIONAL)
    return Concept(
        f"http://purl.org/adms/publishertype/{code}", ADMS_PUBLISHER_TYPE, label
    )


# EU frequency codes → ISO 8601 repeating durations (data.json accrualPeriodicity).
ISO_FREQUENCIES = {
    "CONT": "R/PT1S",
    "UPDATE_CONT": "R/PT1S",
    "HOURLY": "R/PT1H",
    "DAILY_2": "R/PT12H",
    "DAILY": "R/P1D",
    "WEEKLY_3": "R/P0.33W",
    "WEEKLY_2": "R/P3.5D",
    "WEEKLY": "R/P1W",
    "MONTHLY_3": "R/P0.33M",
    "BIWEEKLY": "R/P2W",
    "MONTHLY_2": "R/P0.5M",
    "MONTHLY": "R/P1M",
    "BIMONTHLY": "R/P2M",
    "QUARTERLY": "R/P3M",
    "ANNUAL_3": "R/P4M",
    "ANNUAL_2": "R/P6M",
    "ANNUAL": "R/P1Y",
    "BIENNIAL": "R/P2Y",
    "TRIENNIAL": "R/P3Y",
    "QUINQUENNIAL": "R/P5Y",
    "DECENNIAL": "R/P10Y",
    "IRREG": "irregular",
}
