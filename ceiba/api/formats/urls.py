"""Addresses of the metadata formats (the paths ceiba.interop.uris writes)."""

from django.urls import path, re_path

from ceiba.api.formats import documents, feeds, rdf

RDF = r"(?P<extension>ttl|rdf|jsonld)"

urlpatterns = [
    path("catalog", rdf.catalog_identifier, name="formats-catalog"),
    re_path(rf"^catalog\.{RDF}$", rdf.catalog_document, name="formats-catalog-rdf"),
    re_path(
        rf"^datos/(?P<slug>[-a-zA-Z0-9_]+)\.{RDF}$",
        rdf.dataset_document,
        name="formats-dataset-rdf",
    ),
    path(
        "id/datos/<str:dataset_id>", rdf.dataset_identifier, name="formats-dataset-id"
    ),
    path("data.json", documents.data_json, name="formats-data-json"),
    path(
        "datos/<slug:slug>/datapackage.json",
        documents.dataset_datapackage,
        name="formats-datapackage",
    ),
    path(
        "datos/<slug:slug>/tablas/<uuid:table_id>/tableschema.json",
        documents.table_schema,
        name="formats-table-schema",
    ),
    path("feeds/datos.atom", feeds.DatasetsFeed(), name="formats-feed"),
    path(
        "feeds/instituciones/<slug:slug>.atom",
        feeds.InstitutionFeed(),
        name="formats-feed-institution",
    ),
    path("feeds/temas/<slug:code>.atom", feeds.ThemeFeed(), name="formats-feed-theme"),
    path(
        "feeds/datos/<slug:slug>.atom",
        feeds.DatasetVersionsFeed(),
        name="formats-feed-dataset",
    ),
]
