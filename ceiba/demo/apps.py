from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "ceiba.demo"
    label = "demo"
