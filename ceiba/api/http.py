"""What every address under /api/ shares: the caller's token, rate limits and CORS.

The API knows callers only by token (``Authorization`` or CKAN's
``X-CKAN-API-Key``), never by the session cookie: a page on another site could
otherwise make a signed-in browser write through the API. Views read the caller
from ``request.api_token`` (None for anonymous calls) through ``api_actor``.
"""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

from ceiba.accounts.exceptions import InvalidTokenError, TokenScopeError
from ceiba.accounts.models import ApiToken, TokenScope
from ceiba.accounts.selectors import token_find
from ceiba.accounts.services import token_mark_used
from ceiba.api.ckan.envelope import error_response as ckan_error_response
from ceiba.api.exceptions import RateLimitedError
from ceiba.api.problems import problem_response
from ceiba.common.errors import CeibaError

CKAN_PREFIXES = ("/api/3/", "/api/action/", "/api/util/")
RATE_WINDOW_SECONDS = 60
ALLOWED_HEADERS = "Authorization, X-CKAN-API-Key, Content-Type, If-None-Match"


def raw_token(request: HttpRequest) -> str:
    value = request.headers.get("Authorization") or request.headers.get(
        "X-CKAN-API-Key", ""
    )
    scheme, _, rest = value.strip().partition(" ")
    return rest.strip() if scheme.lower() in {"bearer", "token"} else value.strip()


def api_actor(request: HttpRequest, *, scope: str = TokenScope.READ) -> object:
    """The user a call acts as: the token's owner, or anonymous."""
    token: ApiToken | None = getattr(request, "api_token", None)
    if token is None:
        return AnonymousUser()
    if not token.allows(scope):
        raise TokenScopeError()
    return token.user


def _client_key(request: HttpRequest, token: ApiToken | None) -> tuple[str, int]:
    if token is not None:
        return f"token:{token.pk}", settings.CEIBA_API_RATE_LIMIT_TOKEN
    address = request.META.get("REMOTE_ADDR", "")
    return f"ip:{address}", settings.CEIBA_API_RATE_LIMIT_ANON


def check_rate_limit(request: HttpRequest, token: ApiToken | None) -> None:
    """A fixed window per minute and per client, counted in the shared cache."""
    client, limit = _client_key(request, token)
    if limit <= 0:
        return
    window = int(time.time()) // RATE_WINDOW_SECONDS
    key = f"ceiba:rate:{client}:{window}"
    cache.add(key, 0, RATE_WINDOW_SECONDS + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, RATE_WINDOW_SECONDS + 5)
        count = 1
    if count > limit:
        retry = RATE_WINDOW_SECONDS - int(time.time()) % RATE_WINDOW_SECONDS
        raise RateLimitedError(retry_after=max(retry, 1))


def error_response(request: HttpRequest, error: CeibaError) -> HttpResponse:
    if request.path.startswith(CKAN_PREFIXES):
        response = ckan_error_response(request, error)
    else:
        response = problem_response(error)
    if isinstance(error, RateLimitedError):
        response["Retry-After"] = str(error.retry_after)
    return response


def _identify(request: HttpRequest) -> ApiToken | None:
    raw = raw_token(request)
    if not raw:
        return None
    token = token_find(raw=raw)
    if token is None:
        raise InvalidTokenError()
    token_mark_used(token=token)
    return token


def _add_cors(response: HttpResponse) -> None:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After, Link"


class ApiAccessMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, POST, OPTIONS"
            response["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            response["Access-Control-Max-Age"] = "86400"
            _add_cors(response)
            return response
        request.api_token = None
        try:
            request.api_token = _identify(request)
            check_rate_limit(request, request.api_token)
        except CeibaError as error:
            response = error_response(request, error)
        else:
            response = self.get_response(request)
        _add_cors(response)
        patch_vary_headers(response, ["Authorization", "X-CKAN-API-Key"])
        if request.api_token is not None:
            response["Cache-Control"] = "private, no-store"
        return response
