"""JSON and GeoJSON: records become rows, keys become columns.

Accepted shapes: an array of objects; an object wrapping one (``{"data": [...]}``,
CKAN's ``{"result": {"records": [...]}}``: the longest array of objects up to two
levels down); a GeoJSON FeatureCollection or Feature (properties become columns, plus
``geometry`` holding the geometry as compact JSON); an array of arrays (read like a
sheet, header detection included); an array of scalars (one column ``valor``); an
object of scalars or of objects (one row per key, the key in ``clave``). Nested
objects are flattened one level ("parent.child"); deeper values and arrays become
compact JSON strings. ``__row`` is the record's position, from 1.

The whole document is parsed in memory (about seven times its size at the peak: 770
MB for a 110 MB array of objects), so files above ``max_json_bytes`` (64 MB by
default, about 450 MB of memory) are refused. TopoJSON is refused with a hint to
convert it to GeoJSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ceiba.ingest.raw import RawTable, ReadError, ReadErrorCode
from ceiba.ingest.readers.base import ReadContext, Reader
from ceiba.ingest.readers.cells import compact_json, format_cell
from ceiba.ingest.readers.csv import CsvReader
from ceiba.ingest.readers.grid import NotATableError, read_grid
from ceiba.ingest.readers.records import write_records

Record = dict[str, Any]
_WRAPPER_DEPTH = 2


def _refuse(message: str) -> ReadError:
    return ReadError(ReadErrorCode.JSON_NOT_TABULAR, message)


class JsonReader(Reader):
    name = "json"
    extensions = (".json", ".geojson", ".topojson")

    def accepts(self, head: bytes, extension: str) -> bool:
        """JSON by extension, or by a first "{" or "[" unless the name says CSV
        (SQL Server exports start with "[Código],[Nombre]")."""
        if extension in self.extensions:
            return True
        start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        return extension not in CsvReader.extensions and start in (b"{", b"[")

    def read(self, path: Path, context: ReadContext) -> list[RawTable]:
        size, limit = path.stat().st_size, context.limits.max_json_bytes
        if size > limit:
            raise ReadError(
                ReadErrorCode.FILE_TOO_LARGE,
                f"JSON files are read whole, up to {limit} bytes; this one has "
                f"{size}. Publish it as CSV or as JSON lines split into smaller files.",
                size=size,
                limit=limit,
            )
        document, encoding = _load(path)
        detection = {"format": "json", "encoding": encoding}
        if isinstance(document, list) and document and _all(document, list):
            return [_read_arrays(document, context, detection)]
        records, shape = find_records(document)
        detection["shape"] = shape
        return [write_records(records, context, detection)]


def _load(path: Path) -> tuple[Any, str]:
    data = path.read_bytes()
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = data.decode("cp1252", "replace"), "windows-1252"
    if not text.strip():
        raise ReadError(ReadErrorCode.EMPTY_FILE, "The file is empty.")
    try:
        return json.loads(text), encoding
    except json.JSONDecodeError as error:
        raise ReadError(
            ReadErrorCode.INVALID_JSON,
            f"The file is not valid JSON: {error.msg} at line {error.lineno}, "
            f"column {error.colno}.",
            line=error.lineno,
            column=error.colno,
        ) from error


def _all(items: list[Any], kind: type) -> bool:
    return all(isinstance(item, kind) for item in items if item is not None)


def find_records(document: Any) -> tuple[list[Record], str]:
    """The records of a JSON document and the shape they were found in."""
    if isinstance(document, list):
        if _all(document, dict):
            return [item for item in document if item is not None], "array"
        if not any(isinstance(item, dict | list) for item in document):
            return [{"valor": item} for item in document], "array_of_values"
        raise _refuse("The JSON array mixes objects, arrays and values.")
    if not isinstance(document, dict):
        raise _refuse("The JSON document is a single value, not a table.")
    kind = document.get("type")
    if kind == "Topology":
        raise _refuse("TopoJSON is not read: convert it to GeoJSON first.")
    if kind == "FeatureCollection":
        return _features(document.get("features") or []), "geojson"
    if kind == "Feature":
        return _features([document]), "geojson"
    return _from_object(document)


def _from_object(document: Record) -> tuple[list[Record], str]:
    wrapped = _longest_array(document, _WRAPPER_DEPTH)
    if wrapped is not None:
        return wrapped, "wrapped_array"
    values = list(document.values())
    if values and not any(isinstance(v, dict | list) for v in values):
        return [{"clave": k, "valor": v} for k, v in document.items()], "key_value"
    if values and _all(values, dict):
        rows = [{"clave": k, **(v or {})} for k, v in document.items()]
        return rows, "keyed_objects"
    raise _refuse("No array of records was found in the JSON document.")


def _longest_array(document: Record, depth: int) -> list[Record] | None:
    found: list[Record] | None = None
    for value in document.values():
        candidate = None
        if isinstance(value, list) and value and _all(value, dict):
            candidate = [item for item in value if item is not None]
        elif isinstance(value, dict) and depth > 1:
            candidate = _longest_array(value, depth - 1)
        if candidate and (found is None or len(candidate) > len(found)):
            found = candidate
    return found


def _features(features: list[Any]) -> list[Record]:
    records = []
    for feature in features:
        if not isinstance(feature, dict):
            raise _refuse("A GeoJSON feature is not an object.")
        record: Record = {}
        if "id" in feature:
            record["id"] = feature["id"]
        record.update(feature.get("properties") or {})
        geometry = feature.get("geometry")
        record["geometry"] = None if geometry is None else compact_json(geometry)
        records.append(record)
    return records


def _read_arrays(
    document: list[Any], context: ReadContext, detection: dict[str, Any]
) -> RawTable:
    def source() -> Iterator[tuple[int, list[str | None]]]:
        for number, item in enumerate(document, start=1):
            yield number, [format_cell(cell) for cell in item or []]

    try:
        table = read_grid(source, name=context.stem, context=context)
    except NotATableError as error:
        raise ReadError(ReadErrorCode.EMPTY_FILE, "The JSON has no data.") from error
    detection |= {"shape": "array_of_arrays", **table.detection}
    return RawTable(table.name, table.path, table.columns, table.row_count, detection)
