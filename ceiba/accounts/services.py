"""The only writers of API tokens."""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ceiba.accounts.exceptions import TokenInputError, TokenNotFoundError
from ceiba.accounts.models import ApiToken, TokenScope

TOKEN_PREFIX = "ceiba_"  # noqa: S105 - a public marker, not a secret
MAX_EXPIRY_DAYS = 3650
# last_used_at is a hint for the owner, not an audit log: write it at most this often.
LAST_USED_RESOLUTION = timedelta(minutes=5)


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _check(name: str, scope: str, expires_days: int | None) -> None:
    errors: dict[str, list[str]] = {}
    if not name.strip():
        errors["name"] = [str(_("Give the token a name so you can recognise it."))]
    if scope not in TokenScope.values:
        errors["scope"] = [str(_("The scope must be “read” or “write”."))]
    if expires_days is not None and not 1 <= expires_days <= MAX_EXPIRY_DAYS:
        errors["expires_days"] = [
            str(_("A token expires after between 1 and 3650 days."))
        ]
    if errors:
        raise TokenInputError(field_errors=errors)


def token_create(
    *,
    user: AbstractBaseUser,
    name: str,
    scope: str = TokenScope.READ,
    expires_days: int | None = None,
) -> tuple[ApiToken, str]:
    """Create a token and return it with its secret, which is never stored."""
    _check(name, scope, expires_days)
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = timezone.now() + timedelta(days=expires_days) if expires_days else None
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100],
        prefix=raw[: len(TOKEN_PREFIX) + 6],
        digest=token_digest(raw),
        scope=scope,
        expires_at=expires_at,
    )
    return token, raw


@transaction.atomic
def token_revoke(*, user: AbstractBaseUser, token_id: int) -> ApiToken:
    token = (
        ApiToken.objects.select_for_update()
        .filter(pk=token_id, user=user, revoked_at__isnull=True)
        .first()
    )
    if token is None:
        raise TokenNotFoundError()
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    return token


def token_mark_used(*, token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at and now - token.last_used_at < LAST_USED_RESOLUTION:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
