"""Harvest sources in Django's admin, with a "run now" action; jobs read-only."""

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ceiba.harvest.models import HarvestJob, HarvestRecord, HarvestSource
from ceiba.harvest.services import harvest_job_queue, harvest_source_save


@admin.action(description=_("Harvest now (in the background)"))
def run_now(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet
) -> None:
    for source in queryset:
        harvest_job_queue(source=source)
    count = queryset.count()
    modeladmin.message_user(
        request,
        ngettext(
            "%(n)d harvest queued. Its progress shows in the harvest jobs.",
            "%(n)d harvests queued. Their progress shows in the harvest jobs.",
            count,
        )
        % {"n": count},
        messages.SUCCESS,
    )


class JobInline(admin.TabularInline):
    model = HarvestJob
    fields = (
        "created_at",
        "state",
        "new",
        "updated",
        "unchanged",
        "withdrawn",
        "failed",
        "error",
    )
    readonly_fields = fields
    extra = 0
    max_num = 0
    show_change_link = True
    ordering = ("-created_at",)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).order_by("-created_at")


@admin.register(HarvestSource)
class HarvestSourceAdmin(admin.ModelAdmin):
    list_display = ("name", "type", "url", "institution", "schedule", "active")
    list_filter = ("type", "schedule", "active")
    search_fields = ("name", "url")
    actions = [run_now]
    inlines = [JobInline]

    def save_model(
        self, request: HttpRequest, obj: Any, form: Any, change: bool
    ) -> None:
        harvest_source_save(actor=request.user, source=obj)


class RecordInline(admin.TabularInline):
    model = HarvestRecord
    fields = ("identifier", "action", "dataset", "changed_fields", "error")
    readonly_fields = fields
    extra = 0
    max_num = 0


@admin.register(HarvestJob)
class HarvestJobAdmin(admin.ModelAdmin):
    list_display = (
        "source", "created_at", "state", "progress_done", "progress_total",
        "new", "updated", "unchanged", "withdrawn", "failed",
    )  # fmt: skip
    list_filter = ("state", "source")
    readonly_fields = [f.name for f in HarvestJob._meta.fields]
    inlines = [RecordInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
