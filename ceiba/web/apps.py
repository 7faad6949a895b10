from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "ceiba.web"
    label = "web"
