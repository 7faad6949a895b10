"""Errors of the native API as RFC 9457 problem details."""

from django.http import HttpResponse, JsonResponse

from ceiba.common.errors import CeibaError, ValidationError

PROBLEM_TYPE = "https://datos.gob.gt/problemas/"


def problem_body(error: CeibaError) -> dict[str, object]:
    body: dict[str, object] = {
        "type": PROBLEM_TYPE + error.code.replace("_", "-"),
        "title": error.code.replace("_", " ").capitalize(),
        "status": error.status,
        "detail": error.render(),
        "code": error.code,
    }
    if isinstance(error, ValidationError) and error.field_errors:
        body["errors"] = error.field_errors
    return body


def problem_response(error: CeibaError) -> HttpResponse:
    return JsonResponse(
        problem_body(error),
        status=error.status,
        content_type="application/problem+json",
        json_dumps_params={"ensure_ascii": False},
    )
