from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from ceiba.accounts.models import ApiToken
from ceiba.accounts.services import token_digest


def token_find(*, raw: str) -> ApiToken | None:
    """The active token with this secret, or None."""
    if not raw:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(raw.strip()))
        .first()
    )
    if token is None or not token.is_active or not token.user.is_active:
        return None
    return token


def token_list(*, user: AbstractBaseUser) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)
