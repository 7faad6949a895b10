"""The directory of the portals the national portal federates (``/portales/``),
with each portal's last harvest and whether its address answered the last check."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ceiba.harvest.selectors import harvest_source_list
from ceiba.quality.selectors import source_statuses


@require_safe
def portal_directory(request: HttpRequest) -> HttpResponse:
    sources = harvest_source_list(active_only=True)
    statuses = source_statuses(source_ids=[source.pk for source in sources])
    return render(
        request,
        "harvest/portal_directory.html",
        {"rows": [(source, statuses.get(source.pk)) for source in sources]},
    )
