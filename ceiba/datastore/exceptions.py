from django.utils.translation import gettext_lazy as _

from ceiba.common.errors import NotFoundError


class DatastoreTableNotFoundError(NotFoundError):
    code = "table_not_found"
    message = _("There is no such table in this dataset.")
