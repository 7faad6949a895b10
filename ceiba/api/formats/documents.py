"""JSON documents: data.json (DCAT-US 1.1), each dataset's Data Package and each
table's Table Schema."""

import json
from collections.abc import Iterator

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse

from ceiba.api.formats.http import document, public_read
from ceiba.catalog import selectors
from ceiba.datastore.selectors import (
    datastore_table_for_dataset,
    datastore_tables_for_distribution,
)
from ceiba.interop import datajson, datapackage, reads


def _json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)


@public_read
def data_json(request: HttpRequest) -> HttpResponse:
    """The whole public catalog, streamed (DCAT-US has no paging)."""

    def chunks() -> Iterator[tuple[list, dict]]:
        batch: list = []
        for dataset in reads.iter_public_datasets():
            batch.append(dataset)
            if len(batch) == reads.CHUNK:
                yield batch, reads.tables_by_distribution(batch)
                batch = []
        if batch:
            yield batch, reads.tables_by_distribution(batch)

    return StreamingHttpResponse(
        datajson.iter_catalog_json(chunks()),
        content_type="application/json; charset=utf-8",
    )


@public_read
def dataset_datapackage(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = selectors.dataset_get(slug=slug, actor=request.user)
    tables = {
        file.pk: datastore_tables_for_distribution(distribution_id=file.pk)
        for file in dataset.live_distributions
    }
    body = _json(datapackage.package(dataset, tables))
    return document(body, "application/json", last_modified=reads.last_change(dataset))


@public_read
def table_schema(request: HttpRequest, slug: str, table_id: str) -> HttpResponse:
    dataset = selectors.dataset_get(slug=slug, actor=request.user)
    table = datastore_table_for_dataset(dataset_id=dataset.pk, table_id=table_id)
    body = _json(datapackage.table_schema(table))
    return document(body, "application/json", last_modified=table.created_at)
