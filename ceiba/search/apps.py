from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "ceiba.search"
    label = "search"

    def ready(self) -> None:
        from ceiba.catalog.events import dataset_changed, institution_changed
        from ceiba.search import handlers

        dataset_changed.connect(
            handlers.on_dataset_changed, dispatch_uid="search-dataset"
        )
        institution_changed.connect(
            handlers.on_institution_changed, dispatch_uid="search-institution"
        )
