"""The directory of the portals the national portal federates (``/portales/``)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ceiba.harvest.selectors import harvest_source_list


@require_safe
def portal_directory(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "harvest/portal_directory.html",
        {"sources": harvest_source_list(active_only=True)},
    )
