"""The CKAN Action API's one view: find the action, read its parameters, run it,
answer in CKAN's envelope. Callers are known by their API token only (see
``ceiba.api.http``), so the view is exempt from CSRF checks."""

import logging

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from ceiba.api.ckan.actions import ACTIONS, WRITES
from ceiba.api.ckan.bodies import read_params
from ceiba.api.ckan.call import Call
from ceiba.api.ckan.envelope import error_response, json_bytes, success_response
from ceiba.api.ckan.errors import MethodNotAllowedError, UnknownActionError
from ceiba.common.errors import CeibaError

logger = logging.getLogger(__name__)
ALLOWED = {"GET", "HEAD", "POST"}


@csrf_exempt
def action_view(request: HttpRequest, name: str) -> HttpResponse:
    try:
        if request.method not in ALLOWED:
            raise MethodNotAllowedError()
        handler = ACTIONS.get(name)
        if handler is None:
            raise UnknownActionError(action=name[:100])
        if name in WRITES and request.method != "POST":
            raise MethodNotAllowedError()
        result = handler(Call(request, name, read_params(request)))
    except CeibaError as error:
        response = error_response(request, error, action=name)
        if error.status == 405:
            response["Allow"] = "POST"
        return response
    response = success_response(request, name, result)
    if name in WRITES:
        response["Cache-Control"] = "no-store"
    return response


@csrf_exempt
def version_view(request: HttpRequest, version: int = 3) -> HttpResponse:
    """``/api`` and ``/api/3``: the API version, as CKAN answers."""
    return HttpResponse(
        json_bytes({"version": version}), content_type="application/json"
    )


@csrf_exempt
def status_view(request: HttpRequest) -> HttpResponse:
    """``/api/util/status``: what CKAN's old status address gave."""
    from ceiba.api.ckan.actions.site import status_show

    return HttpResponse(json_bytes(status_show(None)), content_type="application/json")
