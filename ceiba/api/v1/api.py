"""The native REST API: one NinjaAPI at /api/v1/ with a router per resource.

Besides the operations, its URL list answers every other address under /api/v1/
with a problem-details 404 and turns Ninja's bare 405 into a problem too, so no
error of this API is an HTML page.
"""

import functools
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path, re_path, reverse
from ninja import NinjaAPI

from ceiba.api.v1 import (
    datasets,
    files,
    institutions,
    sql,
    tables,
    versions,
    vocabularies,
)
from ceiba.api.v1.docs import ServerRenderedDocs
from ceiba.api.v1.errors import (
    ApiNotFoundError,
    MethodNotAllowedError,
    install_error_handlers,
    problem,
)
from ceiba.api.v1.openapi import finish_schema
from ceiba.api.v1.present import NAMESPACE
from ceiba.api.v1.tables import json_response

VERSION = "1.0.0"
DESCRIPTION = (
    "Read Guatemala's open data catalog and query its tables. No registration: an "
    "API token is optional. Lists are paged with page and page_size (next and "
    "previous links, total); table rows with a cursor (next). Errors are RFC 9457 "
    "problem details. Guide: docs/reusers/rest-api.md."
)


class CeibaApi(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> dict[str, Any]:
        return finish_schema(dict(super().get_openapi_schema(**kwargs)))

    def _get_urls(self) -> list[URLPattern | URLResolver]:
        patterns = []
        for pattern in super()._get_urls():
            if getattr(pattern, "name", None) == "api-root":
                patterns.append(
                    path("", _csrf_exempt(self._index_view()), name="api-root")
                )
                continue
            if isinstance(pattern, URLPattern):
                pattern.callback = _problem_405(pattern.callback)
            patterns.append(pattern)
        patterns.append(re_path(r"^.*$", _csrf_exempt(_not_found), name="not-found"))
        return patterns

    def _index_view(self) -> Any:
        def index(request: HttpRequest, **kwargs: Any) -> HttpResponse:
            return self.index(request)

        return index

    def index(self, request: HttpRequest) -> HttpResponse:
        """``/api/v1/``: where everything is."""
        if request.method not in ("GET", "HEAD"):
            return _not_allowed(request, ["GET"])
        names = {
            "datasets": "dataset-list",
            "search": "search",
            "institutions": "institution-list",
            "themes": "theme-list",
            "places": "place-list",
            "licences": "licence-list",
            "frequencies": "frequency-list",
            "sql": "sql",
        }
        return json_response(
            {
                "title": self.title,
                "version": self.version,
                "openapi": _absolute(request, "openapi-json"),
                "docs": _absolute(request, "openapi-view"),
                "endpoints": {k: _absolute(request, v) for k, v in names.items()},
            }
        )


def _absolute(request: HttpRequest, name: str) -> str:
    return request.build_absolute_uri(reverse(f"{NAMESPACE}:{name}"))


def _csrf_exempt(view: Any) -> Any:
    view.csrf_exempt = True
    return view


def _not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return problem(ApiNotFoundError())


def _not_allowed(request: HttpRequest, allowed: list[str]) -> HttpResponse:
    response = problem(MethodNotAllowedError(method=request.method or ""))
    response["Allow"] = ", ".join(allowed)
    return response


def _problem_405(view: Any) -> Any:
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and "Allow" in response:
            allowed = [m.strip() for m in response["Allow"].split(",") if m.strip()]
            return _not_allowed(request, allowed)
        return response

    wrapper.csrf_exempt = True
    return wrapper


api = CeibaApi(
    title="Ceiba: the open data API of Guatemala",
    version=VERSION,
    description=DESCRIPTION,
    urls_namespace=NAMESPACE,
    docs=ServerRenderedDocs(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
install_error_handlers(api)
for module in (datasets, files, versions, institutions, vocabularies, tables, sql):
    api.add_router("", module.router)
