"""Quality pages: the country's and each institution's dashboard, the ranking and
the history as CSV, and the page where editors tag LAIP obligations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from ceiba.catalog.models import Institution
from ceiba.catalog.permissions import can_edit_dataset
from ceiba.catalog.selectors import dataset_get
from ceiba.quality.dashboards import dashboard_get, dashboard_institution_get
from ceiba.quality.exceptions import ObligationPermissionError
from ceiba.quality.figures import figures_version
from ceiba.quality.history import csv_lines, history_rows, ranking_rows
from ceiba.quality.obligations import (
    obligation_codes_of,
    obligation_coverage,
    obligation_list,
)
from ceiba.quality.services import obligation_dataset_set


def _csv(rows: object, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        csv_lines(rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _dashboard(request: HttpRequest, institution: Institution | None) -> HttpResponse:
    """The figures are drawn once per change of the stored figures (the template
    caches its body under ``figures_version``); ``board`` is only computed then."""
    return render(
        request,
        "quality/dashboard.html",
        {
            "institution": institution,
            "version": figures_version(),
            "board": SimpleLazyObject(lambda: dashboard_get(institution=institution)),
            "obligations": SimpleLazyObject(
                lambda: (
                    obligation_coverage(institution=institution) if institution else []
                )
            ),
        },
    )


@require_safe
def quality_dashboard(request: HttpRequest) -> HttpResponse:
    return _dashboard(request, None)


@require_safe
def quality_institution(request: HttpRequest, slug: str) -> HttpResponse:
    return _dashboard(request, dashboard_institution_get(slug=slug))


@require_safe
def quality_ranking_csv(request: HttpRequest) -> StreamingHttpResponse:
    return _csv(ranking_rows(), "ranking-calidad.csv")


@require_safe
def quality_history_csv(request: HttpRequest) -> StreamingHttpResponse:
    return _csv(history_rows(), "historial-calidad.csv")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def dataset_obligations(request: HttpRequest, slug: str) -> HttpResponse:
    """Editors say which LAIP article 10 obligations a dataset satisfies."""
    dataset = dataset_get(slug=slug, actor=request.user)
    if not can_edit_dataset(request.user, dataset):
        raise ObligationPermissionError()
    if request.method == "POST":
        obligation_dataset_set(
            actor=request.user,
            dataset=dataset,
            codes=request.POST.getlist("obligation"),
        )
        messages.success(request, _("The obligations of this dataset were saved."))
        return redirect("web:publish-dataset", slug=dataset.slug)
    return render(
        request,
        "quality/obligations_form.html",
        {
            "dataset": dataset,
            "obligations": obligation_list(),
            "chosen": obligation_codes_of(dataset=dataset),
        },
    )
