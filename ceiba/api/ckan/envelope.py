"""CKAN's answer envelope: ``{"help", "success", "result"}`` or ``{"error"}``.

Errors follow CKAN: ``error.__type`` names the kind ("Validation Error", "Not Found
Error", "Authorization Error", "Search Query Error"…) and ``error.message`` says what
was wrong; validation errors list their fields' messages CKAN's way, a dictionary of
lists (``{"name": ["..."], "__type": "Validation Error"}``).
"""

import datetime as dt
import decimal
import json
import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse

from ceiba.common.errors import CeibaError, ValidationError

ERROR_TYPES = {
    400: "Bad request",
    403: "Authorization Error",
    404: "Not Found Error",
    409: "Validation Error",
    413: "Bad request",
    429: "Rate Limit Error",
}
CONTENT_TYPE = "application/json;charset=utf-8"


def help_url(request: HttpRequest, action: str = "") -> str:
    return request.build_absolute_uri(f"/api/3/action/help_show?name={action}")


def _default(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value) if value.is_finite() else str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


class RawJSON:
    """JSON already encoded (a stored package), placed as is in an answer."""

    __slots__ = ("data",)

    def __init__(self, data: bytes) -> None:
        self.data = data


# Stands for a RawJSON while the rest is encoded; random, so no text can forge it.
_RAW_MARK = f"\x00raw-{uuid.uuid4().hex}"
_RAW_QUOTED = json.dumps(_RAW_MARK).encode()


def json_bytes(body: object) -> bytes:
    raws: list[bytes] = []

    def default(value: Any) -> Any:
        if isinstance(value, RawJSON):
            raws.append(value.data)
            return _RAW_MARK
        return _default(value)

    encoded = json.dumps(
        body, ensure_ascii=False, separators=(",", ":"), default=default
    ).encode()
    if not raws:
        return encoded
    pieces = encoded.split(_RAW_QUOTED)
    out = [pieces[0]]
    for raw, piece in zip(raws, pieces[1:], strict=True):
        out += [raw, piece]
    return b"".join(out)


def success_response(request: HttpRequest, action: str, result: object) -> HttpResponse:
    body = {"help": help_url(request, action), "success": True, "result": result}
    return HttpResponse(json_bytes(body), content_type=CONTENT_TYPE)


def error_body(error: CeibaError) -> dict[str, object]:
    kind = getattr(error, "ckan_type", "") or ERROR_TYPES.get(error.status, "Error")
    body: dict[str, object] = {"__type": kind}
    field_errors = getattr(error, "ckan_fields", None)
    if field_errors is None and isinstance(error, ValidationError):
        field_errors = error.field_errors
    if field_errors:
        body.update(
            {name: [str(m) for m in msgs] for name, msgs in field_errors.items()}
        )
    else:
        body["message"] = error.render()
    return body


def error_response(
    request: HttpRequest, error: CeibaError, *, action: str = ""
) -> HttpResponse:
    body = {
        "help": help_url(request, action),
        "success": False,
        "error": error_body(error),
    }
    return HttpResponse(
        json_bytes(body), status=error.status, content_type=CONTENT_TYPE
    )
