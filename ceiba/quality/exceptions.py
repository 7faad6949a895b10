"""Quality's errors."""

from django.utils.translation import gettext_lazy as _

from ceiba.common.errors import PermissionDeniedError, ValidationError


class ObligationPermissionError(PermissionDeniedError):
    code = "obligation_permission_denied"
    message = _(
        "Only the editors of the dataset's institution can say which obligations "
        "it satisfies."
    )


class UnknownObligationError(ValidationError):
    code = "unknown_obligation"
    message = _(
        "These obligations do not exist or are no longer in force: %(codes)s. "
        "Choose from the list."
    )
