"""Reading an action's parameters from the query string or the request body.

CKAN accepts JSON bodies (whatever their Content-Type says), forms and multipart
forms; clients such as ``ckanapi`` POST reads too. Oversized and malformed bodies
are refused with a message saying what to send instead.
"""

import json
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, QueryDict
from django.http.multipartparser import MultiPartParserError

from ceiba.api.ckan.errors import (
    BodyNotObjectError,
    BodyTooLargeError,
    MalformedBodyError,
)
from ceiba.api.ckan.params import Params

FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")


def _flatten(querydict: QueryDict) -> dict[str, Any]:
    """One value per name, a list when the name is repeated (``res_format``…)."""
    values: dict[str, Any] = {}
    for name in querydict:
        items = querydict.getlist(name)
        values[name] = items[0] if len(items) == 1 else items
    return values


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _json_body(request: HttpRequest) -> dict[str, Any]:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit and _declared_length(request) > limit:
        raise BodyTooLargeError(limit=limit)
    try:
        raw = request.body
    except RequestDataTooBig:
        raise BodyTooLargeError(limit=limit) from None
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except UnicodeDecodeError:
        raise MalformedBodyError(detail="not UTF-8 text") from None
    except ValueError as exc:
        raise MalformedBodyError(detail=str(exc)) from None
    if not isinstance(body, dict):
        raise BodyNotObjectError()
    return body


def _form_body(request: HttpRequest) -> Params:
    limit = settings.CEIBA_MAX_UPLOAD_BYTES
    if _declared_length(request) > limit + settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
        raise BodyTooLargeError(limit=limit)
    try:
        values = _flatten(request.POST)
        files = {name: request.FILES[name] for name in request.FILES}
    except RequestDataTooBig:
        raise BodyTooLargeError(limit=settings.DATA_UPLOAD_MAX_MEMORY_SIZE) from None
    except (MultiPartParserError, TooManyFieldsSent) as exc:
        raise MalformedBodyError(detail=str(exc)) from None
    if getattr(request, "upload_too_large", False):
        raise BodyTooLargeError(limit=limit)
    return Params(values, files)


def read_params(request: HttpRequest) -> Params:
    query = _flatten(request.GET)
    if request.method != "POST":
        return Params(query)
    content_type = request.content_type or ""
    if content_type.startswith(FORM_TYPES):
        params = _form_body(request)
        return Params({**query, **params.values}, params.files)
    return Params({**query, **_json_body(request)})
