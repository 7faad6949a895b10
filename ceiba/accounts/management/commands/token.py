"""``ceiba token create USERNAME [--scope read|write] [--expires-days N]``, plus
``list`` and ``revoke``: API tokens for scripts, without the web page."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ceiba.accounts.models import TokenScope
from ceiba.accounts.selectors import token_list
from ceiba.accounts.services import token_create, token_revoke
from ceiba.common.errors import CeibaError, ValidationError


class Command(BaseCommand):
    help = "Create, list or revoke a user's API tokens."

    def add_arguments(self, parser: Any) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="Print a new token once.")
        create.add_argument("username")
        create.add_argument(
            "--scope", choices=TokenScope.values, default=TokenScope.READ
        )
        create.add_argument("--expires-days", type=int, default=None)
        create.add_argument("--name", default="", help="Default: “command line”.")
        listing = actions.add_parser("list", help="The user's tokens.")
        listing.add_argument("username")
        revoke = actions.add_parser("revoke", help="Revoke a token by its number.")
        revoke.add_argument("username")
        revoke.add_argument("token_id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        user = self._user(options["username"])
        try:
            getattr(self, "_" + options["action"])(user, options)
        except ValidationError as error:
            details = [m for ms in error.field_errors.values() for m in ms]
            raise CommandError(" ".join(details) or error.render()) from error
        except CeibaError as error:
            raise CommandError(error.render()) from error

    def _create(self, user: Any, options: dict[str, Any]) -> None:
        _token, raw = token_create(
            user=user,
            name=options["name"] or _("command line"),
            scope=options["scope"],
            expires_days=options["expires_days"],
        )
        self.stdout.write(raw)

    def _list(self, user: Any, options: dict[str, Any]) -> None:
        for token in token_list(user=user):
            state = _("active") if token.is_active else _("inactive")
            self.stdout.write(
                f"{token.pk}\t{token.prefix}…\t{token.scope}\t{state}\t{token.name}"
            )

    def _revoke(self, user: Any, options: dict[str, Any]) -> None:
        token = token_revoke(user=user, token_id=options["token_id"])
        self.stdout.write(_("Revoked %(prefix)s….") % {"prefix": token.prefix})

    def _user(self, username: str) -> Any:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(
                _("There is no user “%(username)s”.") % {"username": username}
            )
        return user
