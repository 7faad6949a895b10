"""The portal's stable addresses, absolute, under ``CEIBA_SITE_URL``.

Datasets are identified by their id (``/id/datos/<uuid>``, which redirects to the
page), so renaming a dataset's address never changes its identifier. Pages and
downloads use the current slug. Metadata addresses are written here once; the
URL patterns in ``ceiba.api.formats`` serve exactly these paths.
"""

from typing import Any
from urllib.parse import urlencode

from django.conf import settings


def site_url() -> str:
    return settings.SITE_URL.rstrip("/")


def absolute(path: str) -> str:
    return site_url() + path


def catalog_uri() -> str:
    return absolute("/catalog")


def catalog_document(extension: str, **params: Any) -> str:
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return absolute(f"/catalog.{extension}") + (f"?{query}" if query else "")


def dataset_uri(dataset: Any) -> str:
    return absolute(f"/id/datos/{dataset.pk}")


def distribution_uri(dataset: Any, distribution: Any) -> str:
    return f"{dataset_uri(dataset)}#archivo-{distribution.pk}"


def dataset_page(dataset: Any) -> str:
    return absolute(dataset.get_absolute_url())


def dataset_document(dataset: Any, extension: str) -> str:
    return absolute(f"/datos/{dataset.slug}.{extension}")


def datapackage(dataset: Any) -> str:
    return absolute(f"/datos/{dataset.slug}/datapackage.json")


def version_page(dataset: Any, number: int) -> str:
    return absolute(f"/datos/{dataset.slug}/historial/{number}/")


def table_schema(dataset: Any, table: Any) -> str:
    return absolute(f"/datos/{dataset.slug}/tablas/{table.pk}/tableschema.json")


def table_page(dataset: Any, table: Any) -> str:
    return absolute(f"/datos/{dataset.slug}/tablas/{table.pk}/")


def table_csv(dataset: Any, table: Any) -> str:
    return absolute(f"/datos/{dataset.slug}/tablas/{table.pk}/exportar.csv")


def institution_uri(institution: Any) -> str:
    return absolute(institution.get_absolute_url())


def place_uri(place: Any) -> str:
    return absolute(f"/lugares/{place.slug}/")


def theme_uri(code: str) -> str:
    return absolute(f"/temas/{code}/")


def themes_scheme_uri() -> str:
    return absolute("/temas/")


def places_scheme_uri() -> str:
    return absolute("/lugares/")


def feed(kind: str = "", key: str = "") -> str:
    if not kind:
        return absolute("/feeds/datos.atom")
    return absolute(f"/feeds/{kind}/{key}.atom")
