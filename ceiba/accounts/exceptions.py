from django.utils.translation import gettext_lazy as _

from ceiba.common.errors import CeibaError, NotFoundError, ValidationError


class InvalidTokenError(CeibaError):
    code = "invalid_token"
    status = 403
    message = _(
        "The API token is not valid: it is unknown, revoked or expired. "
        "Create a new one in your profile page."
    )


class TokenScopeError(CeibaError):
    code = "token_scope"
    status = 403
    message = _(
        "This API token can only read. Create a token with the write scope to "
        "change data."
    )


class TokenNotFoundError(NotFoundError):
    code = "token_not_found"
    message = _("There is no such API token.")


class TokenInputError(ValidationError):
    code = "token_input"
