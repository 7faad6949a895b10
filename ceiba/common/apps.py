from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "ceiba.common"
    label = "common"
