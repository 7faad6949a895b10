"""Why a query was refused or stopped: one error class, a stable code per reason.

Every refusal of the query layer is a ``QueryError``; ``code`` says which (tests and
API clients rely on it), ``fields`` carries the names the message mentions
(``field``, ``table``, ``limit``…) and ``detail`` DuckDB's own words where they help
the person fix their SQL. DuckDB exceptions never leave this package untranslated.
"""

from typing import Any

import duckdb
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ceiba.common.errors import CeibaError

MESSAGES: dict[str, str | Promise] = {
    "unknown_table": _("There is no table %(table)s. Check the table identifier."),
    "unknown_field": _(
        "The table has no column %(field)s. Check the column names in the data "
        "dictionary."
    ),
    "invalid_operator": _(
        "The filter operator %(op)s does not exist or cannot be used on column "
        "%(field)s. Use eq, ne, lt, lte, gt, gte, in, contains, startswith or isnull."
    ),
    "invalid_value": _(
        "The value given for column %(field)s is not a valid %(type)s. Correct the "
        "value and try again."
    ),
    "too_many_values": _(
        "The filter on column %(field)s lists more than %(limit)s values. Split the "
        "query or filter by a range."
    ),
    "invalid_argument": _(
        "The parameter %(argument)s has a value that cannot be used. Check the "
        "query API documentation and try again."
    ),
    "invalid_cursor": _(
        "The page cursor is not valid for this query. Start again from the first page."
    ),
    "syntax_error": _("The SQL could not be read: %(detail)s"),
    "invalid_sql": _("The SQL could not be run: %(detail)s"),
    "not_select": _(
        "Only SELECT queries (optionally starting with WITH) are accepted. The data "
        "cannot be changed through this endpoint."
    ),
    "multiple_statements": _(
        "Send one SQL statement at a time, without a semicolon between statements."
    ),
    "forbidden_function": _(
        "The SQL uses %(function)s, which is not available here. Query the portal's "
        "tables with standard SQL functions."
    ),
    "forbidden": _("The query tried to reach something outside the portal's tables."),
    "timeout": _(
        "The query took longer than %(seconds)s seconds and was stopped. Add filters "
        "or ask for fewer rows."
    ),
    "out_of_memory": _(
        "The query needed more memory than the portal allows. Add filters, group the "
        "rows or ask for fewer columns."
    ),
    "too_many_rows": _(
        "The result has more than %(limit)s rows. Add a LIMIT, filter the rows or "
        "download the whole result as a file."
    ),
    "result_too_large": _(
        "The result is larger than %(limit)s bytes. Ask for fewer rows or columns, "
        "or download the whole result as a file."
    ),
    "too_many_rows_for_xlsx": _(
        "The result has %(rows)s rows but an Excel sheet holds at most %(limit)s "
        "rows of data. Filter the rows or download CSV or Parquet instead."
    ),
    "query_failed": _("The query failed: %(detail)s"),
}

STATUSES = {"unknown_table": 404}
DETAIL_CODES = {"syntax_error", "invalid_sql", "query_failed"}


class QueryError(CeibaError):
    """A refused or stopped query. ``QueryError("unknown_field", field="monto")``."""

    code = "query_failed"
    status = 400

    def __init__(self, code: str, *, detail: str = "", **fields: Any) -> None:
        if detail or code in DETAIL_CODES:
            fields["detail"] = detail
        super().__init__(MESSAGES.get(code, MESSAGES["query_failed"]), **fields)
        self.code = code
        self.status = STATUSES.get(code, 400)
        self.detail = detail

    @property
    def field(self) -> str | None:
        return self.fields.get("field")

    def as_dict(self) -> dict[str, Any]:
        """The code and the names involved, for an API's error body."""
        return {"code": self.code, **{k: str(v) for k, v in self.fields.items()}}


def translate(error: duckdb.Error, *, timed_out: bool, seconds: float) -> QueryError:
    """The QueryError for a DuckDB exception raised while a query ran."""
    if isinstance(error, duckdb.InterruptException) or timed_out:
        return QueryError("timeout", seconds=_seconds(seconds))
    if isinstance(error, duckdb.OutOfMemoryException):
        return QueryError("out_of_memory")
    if isinstance(error, duckdb.PermissionException):
        return QueryError("forbidden")
    if isinstance(error, duckdb.ParserException):
        return QueryError("syntax_error", detail=_first_line(error))
    if isinstance(error, duckdb.BinderException | duckdb.CatalogException):
        return QueryError("invalid_sql", detail=_first_line(error))
    return QueryError("query_failed", detail=_first_line(error))


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else ""


def _seconds(seconds: float) -> str:
    return f"{seconds:g}"
