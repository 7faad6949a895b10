from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "ceiba.search"
    label = "search"
