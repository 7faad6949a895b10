"""Staff tools: the LAIP obligations (editable), which datasets satisfy them, and
the history of the checks of file links and harvested sources (read-only)."""

from django.contrib import admin
from django.http import HttpRequest

from ceiba.quality.models import LinkCheck, Obligation, ObligationDataset, SourceCheck


@admin.register(Obligation)
class ObligationAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "article",
        "numeral",
        "name_es",
        "max_age_days",
        "is_active",
    ]
    list_editable = ["max_age_days", "is_active"]
    list_filter = ["article", "is_active"]
    search_fields = ["name_es", "name_en", "code"]
    ordering = ["article", "numeral"]


@admin.register(ObligationDataset)
class ObligationDatasetAdmin(admin.ModelAdmin):
    list_display = ["obligation", "dataset", "created_at"]
    list_filter = ["obligation"]
    raw_id_fields = ["dataset"]
    search_fields = ["dataset__title", "dataset__slug"]


@admin.register(LinkCheck, SourceCheck)
class LinkCheckAdmin(admin.ModelAdmin):
    list_display = ["checked_at", "url", "ok", "status_code", "reason", "latency_ms"]
    list_filter = ["ok", "reason"]
    search_fields = ["url"]
    date_hierarchy = "checked_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
