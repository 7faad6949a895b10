from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "ceiba.api"
    label = "api"
