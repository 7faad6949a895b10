from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class ContentSecurityPolicyMiddleware:
    """Pages load nothing from other sites and run no inline script."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", _POLICY)
        return response


class CompressPagesMiddleware(GZipMiddleware):
    """Compress pages and API bodies, never file downloads.

    Compressing a download would break its Content-Length and byte ranges, so a
    cut download could not resume.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponse
    ) -> HttpResponse:
        if response.has_header("Accept-Ranges"):
            return response
        return super().process_response(request, response)


class SpanishFirstLocaleMiddleware(LocaleMiddleware):
    """Spanish unless the visitor chose another language with the switch.

    The browser's Accept-Language is not followed: the portal speaks Spanish first,
    and a visible switch (stored in a cookie) offers the other languages.
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        available = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class PublicCacheMiddleware:
    """Let nginx or a CDN cache what anonymous visitors see, briefly.

    Only successful GET/HEAD answers to visitors who are not signed in and that set
    no cookie; the language cookie changes the page, hence ``Vary: Cookie``.
    """

    MAX_AGE = 60

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.method in {"GET", "HEAD"}
            and response.status_code == 200
            and not request.user.is_authenticated
            and not response.cookies
            and "Cache-Control" not in response
        ):
            response["Cache-Control"] = f"public, max-age={self.MAX_AGE}"
            patch_vary_headers(response, ["Cookie"])
        return response
