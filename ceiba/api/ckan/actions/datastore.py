"""CKAN DataStore reads over our tables: ``datastore_search`` and
``datastore_info``. A ``resource_id`` is a file's id (its first table) or a
table's id (for the other sheets of a workbook)."""

import uuid
from typing import Any
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from ceiba.api.ckan import lookups
from ceiba.api.ckan.call import Call
from ceiba.api.ckan.errors import (
    DatastoreNotFoundError,
    MissingParameterError,
    ParameterError,
    ResourceNotFoundError,
)
from ceiba.datastore.models import DatastoreTable
from ceiba.datastore.query import (
    DEFAULT_LIMITS,
    Filter,
    QueryError,
    TableQuery,
    ckan_type,
    run_query,
    table_columns,
)
from ceiba.datastore.selectors import (
    datastore_table_files,
    datastore_table_get,
    datastore_tables_for_distribution,
)

DEFAULT_LIMIT = 100
# Which parameter a query refusal is about, for CKAN's 409 field errors.
PARAMETERS = {
    "unknown_field": "fields",
    "invalid_operator": "filters",
    "invalid_value": "filters",
    "too_many_values": "filters",
    "invalid_argument": "offset",
    "too_many_rows": "limit",
}


def _table(call: Call) -> DatastoreTable:
    ref = call.params.text("resource_id").strip() or call.params.text("id").strip()
    if not ref:
        raise MissingParameterError("resource_id")
    actor = call.reader()
    try:
        distribution = lookups.resource_by_id(ref, actor)
    except ResourceNotFoundError:
        table = datastore_table_get(table_id=ref) if _is_uuid(ref) else None
        if table is None:
            raise DatastoreNotFoundError(resource_id=ref[:100]) from None
        lookups.resource_by_id(str(table.revision.distribution_id), actor)
        return table
    tables = datastore_tables_for_distribution(distribution_id=distribution.pk)
    if not tables:
        raise DatastoreNotFoundError(resource_id=ref[:100])
    return tables[0]


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def _ckan_error(error: QueryError) -> QueryError:
    parameter = PARAMETERS.get(error.code)
    if parameter:
        error.status = 409
        error.ckan_fields = {parameter: [error.render()]}
    return error


def _filters(call: Call) -> list[Filter]:
    filters = []
    for name, value in call.params.mapping("filters").items():
        if isinstance(value, list):
            filters.append(Filter(name, "in", value))
        elif isinstance(value, dict):
            raise ParameterError("filters", _("A filter value cannot be an object."))
        else:
            filters.append(Filter(name, "eq", value))
    return filters


def _q(call: Call) -> tuple[str | None, list[Filter]]:
    """CKAN's ``q``: text in any column, or ``{"column": "text"}``."""
    raw = call.params.raw("q")
    if isinstance(raw, str) and raw.strip().startswith("{"):
        raw = call.params.mapping("q")
    if isinstance(raw, dict):
        return None, [Filter(str(k), "contains", str(v)) for k, v in raw.items()]
    return (call.params.text("q").strip() or None), []


def _sort(call: Call) -> list[tuple[str, str]]:
    keys = []
    for part in call.params.items("sort"):
        name, _sep, direction = str(part).strip().strip('"').partition(" ")
        direction = direction.strip().strip('"').lower() or "asc"
        if direction not in {"asc", "desc"}:
            raise ParameterError("sort", _("Sort by “column” or “column desc”."))
        keys.append((name.strip('"'), direction))
    return keys


def _links(call: Call, offset: int, limit: int, ref: str) -> dict[str, str]:
    base = "/api/3/action/datastore_search?"
    return {
        "start": base + urlencode({"resource_id": ref, "limit": limit}),
        "next": base
        + urlencode({"resource_id": ref, "limit": limit, "offset": offset + limit}),
    }


def _query(call: Call, table: DatastoreTable) -> TableQuery:
    if call.params.text("records_format", "objects") != "objects":
        raise ParameterError(
            "records_format", _("Only the “objects” records format is available.")
        )
    q, text_filters = _q(call)
    fields = [str(f) for f in call.params.items("fields")] or None
    return TableQuery(
        table_id=str(table.pk),
        filters=[*_filters(call), *text_filters],
        q=q,
        fields=fields,
        sort=_sort(call),
        limit=call.params.integer("limit", DEFAULT_LIMIT, high=DEFAULT_LIMITS.max_rows),
        offset=call.params.integer("offset", 0),
        distinct=call.params.boolean("distinct", False),
        include_total=call.params.boolean("include_total", True),
    )


def datastore_search(call: Call) -> dict[str, Any]:
    table = _table(call)
    query = _query(call, table)
    try:
        result = run_query(query, datastore_table_files(table=table))
    except QueryError as error:
        raise _ckan_error(error) from None
    ref = call.params.text("resource_id").strip() or str(table.pk)
    body = {
        "resource_id": ref,
        "fields": [
            {"id": f["name"], "type": ckan_type(f["type"])} for f in result.fields
        ],
        "records": result.rows,
        "limit": query.limit,
        "offset": query.offset,
        "_links": _links(call, query.offset, query.limit, ref),
        "include_total": query.include_total,
        "records_format": "objects",
    }
    if result.total is not None:
        body["total"] = result.total
        body["total_was_estimated"] = False
    return body


def datastore_info(call: Call) -> dict[str, Any]:
    table = _table(call)
    try:
        columns = table_columns(str(table.pk), datastore_table_files(table=table))
    except QueryError as error:
        raise _ckan_error(error) from None
    described = {f.get("name"): f for f in table.schema.get("fields", [])}
    fields = []
    for column in columns:
        info = described.get(column.name, {})
        fields.append(
            {
                "id": column.name,
                "type": ckan_type(column.type),
                "info": {
                    "label": info.get("title", ""),
                    "notes": info.get("description", ""),
                    "type_override": "",
                },
                "schema": {"native_type": column.sql_type, "is_index": False},
            }
        )
    return {
        "meta": {
            "count": table.row_count,
            "table_type": "BASE TABLE",
            "size": table.byte_size,
            "id": str(table.pk),
            "name": table.name,
        },
        "fields": fields,
        "schema": {f["id"]: f["type"] for f in fields},
    }
