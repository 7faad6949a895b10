"""The root of Ceiba's errors: a stable code, an HTTP status and a translated message.

Services raise these; each interface (pages, /api/v1, /api/3/action) translates them
in one place. Messages are full sentences that say what went wrong and what to do.
"""

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class CeibaError(Exception):
    code: str = "error"
    status: int = 400
    message: str | Promise = _("Something went wrong. Please try again.")

    def __init__(self, message: str | Promise | None = None, **fields: Any) -> None:
        self.fields = fields
        if message is not None:
            self.message = message
        super().__init__(self.code)

    def __str__(self) -> str:
        return self.render()

    def render(self) -> str:
        text = str(self.message)
        return text % self.fields if self.fields else text


class NotFoundError(CeibaError):
    code = "not_found"
    status = 404
    message = _("We could not find what you asked for. Check the address.")


class PermissionDeniedError(CeibaError):
    code = "permission_denied"
    status = 403
    message = _("You do not have permission to do this.")


class ValidationError(CeibaError):
    """Bad input. ``field_errors`` maps field names to messages for forms."""

    code = "validation_error"
    status = 409
    message = _("Some fields are not valid. Correct them and try again.")

    def __init__(
        self,
        message: str | Promise | None = None,
        *,
        field_errors: dict[str, list[str]] | None = None,
        **fields: Any,
    ) -> None:
        super().__init__(message, **fields)
        self.field_errors = field_errors or {}
