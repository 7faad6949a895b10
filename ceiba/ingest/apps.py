from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IngestConfig(AppConfig):
    name = "ceiba.ingest"
    label = "ingest"
    verbose_name = _("Ingest")

    def ready(self) -> None:
        from ceiba.catalog.events import file_uploaded
        from ceiba.ingest import handlers

        file_uploaded.connect(handlers.on_file_uploaded, dispatch_uid="ingest-file")
