"""The SQL endpoint: one SELECT over the published tables, run by DuckDB in a
sandbox (read-only, no files, no network, bounded time, memory and rows)."""

import json

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema
from pydantic import Field

from ceiba.api.v1.errors import BadRequestError, UnknownParameterError
from ceiba.api.v1.params import reject_unknown
from ceiba.api.v1.rowquery import plain_rows
from ceiba.api.v1.schemas import SqlOut
from ceiba.api.v1.tables import json_response
from ceiba.common.errors import CeibaError
from ceiba.datastore.query import run_sql
from ceiba.datastore.selectors import datastore_public_table_files

router = Router(tags=["sql"])
MAX_SQL = 100_000
MAX_GET_SQL = 4_000
SQL_HELP = (
    'One SELECT. Tables are named by their ids, in double quotes: SELECT * FROM "id".'
)
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class SqlQuery(Schema):
    # Addresses have length limits; longer queries go in a POST body.
    sql: str = Field(min_length=1, max_length=MAX_GET_SQL, description=SQL_HELP)


class UnsupportedMediaTypeError(CeibaError):
    code = "unsupported_media_type"
    status = 415
    message = _(
        "Send the query as JSON (application/json) or as a form field "
        "(application/x-www-form-urlencoded)."
    )


def _run(text: str) -> HttpResponse:
    result = run_sql(text.replace("\x00", ""), datastore_public_table_files())
    return json_response(
        {
            "fields": result.fields,
            "rows": plain_rows(result.rows),
            "total": result.total,
            "took_ms": result.took_ms,
        }
    )


@router.get("/sql", response=SqlOut, url_name="sql", summary="Run an SQL query")
def sql_get(request: HttpRequest, params: Query[SqlQuery]) -> HttpResponse:
    """The whole result of one SELECT (at most 10,000 rows), with its fields."""
    reject_unknown(request, ("sql",))
    return _run(params.sql)


SQL_BODY = {
    "type": "object",
    "properties": {
        "sql": {
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_SQL,
            "description": SQL_HELP,
        }
    },
    "required": ["sql"],
    "additionalProperties": False,
}


@router.post(
    "/sql",
    response=SqlOut,
    url_name="sql-post",
    summary="Run an SQL query sent in the body",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": SQL_BODY},
                "application/x-www-form-urlencoded": {"schema": SQL_BODY},
            },
        }
    },
)
def sql_post(request: HttpRequest) -> HttpResponse:
    """The same as GET, for queries too long for an address: send ``sql`` as JSON
    or as a form field."""
    reject_unknown(request, ())
    return _run(_sql_from_body(request))


def _sql_from_body(request: HttpRequest) -> str:
    content_type = request.content_type or ""
    if content_type == "application/json":
        try:
            data = json.loads(request.body or b"null")
        except (ValueError, UnicodeDecodeError) as error:
            raise BadRequestError(reason=_("the body is not valid JSON")) from error
    elif content_type in FORM_TYPES:
        data = {key: request.POST.getlist(key) for key in request.POST}
        data = {k: v[0] if len(v) == 1 else v for k, v in data.items()}
    else:
        raise UnsupportedMediaTypeError()
    return _checked_sql(data)


def _checked_sql(data: object) -> str:
    if not isinstance(data, dict):
        raise BadRequestError(reason=_("the body must be an object with a field sql"))
    unknown = sorted(str(key) for key in data if key != "sql")
    if unknown:
        raise UnknownParameterError(name=unknown[0][:100])
    text = data.get("sql")
    if not isinstance(text, str) or not 1 <= len(text) <= MAX_SQL:
        reason = _("sql must be text of 1 to %(limit)s characters")
        raise BadRequestError(reason=reason % {"limit": MAX_SQL})
    return text
