"""File formats as the EU Metadata Quality Assessment sees them.

The two lists are the EU file-type concepts of ``edp-machine-readable-format.rdf``
and ``edp-non-proprietary-format.rdf`` (``../shared/standards/mqa/``, a 2021
snapshot). Parquet is in neither list yet, so it scores as neither.
"""

MACHINE_READABLE = frozenset(
    [
        "CSV",
        "GEOJSON",
        "ICS",
        "JSON",
        "JSON_LD",
        "KML",
        "KMZ",
        "NETCDF",
        "ODS",
        "RDFA",
        "RDF_N_QUADS",
        "RDF_N_TRIPLES",
        "RDF_TRIG",
        "RDF_TURTLE",
        "RDF_XML",
        "RSS",
        "SHP",
        "XLS",
        "XLSX",
        "XML",
    ]
)
NON_PROPRIETARY = frozenset(
    [
        "BMP",
        "CSV",
        "DBF",
        "GEOJSON",
        "GZIP",
        "HTML",
        "ICS",
        "JPEG2000",
        "JSON",
        "JSON_LD",
        "KML",
        "KMZ",
        "NETCDF",
        "ODS",
        "PNG",
        "RDF_N_QUADS",
        "RDF_N_TRIPLES",
        "RDF_TRIG",
        "RDF_TURTLE",
        "RDF_XML",
        "RSS",
        "RTF",
        "TAR",
        "TIFF",
        "TSV",
        "TXT",
        "WMS_SRVC",
        "XML",
        "ZIP",
    ]
)
# Formats whose data identifies things with URIs (the 4th star).
LINKED_DATA = frozenset(
    [
        "JSON_LD",
        "RDFA",
        "RDF_N_QUADS",
        "RDF_N_TRIPLES",
        "RDF_TRIG",
        "RDF_TURTLE",
        "RDF_XML",
    ]
)
# Concepts of the EU file-type table Ceiba meets in practice (the table is longer).
EU_FILE_TYPES = (
    MACHINE_READABLE
    | NON_PROPRIETARY
    | frozenset(
        [
            "PDF",
            "DOC",
            "DOCX",
            "ODT",
            "PPT",
            "PPTX",
            "XLSM",
            "PARQUET",
            "JPEG",
            "GIF",
            "WFS_SRVC",
            "GML",
            "GPKG",
            "MDB",
            "SQL",
            "7Z",
            "RAR",
            "TAB",
            "WMTS_SRVC",
        ]
    )
)
# Ceiba's format codes (catalog.formats) and common spellings → EU concepts.
_ALIASES = {
    "RDF": "RDF_XML",
    "TTL": "RDF_TURTLE",
    "TURTLE": "RDF_TURTLE",
    "JSONLD": "JSON_LD",
    "JSON-LD": "JSON_LD",
    "NT": "RDF_N_TRIPLES",
    "NQ": "RDF_N_QUADS",
    "GZ": "GZIP",
    "HTM": "HTML",
    "JPG": "JPEG",
    "TIF": "TIFF",
    "WMS": "WMS_SRVC",
    "WFS": "WFS_SRVC",
}
# Formats that are a page or a service, not a file one downloads.
NOT_DOWNLOADS = frozenset({"", "HTML", "API", "WMS_SRVC", "WFS_SRVC", "WMTS_SRVC"})
_IANA_TOP_LEVEL = frozenset(
    [
        "application",
        "audio",
        "font",
        "image",
        "message",
        "model",
        "multipart",
        "text",
        "video",
    ]
)


def eu_format(code: str) -> str:
    """The EU file-type concept of a format code (``ttl`` → ``RDF_TURTLE``)."""
    code = (code or "").strip().upper().lstrip(".")
    return _ALIASES.get(code, code)


def is_known_media_type(media_type: str) -> bool:
    """A registered-looking IANA media type that says something about the file."""
    top, _, sub = (media_type or "").partition("/")
    if not sub or media_type == "application/octet-stream":
        return False
    return top in _IANA_TOP_LEVEL
