"""The demo app's errors."""

from django.utils.translation import gettext_lazy as _

from ceiba.common.errors import CeibaError


class DemoCatalogNotEmptyError(CeibaError):
    code = "demo_catalog_not_empty"
    status = 409
    message = _(
        "The catalog already has datasets, so the demo catalog was not loaded: it is "
        "meant for a new, empty portal. Use a new data folder (CEIBA_DATA_DIR) to "
        "try the demo."
    )
