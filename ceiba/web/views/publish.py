"""Publisher pages: a dashboard, dataset forms, files and links, publishing."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ceiba.catalog import selectors, services
from ceiba.catalog.exceptions import DatasetEditConflictError, FileTooLargeError
from ceiba.catalog.models import Dataset
from ceiba.catalog.permissions import (
    can_delete_dataset,
    can_edit_dataset,
    can_publish_dataset,
)
from ceiba.common.errors import CeibaError, PermissionDeniedError
from ceiba.datastore.selectors import datastore_tables_for_distribution
from ceiba.ingest.selectors import ingest_job_latest_by_distribution
from ceiba.web.forms import DatasetForm, FileReplaceForm, FileUploadForm, LinkForm


@login_required
def publish_home(request: HttpRequest) -> HttpResponse:
    datasets = selectors.dataset_list_for_actor(actor=request.user, deleted=False)
    return render(
        request,
        "publish/home.html",
        {
            "datasets": datasets[:200],
            "deleted": selectors.dataset_list_deleted(actor=request.user)[:50],
            "institutions": selectors.institution_list_for_actor(actor=request.user),
        },
    )


@login_required
def dataset_new(request: HttpRequest) -> HttpResponse:
    institutions = selectors.institution_list_for_actor(actor=request.user)
    if not institutions:
        raise PermissionDeniedError(
            _("You have no role in any institution yet. Ask the portal administrators.")
        )
    chosen = request.POST.get("institution") or request.GET.get("institution")
    institution = next((i for i in institutions if i.slug == chosen), institutions[0])
    form = DatasetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dataset = services.dataset_create(
                actor=request.user, publisher=institution, data=form.to_input()
            )
        except CeibaError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Draft saved. Now add its files."))
            return redirect("web:publish-dataset", slug=dataset.slug)
    return render(
        request,
        "publish/dataset_form.html",
        {"form": form, "institutions": institutions, "institution": institution},
    )


def _form_errors(form: DatasetForm, error: CeibaError) -> None:
    field_errors = getattr(error, "field_errors", None)
    if field_errors:
        form.add_service_errors(field_errors)
    else:
        form.add_error(None, error.render())


def _editable(request: HttpRequest, slug: str) -> Dataset:
    dataset = selectors.dataset_get(slug=slug, actor=request.user)
    if not can_edit_dataset(request.user, dataset) and not can_delete_dataset(
        request.user, dataset
    ):
        raise PermissionDeniedError()
    return dataset


def _files_with_ingest(dataset: Dataset) -> list:
    """The dataset's files, each with its latest ingest job and its live tables."""
    files = dataset.live_distributions
    jobs = ingest_job_latest_by_distribution(distribution_ids=[f.pk for f in files])
    for file in files:
        file.ingest = jobs.get(file.pk)
        file.tables = datastore_tables_for_distribution(distribution_id=file.pk)
    return files


@login_required
def dataset_manage(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = _editable(request, slug)
    return render(
        request,
        "publish/dataset_manage.html",
        {
            "dataset": dataset,
            "files": _files_with_ingest(dataset),
            "upload_form": FileUploadForm(prefix="upload"),
            "link_form": LinkForm(prefix="link"),
            "max_upload": filesizeformat(settings.CEIBA_MAX_UPLOAD_BYTES),
            "can_edit": can_edit_dataset(request.user, dataset),
            "can_publish": can_publish_dataset(request.user, dataset),
            "can_delete": can_delete_dataset(request.user, dataset),
        },
    )


@login_required
def ingest_progress(request: HttpRequest, slug: str) -> JsonResponse:
    """The ingest state of each file, polled by progress.js while jobs run."""
    dataset = _editable(request, slug)
    files = [
        {
            "id": str(file.pk),
            "state": file.ingest.state,
            "stage": file.ingest.stage,
            "rows_read": file.ingest.rows_read,
            "rows_total": file.ingest.rows_total,
            "percent": file.ingest.percent,
            "finished": file.ingest.is_finished,
            "message": file.ingest.error_message,
        }
        for file in _files_with_ingest(dataset)
        if file.ingest is not None
    ]
    response = JsonResponse({"files": files})
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def dataset_edit(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = _editable(request, slug)
    form = DatasetForm(request.POST or None, initial=DatasetForm.initial_from(dataset))
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.dataset_update(
                actor=request.user,
                dataset=dataset,
                data=form.to_input(),
                expected_lock_version=form.cleaned_data["lock_version"] or 0,
            )
        except DatasetEditConflictError as error:
            form.add_error(None, error.render())
            status = 409
        except CeibaError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Changes saved. A new version was recorded."))
            return redirect("web:publish-dataset", slug=dataset.slug)
    return render(
        request,
        "publish/dataset_form.html",
        {"form": form, "dataset": dataset},
        status=status,
    )


def _upload_problem(request: HttpRequest, form: forms.Form) -> str:
    """Why an upload cannot be taken ("" when it can)."""
    if getattr(request, "upload_too_large", False):
        limit = filesizeformat(settings.CEIBA_MAX_UPLOAD_BYTES)
        return FileTooLargeError(limit=limit).render()
    if not form.is_valid():
        return _("Choose a file to upload.")
    return ""


def _upload_error(request: HttpRequest, dataset: Dataset, message: str) -> HttpResponse:
    messages.error(request, message)
    return redirect("web:publish-dataset", slug=dataset.slug)


@login_required
@require_POST
def file_add(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = _editable(request, slug)
    form = FileUploadForm(request.POST, request.FILES, prefix="upload")
    problem = _upload_problem(request, form)
    if problem:
        return _upload_error(request, dataset, problem)
    upload = form.cleaned_data["file"]
    try:
        services.distribution_add_file(
            actor=request.user,
            dataset=dataset,
            source=upload,
            filename=upload.name,
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
        )
    except CeibaError as error:
        return _upload_error(request, dataset, error.render())
    messages.success(request, _("File uploaded."))
    return redirect("web:publish-dataset", slug=dataset.slug)


@login_required
@require_POST
def file_replace(request: HttpRequest, slug: str, distribution_id: str) -> HttpResponse:
    dataset = _editable(request, slug)
    distribution = selectors.distribution_get(
        dataset=dataset, distribution_id=distribution_id
    )
    form = FileReplaceForm(request.POST, request.FILES)
    problem = _upload_problem(request, form)
    if problem:
        return _upload_error(request, dataset, problem)
    upload = form.cleaned_data["file"]
    try:
        # The new file goes live once it has become a table (or at once if it is
        # not one): a file that cannot be read leaves the published one in place.
        services.distribution_replace_file(
            actor=request.user,
            distribution=distribution,
            source=upload,
            filename=upload.name,
            activate=False,
        )
    except CeibaError as error:
        return _upload_error(request, dataset, error.render())
    messages.success(
        request,
        _(
            "New version of the file uploaded. It replaces the published one as soon "
            "as it has been processed; the earlier one stays in the history."
        ),
    )
    return redirect("web:publish-dataset", slug=dataset.slug)


@login_required
@require_POST
def link_add(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = _editable(request, slug)
    form = LinkForm(request.POST, prefix="link")
    if not form.is_valid():
        return _upload_error(request, dataset, _("Write the address of the link."))
    try:
        services.distribution_add_link(
            actor=request.user,
            dataset=dataset,
            url=form.cleaned_data["url"],
            title=form.cleaned_data["title"],
            format=form.cleaned_data["format"],
            description=form.cleaned_data["description"],
        )
    except CeibaError as error:
        return _upload_error(request, dataset, error.render())
    messages.success(request, _("Link added."))
    return redirect("web:publish-dataset", slug=dataset.slug)


@login_required
@require_POST
def file_remove(request: HttpRequest, slug: str, distribution_id: str) -> HttpResponse:
    dataset = _editable(request, slug)
    distribution = selectors.distribution_get(
        dataset=dataset, distribution_id=distribution_id
    )
    services.distribution_remove(actor=request.user, distribution=distribution)
    messages.success(
        request, _("File removed. Its versions stay downloadable from the history.")
    )
    return redirect("web:publish-dataset", slug=dataset.slug)


_STATE_ACTIONS = {
    "publicar": (services.dataset_publish, gettext_lazy("Dataset published.")),
    "despublicar": (
        services.dataset_unpublish,
        gettext_lazy("Dataset returned to draft."),
    ),
    "eliminar": (
        services.dataset_delete,
        gettext_lazy("Dataset deleted. An administrator can restore it."),
    ),
    "restaurar": (services.dataset_restore, gettext_lazy("Dataset restored.")),
}


@login_required
@require_POST
def dataset_state(request: HttpRequest, slug: str, action: str) -> HttpResponse:
    dataset = _editable(request, slug)
    service, done = _STATE_ACTIONS[action]
    try:
        service(actor=request.user, dataset=dataset)
    except CeibaError as error:
        messages.error(request, error.render())
    else:
        messages.success(request, str(done))
    if action == "eliminar":
        return redirect("web:publish-home")
    return redirect("web:publish-dataset", slug=dataset.slug)
