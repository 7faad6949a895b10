from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "ceiba.privacy"
    label = "privacy"
    verbose_name = _("Personal data")

    def ready(self) -> None:
        from ceiba.catalog.guards import publish_guard_register
        from ceiba.privacy.services import (
            dataset_privacy_guard,
            datasets_privacy_guard,
        )

        publish_guard_register(
            "privacy", dataset_privacy_guard, many=datasets_privacy_guard
        )
