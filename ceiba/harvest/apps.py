from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HarvestConfig(AppConfig):
    name = "ceiba.harvest"
    label = "harvest"
    verbose_name = _("Harvesting")

    def ready(self) -> None:
        from ceiba.catalog.guards import edit_guard_register
        from ceiba.harvest.locks import harvested_edit_guard

        edit_guard_register("harvest", harvested_edit_guard)
