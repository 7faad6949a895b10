"""Staff tools: institutions, people's roles, and restoring deleted datasets.

Every save goes through the catalog services, like any other write.
"""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ceiba.catalog import services
from ceiba.catalog.models import Dataset, Institution, Membership
from ceiba.catalog.services.institutions import INSTITUTION_FIELDS
from ceiba.common.errors import CeibaError


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "acronym", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]
    fields = ["name", "acronym", "slug", "kind", "parent", "place", "description",
              "website", "email", "phone"]  # fmt: skip

    def save_model(
        self, request: HttpRequest, obj: Institution, form: Any, change: bool
    ) -> None:
        values = {
            name: getattr(obj, name)
            for name in INSTITUTION_FIELDS
            if hasattr(obj, name)
        }
        if change:
            saved = services.institution_update(
                actor=request.user,
                institution=Institution.objects.get(pk=obj.pk),
                **values,
            )
        else:
            saved = services.institution_create(actor=request.user, **values)
        obj.pk = saved.pk

    def save_formset(
        self, request: HttpRequest, form: Any, formset: Any, change: bool
    ) -> None:
        institution = form.instance
        # The admin's change message reads these; the services did the saving.
        formset.new_objects, formset.changed_objects = [], []
        formset.deleted_objects = []
        for membership_form in formset.forms:
            data = getattr(membership_form, "cleaned_data", None)
            if not data or not data.get("user"):
                continue
            if data.get("DELETE"):
                services.membership_remove(
                    actor=request.user, user=data["user"], institution=institution
                )
            else:
                services.membership_set(
                    actor=request.user,
                    user=data["user"],
                    institution=institution,
                    role=data["role"],
                )


@admin.register(Dataset)
class DatasetAdmin(admin.ModelAdmin):
    """Read-only list of datasets, with deleting and restoring as actions."""

    list_display = ["title", "publisher", "status", "deleted_at", "modified"]
    list_filter = ["status", ("deleted_at", admin.EmptyFieldListFilter), "publisher"]
    search_fields = ["title", "slug"]
    actions = ["restore", "soft_delete"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def _run(self, request: HttpRequest, queryset: QuerySet, service: Any) -> None:
        done = 0
        for dataset in queryset:
            try:
                service(actor=request.user, dataset=dataset)
                done += 1
            except CeibaError as error:
                self.message_user(
                    request, f"{dataset}: {error.render()}", messages.WARNING
                )
        self.message_user(request, _("%(n)d datasets changed.") % {"n": done})

    @admin.action(description=_("Restore the selected deleted datasets"))
    def restore(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._run(request, queryset, services.dataset_restore)

    @admin.action(description=_("Delete the selected datasets (can be undone)"))
    def soft_delete(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._run(request, queryset, services.dataset_delete)
