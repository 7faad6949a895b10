"""Finishing touches on the generated OpenAPI 3.1 document: errors as problem
details on every operation, the optional token, conditional GETs and the file
formats of table exports."""

from typing import Any

from ceiba.api.v1.schemas import Problem

PROBLEM = "application/problem+json"
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
ERRORS = {
    "400": "The parameters are not valid (see `errors`).",
    "403": "The API token is not valid, has expired or lacks the scope.",
    "429": "Too many requests: wait the seconds in Retry-After.",
}
TOO_LONG = (
    "The address is longer than the web server accepts: send fewer or shorter "
    "parameters (SQL: use POST)."
)
NOT_FOUND = "Nothing at this address, or nothing this caller may see."
EXPORT_TYPES = {
    "text/csv": {"schema": {"type": "string"}},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
        "schema": {"type": "string", "contentMediaType": "application/octet-stream"}
    },
    "application/vnd.apache.parquet": {
        "schema": {"type": "string", "contentMediaType": "application/octet-stream"}
    },
}
SECURITY = {
    "token": {
        "type": "http",
        "scheme": "bearer",
        "description": "Optional. A token from your profile page: drafts of your "
        "institutions become visible and the rate limit is higher.",
    }
}


def _problem(description: str) -> dict[str, Any]:
    return {"description": description, "content": {PROBLEM: {"schema": PROBLEM_REF}}}


def _finish_operation(path: str, method: str, operation: dict[str, Any]) -> None:
    responses = operation.setdefault("responses", {})
    responses = {str(code): value for code, value in responses.items()}
    for code, description in ERRORS.items():
        responses.setdefault(code, _problem(description))
    if "{" in path or method == "post":
        responses.setdefault("404", _problem(NOT_FOUND))
    if method == "post":
        responses.setdefault("413", _problem("The body is too large."))
        responses.setdefault("415", _problem("The body is not JSON nor a form."))
    if method == "get":
        responses.setdefault("304", {"description": "Not modified (ETag matched)."})
        responses.setdefault("414", {"description": TOO_LONG})
    if path.endswith("/rows"):
        responses["200"].setdefault("content", {}).update(EXPORT_TYPES)
    operation["responses"] = responses


def finish_schema(schema: dict[str, Any]) -> dict[str, Any]:
    components = schema.setdefault("components", {})
    components.setdefault("schemas", {})["Problem"] = Problem.model_json_schema()
    components["securitySchemes"] = SECURITY
    schema["security"] = [{}, {"token": []}]
    for path, item in schema.get("paths", {}).items():
        for method, operation in item.items():
            if isinstance(operation, dict):
                _finish_operation(path, method, operation)
    return schema
