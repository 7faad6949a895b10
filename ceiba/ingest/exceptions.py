"""Why a file could not become a table, in words a publisher understands."""

from django.utils.translation import gettext_lazy as _

from ceiba.common.errors import CeibaError, ValidationError


class IngestError(CeibaError):
    code = "ingest_failed"
    status = 400
    message = _(
        "The file could not be turned into a table. Check that it is a table with a "
        "header row, export it again and upload it again."
    )


# Messages per reader error code; unknown codes fall back to IngestError's message.
READ_ERROR_MESSAGES = {
    "empty_file": _("The file is empty. Upload the file that holds the data."),
    "unreadable_encoding": _(
        "The file's text could not be read. Save it as CSV UTF-8 from your "
        "spreadsheet program and upload it again."
    ),
    "not_tabular": _(
        "No table was found in the file: it needs a header row followed by rows of "
        "data. Remove titles, images and notes, or upload the data as CSV."
    ),
    "too_many_columns": _(
        "The file has more columns than the portal accepts. Check the separator, or "
        "split the table."
    ),
    "zip_bomb": _(
        "The file expands to far more data than its size suggests, so it was refused "
        "for safety. Export it again from your spreadsheet program."
    ),
    "macros_not_allowed": _(
        "The workbook contains macros, which the portal does not publish. Save it as "
        "a plain .xlsx workbook (without macros) or as CSV and upload it again."
    ),
    "encrypted_workbook": _(
        "The workbook is protected with a password. Save it without a password and "
        "upload it again."
    ),
    "unreadable_workbook": _(
        "The workbook could not be opened. Open it in your spreadsheet program, save "
        "it again as .xlsx or .ods and upload it again."
    ),
    "malformed_csv": _(
        "The CSV file is malformed (for example, a quote that is never closed). "
        "Export it again from the program that made it and upload it again."
    ),
    "line_too_long": _(
        "A line of the file is far too long to be a row of a table. Check the "
        "separator and the line endings, or export it again."
    ),
    "invalid_json": _(
        "The JSON file is not valid JSON. Check it with a JSON validator and upload "
        "it again."
    ),
    "binary_not_text": _(
        "The file contains binary data where text was expected. Export it again as "
        "CSV and upload it again."
    ),
    "json_not_tabular": _(
        "The JSON file is not a list of records with the same fields, so it cannot "
        "be shown as a table. The file is still published for download."
    ),
    "file_too_large": _(
        "The file is too large to be turned into a table here. It is still published "
        "for download."
    ),
}


def ingest_error_from(code: str, detail: str = "", **fields: object) -> IngestError:
    error = IngestError(READ_ERROR_MESSAGES.get(code), **fields)
    error.code = str(code) or IngestError.code
    error.detail = detail
    return error


class DictionaryError(ValidationError):
    """A data dictionary edit that cannot be applied; nothing was changed."""

    code = "invalid_dictionary"
    message = _(
        "The data dictionary could not be saved. Correct the marked columns and try "
        "again."
    )

    def __init__(self, *, detail: str = "", **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.detail = detail
