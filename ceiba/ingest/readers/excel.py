"""Workbooks: XLSX, XLSB, legacy XLS and ODS, through python-calamine.

Each visible worksheet that holds a table becomes a raw table named after the sheet.
Skipped, and listed in ``detection["skipped_sheets"]``: hidden sheets (publishers hide
helper and lookup sheets; publishing them could leak data), chart sheets, empty
sheets (images only), index and cover sheets ("Índice", "Contenido", "Portada",
"Presentación", "Nota técnica"...) and sheets that are a column of prose.

Inside a sheet, ``structure`` finds the title block, the header rows (merged cells
are filled from the workbook's merge list) and the notes, sources and totals under
the data; a last row equal to the sum of the rows above is a totals row even
without a label. Numbers and dates are written as described in ``cells``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import python_calamine as calamine

from ceiba.ingest.raw import RawTable, ReadError, ReadErrorCode
from ceiba.ingest.readers.archive import OLE_MAGIC, ZIP_MAGIC, inspect_container
from ceiba.ingest.readers.base import ReadContext, Reader
from ceiba.ingest.readers.cells import format_cell
from ceiba.ingest.readers.grid import (
    NotATableError,
    NumberedRow,
    read_grid,
    too_many_columns,
)
from ceiba.ingest.structure import Merge, column_names

COVER_SHEETS = {
    "indice",
    "index",
    "contenido",
    "contenidos",
    "contents",
    "portada",
    "presentacion",
    "caratula",
    "cover",
    "nota_tecnica",
    "notas_tecnicas",
    "metodologia",
    "creditos",
}


class ExcelReader(Reader):
    name = "excel"
    extensions = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")

    def accepts(self, head: bytes, extension: str) -> bool:
        return head.startswith((ZIP_MAGIC, OLE_MAGIC))

    def read(self, path: Path, context: ReadContext) -> list[RawTable]:
        with path.open("rb") as file:
            head = file.read(8)
        container = inspect_container(path, head, context.limits.max_uncompressed_bytes)
        workbook = _open(path)
        tables: list[RawTable] = []
        skipped: list[dict[str, str]] = []
        for meta in workbook.sheets_metadata:
            reason = _skip_reason(meta)
            if reason is None:
                try:
                    tables.append(_read_sheet(workbook, meta.name, context))
                    continue
                except NotATableError as error:
                    reason = error.reason
            skipped.append({"sheet": meta.name, "reason": reason})
        if not tables:
            raise ReadError(
                ReadErrorCode.NOT_TABULAR, "No sheet of the workbook holds a table."
            )
        common = {
            "format": container.kind,
            "external_links": container.external_links,
            "skipped_sheets": skipped,
        }
        return [_with(table, common) for table in tables]


def _open(path: Path) -> calamine.CalamineWorkbook:
    try:
        return calamine.CalamineWorkbook.from_path(str(path))
    except calamine.PasswordError as error:
        raise ReadError(
            ReadErrorCode.ENCRYPTED_WORKBOOK,
            "The workbook is protected by a password. Save it without one.",
        ) from error
    except Exception as error:  # noqa: BLE001 - calamine's errors share no base
        raise ReadError(
            ReadErrorCode.UNREADABLE_WORKBOOK,
            f"The workbook cannot be read: {error}.",
        ) from error


def _skip_reason(meta: calamine.SheetMetadata) -> str | None:
    if meta.typ != calamine.SheetTypeEnum.WorkSheet:
        return "not_a_worksheet"
    if meta.visible != calamine.SheetVisibleEnum.Visible:
        return "hidden"
    if column_names([meta.name])[0] in COVER_SHEETS:
        return "index"
    return None


def _read_sheet(
    workbook: calamine.CalamineWorkbook, name: str, context: ReadContext
) -> RawTable:
    try:
        sheet = workbook.get_sheet_by_name(name)
    except Exception as error:  # noqa: BLE001 - calamine's errors share no base
        raise ReadError(
            ReadErrorCode.UNREADABLE_WORKBOOK,
            f"The sheet {name!r} cannot be read: {error}.",
            sheet=name,
        ) from error
    if sheet.start is None:
        raise NotATableError("empty")
    offset = sheet.start[1]
    width = sheet.end[1] - offset + 1
    if width > context.limits.max_columns:
        raise too_many_columns(width, context.limits.max_columns)
    merges: list[Merge] = [
        (r0, c0 - offset, r1, c1 - offset)
        for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []
    ]

    def source() -> Iterator[NumberedRow]:
        for index, row in enumerate(sheet.iter_rows()):
            yield index + 1, [format_cell(value) for value in row]

    before, height = context.tracker.rows, sheet.end[0] + 1
    context.tracker.estimate = lambda rows: before + height
    table = read_grid(source, name=name, context=context, merges=merges, with_sums=True)
    return _with(table, {"sheet": name, "first_column": offset + 1})


def _with(table: RawTable, extra: dict[str, Any]) -> RawTable:
    return dataclasses.replace(table, detection={**extra, **table.detection})
