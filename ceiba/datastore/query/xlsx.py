"""Query results as an Excel workbook, written row by row in constant memory.

A ZIP file can only be sent once it is complete, so the workbook is written to the
export's private folder first (xlsxwriter's ``constant_memory`` mode keeps one row
in memory), then streamed. A sheet holds 1,048,576 rows, the header included:
``export_query`` refuses larger results before anything is written.
"""

from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from ceiba.datastore.query.plan import Plan, full_statement
from ceiba.datastore.query.sandbox import Session
from ceiba.datastore.query.streams import BATCH_ROWS, file_chunks, neutralised

MAX_XLSX_ROWS = 1_048_576 - 1  # rows of data in one sheet, below the header
MAX_CELL_TEXT = 32_767
EXACT_INTEGER = 2**53  # larger integers lose digits as Excel numbers: written as text
SHEET_NAME = "datos"
OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "nan_inf_to_errors": True,
    "remove_timezone": True,
}
NUMBER_FORMATS = {
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm:ss",
    "time": "hh:mm:ss",
}


def xlsx_chunks(session: Session, plan: Plan, folder: Path) -> Iterator[bytes]:
    target = folder / "export.xlsx"
    workbook = xlsxwriter.Workbook(str(target), OPTIONS)
    try:
        sheet = workbook.add_worksheet(SHEET_NAME)
        formats = _formats(workbook)
        for column, field in enumerate(plan.output):
            sheet.write_string(0, column, neutralised(field.name), formats["header"])
        sql, params = full_statement(plan)
        row = 1
        for batch in session.relation(sql, params).to_arrow_reader(BATCH_ROWS):
            session.deadline.check()
            row = write_batch(sheet, batch, row, formats)
    finally:
        workbook.close()
    yield from file_chunks(target, session)


def write_batch(
    sheet: Worksheet, batch: pa.RecordBatch, first_row: int, formats: dict[str, Format]
) -> int:
    """Write ``batch`` from ``first_row``; return the next free row."""
    columns = [column.to_pylist() for column in batch.columns]
    for offset, values in enumerate(zip(*columns, strict=True)):
        for column, value in enumerate(values):
            if value is not None:
                write_cell(sheet, first_row + offset, column, value, formats)
    return first_row + batch.num_rows


def write_cell(
    sheet: Worksheet, row: int, column: int, value: Any, formats: dict[str, Format]
) -> None:
    """One typed cell: numbers as numbers, dates as dates, text made inert."""
    for kind, write in _CELL_WRITERS:
        if isinstance(value, kind):
            write(sheet, row, column, value, formats)
            return
    sheet.write_string(row, column, neutralised(str(value))[:MAX_CELL_TEXT])


def _formats(workbook: xlsxwriter.Workbook) -> dict[str, Format]:
    formats = {
        name: workbook.add_format({"num_format": pattern})
        for name, pattern in NUMBER_FORMATS.items()
    }
    formats["header"] = workbook.add_format({"bold": True})
    return formats


def _boolean(sheet: Worksheet, row: int, column: int, value: bool, _: Any) -> None:
    sheet.write_boolean(row, column, value)


def _integer(sheet: Worksheet, row: int, column: int, value: int, _: Any) -> None:
    if abs(value) < EXACT_INTEGER:
        sheet.write_number(row, column, value)
    else:
        sheet.write_string(row, column, str(value))


def _number(sheet: Worksheet, row: int, column: int, value: Any, _: Any) -> None:
    sheet.write_number(row, column, float(value))


def _text(sheet: Worksheet, row: int, column: int, value: str, _: Any) -> None:
    sheet.write_string(row, column, neutralised(value)[:MAX_CELL_TEXT])


def _moment(kind: str) -> Callable[..., None]:
    def write(
        sheet: Worksheet, row: int, column: int, value: Any, formats: Any
    ) -> None:
        sheet.write_datetime(row, column, value, formats[kind])

    return write


# Checked in order: bool before int (a bool is an int), datetime before date.
_CELL_WRITERS: tuple[tuple[type | tuple[type, ...], Callable[..., None]], ...] = (
    (bool, _boolean),
    (int, _integer),
    ((float, Decimal), _number),
    (datetime, _moment("datetime")),
    (date, _moment("date")),
    (time, _moment("time")),
    (str, _text),
)
