"""The API's documentation page: server-rendered from the OpenAPI document, with
no script and nothing loaded from other sites (Swagger UI needs a CDN and
JavaScript, which the portal's CSP and offline readers do not allow)."""

from pathlib import Path
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template import engines
from ninja import NinjaAPI
from ninja.openapi.docs import DocsBase

TEMPLATE = Path(__file__).parent / "templates" / "docs.html"
METHODS = ("get", "post")


def operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Each operation of the document, in path order, ready for the template."""
    found = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            found.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "anchor": operation.get("operationId", ""),
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "tag": (operation.get("tags") or [""])[0],
                    "parameters": [
                        _parameter(p) for p in operation.get("parameters", [])
                    ],
                    "statuses": sorted(operation.get("responses", {})),
                }
            )
    return found


def _parameter(parameter: dict[str, Any]) -> dict[str, Any]:
    schema = parameter.get("schema", {})
    kind = schema.get("type") or "/".join(
        str(option.get("type"))
        for option in schema.get("anyOf", [])
        if "type" in option
    )
    if kind == "array":
        kind = f"{schema.get('items', {}).get('type', 'string')}[]"
    return {
        "name": parameter.get("name", ""),
        "where": parameter.get("in", ""),
        "type": kind,
        "required": parameter.get("required", False),
        "default": schema.get("default", ""),
        "choices": schema.get("enum", []),
        "description": parameter.get("description") or schema.get("description", ""),
    }


class ServerRenderedDocs(DocsBase):
    def render_page(
        self, request: HttpRequest, api: NinjaAPI, **kwargs: Any
    ) -> HttpResponse:
        schema = api.get_openapi_schema(path_params=kwargs)
        template = engines["django"].from_string(TEMPLATE.read_text(encoding="utf-8"))
        context = {
            "api": schema.get("info", {}),
            "operations": operations(schema),
            "openapi_url": self.get_openapi_url(api, kwargs),
        }
        return HttpResponse(template.render(context, request))
