"""The one place where Ceiba's errors become pages: errors/<status>.html."""

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ceiba.common.errors import CeibaError

logger = logging.getLogger(__name__)


def render_error(request: HttpRequest, error: CeibaError) -> HttpResponse:
    template = (
        f"errors/{error.status}.html"
        if error.status in {400, 403, 404, 409, 413}
        else "errors/error.html"
    )
    return render(
        request,
        template,
        {"message": error.render(), "code": error.code, "status": error.status},
        status=error.status,
    )


class CeibaErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if isinstance(exception, CeibaError):
            return render_error(request, exception)
        return None


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "errors/404.html", {"status": 404}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", {"status": 500}, status=500)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "errors/403.html", {"status": 403}, status=403)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "errors/400.html", {"status": 400}, status=400)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A tampered or expired form: say so and keep nothing."""
    return render(request, "errors/csrf.html", {"status": 403}, status=403)
