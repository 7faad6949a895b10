"""What every metadata address shares: public reads open to any origin (CORS),
GET/HEAD only, and validators for conditional requests."""

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.utils.http import http_date

View = Callable[..., HttpResponse]
ALLOWED = ["GET", "HEAD", "OPTIONS"]


def public_read(view: View) -> View:
    """GET and HEAD for anyone, from any origin; OPTIONS answers CORS preflights
    (sent when a browser script adds If-None-Match or If-Modified-Since)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ", ".join(ALLOWED)
            response["Access-Control-Allow-Headers"] = (
                "Accept, If-None-Match, If-Modified-Since"
            )
            response["Access-Control-Max-Age"] = "86400"
        elif request.method not in {"GET", "HEAD"}:
            return HttpResponseNotAllowed(ALLOWED)
        else:
            response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Link"
        return response

    return wrapper


def document(
    body: bytes | str, media_type: str, *, last_modified: dt.datetime | None = None
) -> HttpResponse:
    """A metadata document. The ETag comes from its bytes (ConditionalGetMiddleware,
    which also answers If-None-Match and If-Modified-Since with 304)."""
    response = HttpResponse(body, content_type=f"{media_type}; charset=utf-8")
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    return response
