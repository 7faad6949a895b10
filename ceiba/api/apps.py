from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ApiConfig(AppConfig):
    name = "ceiba.api"
    label = "api"

    def ready(self) -> None:
        from ceiba.api import handlers
        from ceiba.catalog.events import dataset_changed, institution_changed
        from ceiba.catalog.models import Licence, Theme

        dataset_changed.connect(handlers.on_dataset_changed, dispatch_uid="api-dataset")
        institution_changed.connect(
            handlers.on_institution_changed, dispatch_uid="api-institution"
        )
        # Licence and theme labels are written into every package that uses them.
        for model in (Licence, Theme):
            for signal in (post_save, post_delete):
                signal.connect(
                    handlers.on_vocabulary_changed,
                    sender=model,
                    dispatch_uid=f"api-{model.__name__}-{signal is post_save}",
                )
