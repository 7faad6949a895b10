from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "ceiba.quality"
    label = "quality"
    verbose_name = _("Quality")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from ceiba.catalog.events import dataset_changed
        from ceiba.datastore.models import DatastoreTable
        from ceiba.quality import handlers

        dataset_changed.connect(
            handlers.on_dataset_changed, dispatch_uid="quality-dataset"
        )
        # The datastore sends no event of its own when an ingest registers tables.
        post_save.connect(
            handlers.on_table_saved, sender=DatastoreTable, dispatch_uid="quality-table"
        )
