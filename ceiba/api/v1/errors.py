"""The one place where errors of /api/v1 become RFC 9457 problem details.

Ceiba's own errors (``CeibaError``, ``QueryError``), Ninja's validation and parse
errors, Django's 404s and anything unexpected all leave as ``application/
problem+json`` with a stable ``code``: never an HTML page, never a traceback.
"""

import logging
from typing import Any

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from ceiba.api.exceptions import RateLimitedError
from ceiba.api.problems import problem_response
from ceiba.common.errors import CeibaError, NotFoundError, ValidationError

logger = logging.getLogger(__name__)


class InvalidParametersError(ValidationError):
    code = "invalid_parameters"
    status = 400
    message = _(
        "Some parameters of the request are not valid: %(names)s. Check them against "
        "the API documentation at /api/v1/docs and try again."
    )


class UnknownParameterError(CeibaError):
    code = "unknown_parameter"
    status = 400
    message = _(
        "The parameter %(name)s is not accepted here. Check its spelling against the "
        "API documentation at /api/v1/docs."
    )


class BadRequestError(CeibaError):
    code = "bad_request"
    status = 400
    message = _(
        "The request could not be read: %(reason)s. Send the parameters as the API "
        "documentation shows."
    )


class RequestTooLargeError(CeibaError):
    code = "request_too_large"
    status = 413
    message = _(
        "The request body is too large. Send a shorter query, or use the table "
        "query endpoint with filters."
    )


class ApiNotFoundError(NotFoundError):
    code = "not_found"
    message = _(
        "There is nothing at this address of the API. The list of addresses is at "
        "/api/v1/docs."
    )


class MethodNotAllowedError(CeibaError):
    code = "method_not_allowed"
    status = 405
    message = _(
        "This address does not accept the %(method)s method. The methods it accepts "
        "are listed in the Allow header."
    )


class UnexpectedError(CeibaError):
    code = "server_error"
    status = 500
    message = _(
        "Something went wrong on our side. The error has been recorded; try again "
        "later."
    )


def problem(error: CeibaError) -> HttpResponse:
    response = problem_response(error)
    if isinstance(error, RateLimitedError):
        response["Retry-After"] = str(error.retry_after)
    return response


def _ceiba_error(request: HttpRequest, exc: CeibaError) -> HttpResponse:
    return problem(exc)


def _parameter_name(request: HttpRequest, location: list[Any]) -> str:
    """``["query", "filters", "theme", 0]`` → ``theme.0``: the name a caller sent,
    without Ninja's source and schema argument."""
    parts = [str(part) for part in location[1:]]
    if len(parts) > 1 and parts[0] not in request.GET and isinstance(location[2], str):
        parts = parts[1:]
    return ".".join(parts) or "request"


def _validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    field_errors: dict[str, list[str]] = {}
    for item in exc.errors:
        name = _parameter_name(request, list(item.get("loc", ())))
        field_errors.setdefault(name, []).append(str(item.get("msg", "")))
    names = ", ".join(sorted(field_errors)) or "request"
    return problem(InvalidParametersError(field_errors=field_errors, names=names))


def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 404:
        return problem(ApiNotFoundError())
    if exc.status_code == 400:
        return problem(BadRequestError(reason=str(exc)))
    error = CeibaError(str(exc))
    error.status = exc.status_code
    error.code = "http_error"
    return problem(error)


def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem(ApiNotFoundError())


def _too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return problem(RequestTooLargeError())


def _suspicious(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem(BadRequestError(reason=_("too many parameters or a malformed body")))


def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("Unexpected error in %s %s", request.method, request.path)
    return problem(UnexpectedError())


def install_error_handlers(api: NinjaAPI) -> None:
    handlers: list[tuple[type[Exception], Any]] = [
        (Exception, _unexpected),
        (CeibaError, _ceiba_error),
        (NinjaValidationError, _validation_error),
        (HttpError, _http_error),
        (Http404, _not_found),
        (RequestDataTooBig, _too_large),
        (SuspiciousOperation, _suspicious),
        (MultiPartParserError, _suspicious),
    ]
    for exc_class, handler in handlers:
        api.add_exception_handler(exc_class, handler)
