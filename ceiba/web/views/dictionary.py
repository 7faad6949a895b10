"""Publishers' pages for one table: edit its data dictionary, read its validation
report in full before publishing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ceiba.catalog import selectors
from ceiba.catalog.models import Dataset
from ceiba.catalog.permissions import can_edit_dataset
from ceiba.common.errors import PermissionDeniedError
from ceiba.datastore.models import DatastoreTable
from ceiba.datastore.selectors import datastore_table_for_dataset
from ceiba.ingest.dictionary import FieldEdit, table_dictionary_update
from ceiba.ingest.exceptions import DictionaryError
from ceiba.web.forms import DictionaryFieldForm, DictionaryFormSet

# What each kind of validation error means and how to fix it.
ERROR_KINDS = {
    "blank-label": (
        gettext_lazy("Column without a name"),
        gettext_lazy("Give every column a name in the header row."),
    ),
    "duplicate-label": (
        gettext_lazy("Repeated column name"),
        gettext_lazy("Two columns have the same name: rename one of them."),
    ),
    "missing-label": (
        gettext_lazy("Column missing"),
        gettext_lazy("The dictionary describes a column the table does not have."),
    ),
    "extra-label": (
        gettext_lazy("Column not described"),
        gettext_lazy("The table has a column the dictionary does not describe."),
    ),
    "blank-row": (
        gettext_lazy("Empty row"),
        gettext_lazy("Remove empty rows from the file."),
    ),
    "type-error": (
        gettext_lazy("Value of the wrong type"),
        gettext_lazy(
            "The value is not of the column's type (e.g. text in a column of "
            "numbers). Correct the value, or change the column's type."
        ),
    ),
    "constraint-error": (
        gettext_lazy("Value outside the rules"),
        gettext_lazy(
            "The value breaks a rule of the dictionary (required, allowed values, "
            "limits or pattern). Correct the value, or the rule."
        ),
    ),
    "unique-error": (
        gettext_lazy("Repeated value"),
        gettext_lazy("The column should not repeat values, and this one repeats."),
    ),
}


def _table(
    request: HttpRequest, slug: str, table_id: str
) -> tuple[Dataset, DatastoreTable]:
    dataset = selectors.dataset_get(slug=slug, actor=request.user)
    if not can_edit_dataset(request.user, dataset):
        raise PermissionDeniedError()
    return dataset, datastore_table_for_dataset(
        dataset_id=dataset.pk, table_id=table_id
    )


def _edits(formset: DictionaryFormSet, fields: list[dict]) -> list[FieldEdit]:
    edits = []
    for form, field in zip(formset.forms, fields, strict=True):
        data = form.cleaned_data
        enum = tuple(v.strip() for v in data["enum"].split(",") if v.strip())
        edits.append(FieldEdit(name=field["name"], **{**data, "enum": enum}))
    return edits


def _show_service_errors(
    formset: DictionaryFormSet, fields: list[dict], error: DictionaryError
) -> None:
    position = {field["name"]: n for n, field in enumerate(fields)}
    for key, texts in error.field_errors.items():
        name, _sep, prop = key.rpartition("-")
        form = formset.forms[position[name]] if name in position else None
        for text in texts:
            if form is not None and prop in form.fields:
                form.add_error(prop, text)
            else:
                formset.forms[0].add_error(None, text)


@login_required
def table_dictionary(request: HttpRequest, slug: str, table_id: str) -> HttpResponse:
    dataset, table = _table(request, slug, table_id)
    fields = table.schema["fields"]
    initial = [DictionaryFieldForm.initial_from(field) for field in fields]
    formset = DictionaryFormSet(request.POST or None, initial=initial, prefix="col")
    status = 200
    if request.method == "POST":
        if formset.is_valid() and len(formset.forms) == len(fields):
            try:
                table_dictionary_update(
                    actor=request.user, table=table, edits=_edits(formset, fields)
                )
            except DictionaryError as error:
                _show_service_errors(formset, fields, error)
            else:
                messages.success(
                    request,
                    _("Data dictionary saved and the table validated again."),
                )
                return redirect("web:publish-table-validation", slug, table.pk)
        status = 400
    return render(
        request,
        "publish/table_dictionary.html",
        {
            "dataset": dataset,
            "table": table,
            "rows": zip(fields, formset.forms, strict=True),
            "formset": formset,
        },
        status=status,
    )


@login_required
def table_validation(request: HttpRequest, slug: str, table_id: str) -> HttpResponse:
    dataset, table = _table(request, slug, table_id)
    report = table.validation
    return render(
        request,
        "publish/table_validation.html",
        {
            "dataset": dataset,
            "table": table,
            "report": report,
            "errors": [
                {**error, "label": ERROR_KINDS.get(error["type"], ("", ""))[0]}
                for error in report.get("errors", [])
            ],
            "summary": [
                (*ERROR_KINDS.get(kind, (kind, "")), count)
                for kind, count in sorted(report.get("summary", {}).items())
            ],
        },
    )
