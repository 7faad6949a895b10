"""Administrators choose which kinds of findings block publishing and which warn."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ceiba.privacy.models import PrivacyFinding, PrivacyRule
from ceiba.privacy.services import privacy_rule_set


@admin.register(PrivacyRule)
class PrivacyRuleAdmin(admin.ModelAdmin):
    list_display = ["kind", "blocks"]
    list_editable = ["blocks"]

    def save_model(
        self, request: HttpRequest, obj: PrivacyRule, form: Any, change: bool
    ) -> None:
        saved = privacy_rule_set(kind=obj.kind, blocks=obj.blocks)
        obj.pk = saved.pk


@admin.register(PrivacyFinding)
class PrivacyFindingAdmin(admin.ModelAdmin):
    """Read-only: findings are reviewed on the publishers' pages."""

    list_display = ["table", "column", "kind", "count", "status", "reviewer"]
    list_filter = ["kind", "status"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
