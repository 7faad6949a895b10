from django.contrib import admin

from ceiba.accounts.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "user", "name", "scope", "created_at", "expires_at"]
    list_filter = ["scope"]
    search_fields = ["prefix", "user__username", "name"]
    readonly_fields = ["prefix", "digest", "created_at", "last_used_at"]

    def has_add_permission(self, request) -> bool:
        # A token made here would have no secret to hand over: use the profile page
        # or `ceiba token create`.
        return False
