"""Tables: a table's data dictionary and validation summary, and its rows —
filtered, sorted, grouped and paged by cursor — as JSON, CSV, XLSX or Parquet."""

import uuid
from typing import Annotated

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from ninja import Path, Query, Router

from ceiba.api.http import api_actor
from ceiba.api.v1 import present
from ceiba.api.v1.access import table_for_actor
from ceiba.api.v1.lookups import dataset_changed_at, set_last_modified
from ceiba.api.v1.pagination import url_with
from ceiba.api.v1.params import allowed_names, reject_unknown
from ceiba.api.v1.rowquery import RowsQuery, plain_rows, table_query
from ceiba.api.v1.schemas import RowsOut, TableOut
from ceiba.datastore.models import DatastoreTable
from ceiba.datastore.query import export_query, run_query
from ceiba.datastore.selectors import datastore_table_files

router = Router(tags=["tables"])
TableId = Annotated[uuid.UUID, Path(description="The table's id.")]
ALLOWED = allowed_names(RowsQuery)


def json_response(body: dict) -> JsonResponse:
    return JsonResponse(
        body, encoder=DjangoJSONEncoder, json_dumps_params={"ensure_ascii": False}
    )


@router.get(
    "/tables/{table_id}",
    response=TableOut,
    url_name="table-detail",
    summary="One table: data dictionary and validation",
)
def table_detail(
    request: HttpRequest, table_id: TableId, response: HttpResponse
) -> dict:
    """A table's columns (Frictionless Table Schema), size, validation summary and
    download links."""
    reject_unknown(request, ())
    table = table_for_actor(table_id=table_id, actor=api_actor(request))
    dataset = table.revision.distribution.dataset
    set_last_modified(response, max(table.created_at, dataset_changed_at(dataset)))
    return present.table_out(request, table)


@router.get(
    "/tables/{table_id}/rows",
    response=RowsOut,
    url_name="table-rows",
    summary="Query a table's rows",
)
def table_rows(
    request: HttpRequest, table_id: TableId, params: Query[RowsQuery]
) -> HttpResponse:
    """Rows filtered, sorted and paged (follow ``next``), or grouped with counts,
    sums, averages, minimums and maximums; or every matching row as a file."""
    reject_unknown(request, ALLOWED)
    table = table_for_actor(table_id=table_id, actor=api_actor(request))
    known = [f.get("name") for f in table.schema.get("fields", []) if f.get("name")]
    query = table_query(str(table.pk), params, known)
    files = datastore_table_files(table=table)
    if params.format != "json":
        return _export(table, query, files, params.format)
    result = run_query(query, files)
    return json_response(
        {
            "table": str(table.pk),
            "fields": result.fields,
            "rows": plain_rows(result.rows),
            "total": result.total,
            "page_size": params.page_size,
            "next_cursor": result.next_cursor,
            "next": url_with(request, cursor=result.next_cursor)
            if result.next_cursor
            else None,
            "took_ms": result.took_ms,
        }
    )


def _export(
    table: DatastoreTable, query: object, files: dict, file_format: str
) -> StreamingHttpResponse:
    dataset = table.revision.distribution.dataset
    export = export_query(
        query,
        files,
        file_format,
        filename=f"{dataset.slug}-{table.position + 1}.{file_format}",
    )
    response = StreamingHttpResponse(export.chunks, content_type=export.media_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response
