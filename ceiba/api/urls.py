"""Machine-readable addresses: the CKAN Action API, the native REST API and the
catalog in standard vocabularies."""

from django.urls import include, path

from ceiba.api.v1.api import api as v1_api

urlpatterns = [
    path("", include("ceiba.api.ckan.urls")),
    path("api/v1/", v1_api.urls),
    path("", include("ceiba.api.formats.urls")),
]
