"""A table's page: preview with filters, sorting and totals; its data dictionary;
and downloads of the whole or filtered table in open formats."""

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ceiba.catalog import selectors
from ceiba.datastore.query.exports import export_query
from ceiba.datastore.query.preview import parse_params, preview_query, preview_table
from ceiba.datastore.query.tablequery import TableQuery
from ceiba.datastore.selectors import datastore_table_files, datastore_table_for_dataset
from ceiba.web.table_links import (
    TableLinks,
    columns_for_page,
    rows_for_page,
    totals_for_page,
)

EXPORT_FORMATS = ("csv", "json", "xlsx", "parquet")


@require_safe
def table_detail(request: HttpRequest, slug: str, table_id: str) -> HttpResponse:
    dataset = selectors.dataset_get(slug=slug, actor=request.user)
    table = datastore_table_for_dataset(dataset_id=dataset.pk, table_id=table_id)
    files = datastore_table_files(table=table)
    preview = preview_table(str(table.pk), files, request.GET, schema=table.schema)
    links = TableLinks(request.GET, preview)
    return render(
        request,
        "web/table_detail.html",
        {
            "dataset": dataset,
            "table": table,
            "file": table.revision.distribution.title,
            "preview": preview,
            "links": links,
            "columns": columns_for_page(links),
            "rows": rows_for_page(links),
            "totals": totals_for_page(links),
            "previous_url": links.page(preview.page - 1),
            "next_url": links.page(preview.page + 1),
            "fields": table.schema.get("fields", []),
            "export_formats": EXPORT_FORMATS,
        },
    )


@require_safe
def table_export(
    request: HttpRequest, slug: str, table_id: str, file_format: str
) -> HttpResponse:
    """The whole table, or the rows the page's filters select, as a file."""
    dataset = selectors.dataset_get(slug=slug, actor=request.user)
    table = datastore_table_for_dataset(dataset_id=dataset.pk, table_id=table_id)
    files = datastore_table_files(table=table)
    export = export_query(
        _filtered_query(str(table.pk), request, table.schema),
        files,
        file_format,
        filename=f"{dataset.slug}-{table.position + 1}.{file_format}",
    )
    response = StreamingHttpResponse(export.chunks, content_type=export.media_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["Cache-Control"] = (
        "public, max-age=300" if dataset.is_published else "private"
    )
    return response


def _filtered_query(table_id: str, request: HttpRequest, schema: dict) -> TableQuery:
    """The rows the preview's filters and search select (exports ignore paging)."""
    names = {field["name"]: field for field in schema.get("fields", [])}
    return preview_query(table_id, parse_params(request.GET, names))
