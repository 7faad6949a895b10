from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("ceiba.api.urls")),
    path("", include("ceiba.web.urls")),
]

handler400 = "ceiba.web.errors.bad_request"
handler403 = "ceiba.web.errors.permission_denied"
handler404 = "ceiba.web.errors.page_not_found"
handler500 = "ceiba.web.errors.server_error"
