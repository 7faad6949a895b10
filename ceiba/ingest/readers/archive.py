"""Checks on a workbook's container before any parser opens it.

XLSX, XLSB and ODS are zip archives: refused as ``zip_bomb`` when they hold more than
10,000 entries, more than ``max_uncompressed_bytes`` once uncompressed (declared
sizes), or an entry over 10 MB that expands more than 100 times (real sheets expand
10 to 30 times). Legacy XLS files are OLE compound files, scanned for the same
things by name.

Macros are refused (``macros_not_allowed``): the portal republishes the original file
beside the open copies and must not hand out VBA code. The publisher can save the
workbook as a plain .xlsx. External links (``xl/externalLinks/``) are allowed: the
cells keep the values cached when the file was saved, which are what we read; the
count goes into ``detection["external_links"]`` so the page can warn that those
values may be stale.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from ceiba.ingest.raw import ReadError, ReadErrorCode

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_ENTRIES = 10_000
MAX_RATIO = 100
RATIO_FLOOR = 10 << 20
_VBA = "_VBA_PROJECT".encode("utf-16-le")
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


@dataclass(frozen=True)
class Container:
    kind: str
    external_links: int = 0


def inspect_container(path: Path, head: bytes, max_bytes: int) -> Container:
    if head.startswith(OLE_MAGIC):
        return _inspect_ole(path)
    try:
        with zipfile.ZipFile(path) as archive:
            return _inspect_zip(archive, max_bytes)
    except zipfile.BadZipFile as error:
        raise ReadError(
            ReadErrorCode.UNREADABLE_WORKBOOK,
            "The file looks like a workbook but its zip container is damaged.",
        ) from error


def _inspect_zip(archive: zipfile.ZipFile, max_bytes: int) -> Container:
    entries = archive.infolist()
    total = sum(entry.file_size for entry in entries)
    if len(entries) > MAX_ENTRIES or total > max_bytes:
        raise _bomb(total, max_bytes)
    for entry in entries:
        expanded = entry.file_size > MAX_RATIO * max(1, entry.compress_size)
        if entry.file_size > RATIO_FLOOR and expanded:
            raise _bomb(total, max_bytes)
    names = {entry.filename for entry in entries}
    if any(
        n.endswith("vbaProject.bin") or n.startswith(("Basic/", "Scripts/"))
        for n in names
    ):
        raise _macros()
    links = sum(
        1 for n in names if n.startswith("xl/externalLinks/") and n.endswith(".xml")
    )
    if "xl/workbook.xml" in names:
        return Container("xlsx", links)
    if "xl/workbook.bin" in names:
        return Container("xlsb", links)
    if "content.xml" in names and _mimetype(archive) == _ODS_MIMETYPE:
        return Container("ods")
    raise ReadError(
        ReadErrorCode.NOT_TABULAR,
        "The file is a zip archive, not a spreadsheet. Upload the files it contains.",
    )


def _mimetype(archive: zipfile.ZipFile) -> bytes:
    try:
        return archive.read("mimetype").strip()
    except KeyError:
        return b""


def _inspect_ole(path: Path) -> Container:
    with path.open("rb") as file:
        previous = b""
        while chunk := file.read(1 << 22):
            window = previous + chunk
            if _ENCRYPTED in window:
                raise ReadError(
                    ReadErrorCode.ENCRYPTED_WORKBOOK,
                    "The workbook is protected by a password. Save it without one.",
                )
            if _VBA in window:
                raise _macros()
            previous = chunk[-64:]
    return Container("xls")


def _bomb(total: int, limit: int) -> ReadError:
    return ReadError(
        ReadErrorCode.ZIP_BOMB,
        "The workbook expands to more data than we accept "
        f"({total} bytes declared, limit {limit}), or expands suspiciously.",
        size=total,
        limit=limit,
    )


def _macros() -> ReadError:
    return ReadError(
        ReadErrorCode.MACROS_NOT_ALLOWED,
        "The workbook contains macros. Save it as a plain workbook (.xlsx or .ods) "
        "without macros and upload it again.",
    )
