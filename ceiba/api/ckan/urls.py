"""Addresses of the CKAN Action API (included by ceiba/api/urls.py)."""

from django.urls import path

from ceiba.api.ckan import views

urlpatterns = [
    path("api/3/action/<str:name>", views.action_view, name="ckan-action"),
    path("api/action/<str:name>", views.action_view, name="ckan-action-unversioned"),
    path("api/3", views.version_view, name="ckan-version"),
    path("api/3/", views.version_view),
    path("api/util/status", views.status_view, name="ckan-status"),
    path("api/", views.version_view, name="ckan-versions"),
    path("api", views.version_view),
]
