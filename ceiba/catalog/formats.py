"""Detecting a file's format from its first bytes and its name."""

from dataclasses import dataclass
from pathlib import PurePosixPath

from django.utils.translation import gettext_lazy as _

from ceiba.catalog.exceptions import UnreadableFileError


@dataclass(frozen=True)
class FileFormat:
    code: str
    media_type: str


_BY_EXTENSION = {
    "csv": FileFormat("CSV", "text/csv"),
    "tsv": FileFormat("TSV", "text/tab-separated-values"),
    "txt": FileFormat("TXT", "text/plain"),
    "json": FileFormat("JSON", "application/json"),
    "geojson": FileFormat("GEOJSON", "application/geo+json"),
    "xml": FileFormat("XML", "application/xml"),
    "rdf": FileFormat("RDF", "application/rdf+xml"),
    "ttl": FileFormat("TTL", "text/turtle"),
    "xlsx": FileFormat(
        "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ),
    "xls": FileFormat("XLS", "application/vnd.ms-excel"),
    "ods": FileFormat("ODS", "application/vnd.oasis.opendocument.spreadsheet"),
    "pdf": FileFormat("PDF", "application/pdf"),
    "zip": FileFormat("ZIP", "application/zip"),
    "parquet": FileFormat("PARQUET", "application/vnd.apache.parquet"),
    "shp": FileFormat("SHP", "application/octet-stream"),
    "kml": FileFormat("KML", "application/vnd.google-earth.kml+xml"),
    "docx": FileFormat(
        "DOCX",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "doc": FileFormat("DOC", "application/msword"),
}
_TEXT_FORMATS = {"CSV", "TSV", "TXT", "JSON", "GEOJSON", "XML", "RDF", "TTL", "KML"}
_ZIP_FORMATS = {"XLSX", "ODS", "DOCX", "ZIP"}
_OLE_FORMATS = {"XLS", "DOC"}
UNKNOWN = FileFormat("", "application/octet-stream")


def extension_of(name: str) -> str:
    return PurePosixPath(name.lower()).suffix.lstrip(".")


def format_from_name(name: str) -> FileFormat:
    return _BY_EXTENSION.get(extension_of(name), UNKNOWN)


def detect_format(head: bytes, filename: str) -> FileFormat:
    """The format of a file, from its first bytes checked against its name.

    Raises UnreadableFileError when the name promises a format the bytes are not
    (a ``.csv`` that is binary, an ``.xlsx`` that is not a zip archive…).
    """
    claimed = format_from_name(filename)
    sniffed = _sniff(head)
    if claimed.code in _TEXT_FORMATS:
        if sniffed != "text":
            _refuse(filename, claimed, _("it holds binary data, not text."))
        if claimed.code in {"JSON", "GEOJSON"} and not _looks_like_json(head):
            _refuse(filename, claimed, _("it does not start like a JSON document."))
        if claimed.code == "JSON" and b"FeatureCollection" in head:
            return _BY_EXTENSION["geojson"]
        return claimed
    if claimed.code in _ZIP_FORMATS and sniffed != "zip":
        _refuse(filename, claimed, _("it is not a valid archive."))
    if claimed.code in _OLE_FORMATS and sniffed not in {"ole", "zip"}:
        _refuse(filename, claimed, _("it is not a valid Office document."))
    if claimed.code == "PDF" and sniffed != "pdf":
        _refuse(filename, claimed, _("it does not start like a PDF document."))
    if claimed.code:
        return claimed
    return _from_sniffed(sniffed, head)


def _sniff(head: bytes) -> str:
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PAR1"):
        return "parquet"
    if b"\x00" in head[:8192]:
        return "binary"
    return "text"


def _looks_like_json(head: bytes) -> bool:
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return stripped[:1] in {b"{", b"["}


def _from_sniffed(sniffed: str, head: bytes) -> FileFormat:
    if sniffed == "zip":
        return _BY_EXTENSION["zip"]
    if sniffed == "pdf":
        return _BY_EXTENSION["pdf"]
    if sniffed == "parquet":
        return _BY_EXTENSION["parquet"]
    if sniffed == "text" and _looks_like_json(head):
        return _BY_EXTENSION["json"]
    if sniffed == "text":
        return _BY_EXTENSION["txt"]
    return UNKNOWN


def _refuse(filename: str, claimed: FileFormat, reason: object) -> None:
    raise UnreadableFileError(filename=filename, format=claimed.code, reason=reason)
