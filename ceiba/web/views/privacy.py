"""Personal data pages: the publishers' review of a dataset's findings (justify or
treat each one) and the public guide on personal data."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ceiba.catalog import selectors
from ceiba.catalog.models import Dataset
from ceiba.catalog.permissions import can_edit_dataset, can_publish_dataset
from ceiba.common.errors import CeibaError, PermissionDeniedError
from ceiba.datastore.selectors import datastore_table_for_dataset
from ceiba.privacy.forms import TreatmentForm
from ceiba.privacy.kinds import Kind
from ceiba.privacy.scan import TableScan
from ceiba.privacy.selectors import (
    dataset_findings,
    finding_get,
    treatment_suggestions,
)
from ceiba.privacy.services import finding_justify, table_treat
from ceiba.privacy.treatments import TreatmentResult


def _reviewable(request: HttpRequest, slug: str) -> Dataset:
    dataset = selectors.dataset_get(slug=slug, actor=request.user)
    if not can_edit_dataset(request.user, dataset):
        raise PermissionDeniedError()
    return dataset


@login_required
def privacy_review(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = _reviewable(request, slug)
    return render(
        request,
        "privacy/review.html",
        {
            "dataset": dataset,
            "tables": dataset_findings(dataset=dataset),
            "can_review": can_publish_dataset(request.user, dataset),
        },
    )


@login_required
@require_POST
def privacy_finding_justify(
    request: HttpRequest, slug: str, finding_id: int
) -> HttpResponse:
    dataset = _reviewable(request, slug)
    finding = finding_get(dataset=dataset, finding_id=finding_id)
    try:
        finding_justify(
            actor=request.user,
            finding=finding,
            justification=request.POST.get("justification", ""),
        )
    except CeibaError as error:
        messages.error(request, error.render())
    else:
        messages.success(request, _("Decision recorded in the dataset's history."))
    return redirect("web:privacy-review", slug=dataset.slug)


@login_required
def privacy_table_treat(request: HttpRequest, slug: str, table_id: str) -> HttpResponse:
    dataset = _reviewable(request, slug)
    table = datastore_table_for_dataset(dataset_id=dataset.pk, table_id=table_id)
    columns = [f["name"] for f in table.schema.get("fields", [])]
    form = TreatmentForm(
        request.POST or None,
        columns=columns,
        initial=treatment_suggestions(table=table),
    )
    if request.method == "POST" and form.is_valid():
        try:
            result, rescan = table_treat(
                actor=request.user, table=table, plan=form.plan()
            )
        except CeibaError as error:
            form.add_error(None, error.render())
        else:
            messages.success(request, _treated_message(result, rescan))
            return redirect("web:privacy-review", slug=dataset.slug)
    return render(
        request,
        "privacy/treat.html",
        {"dataset": dataset, "table": table, "form": form},
    )


def _treated_message(result: TreatmentResult, rescan: TableScan) -> str:
    before = result.k_before.k if result.k_before else "—"
    after = result.k_after.k if result.k_after else "—"
    return _(
        "A new version of the file was published with the treatment: k = %(before)s "
        "→ k = %(after)s, %(rows)s rows, %(left)s findings left in the new version. "
        "It is being processed; its findings appear here when it is ready."
    ) % {
        "before": before,
        "after": after,
        "rows": result.rows_after,
        "left": len(rescan.findings),
    }


def privacy_guide(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/guide.html", {"kinds": Kind.choices})
