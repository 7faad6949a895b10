"""What an action receives: the request, its parameters, and who is calling."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ceiba.accounts.models import TokenScope
from ceiba.api.ckan.params import Params
from ceiba.api.http import api_actor
from ceiba.common.errors import PermissionDeniedError


class TokenRequiredError(PermissionDeniedError):
    code = "ckan_token_required"
    message = _(
        "Changing data needs an API token with the write scope, sent in the "
        "Authorization header. Create one in your profile page."
    )


@dataclass
class Call:
    request: HttpRequest
    action: str
    params: Params

    def reader(self) -> object:
        """The caller for reads: the token's owner, or anonymous."""
        return api_actor(self.request, scope=TokenScope.READ)

    def writer(self) -> object:
        """The caller for writes: a token with the write scope is required."""
        actor = api_actor(self.request, scope=TokenScope.WRITE)
        if not getattr(actor, "is_authenticated", False):
            raise TokenRequiredError()
        return actor

    def absolute(self, path: str) -> str:
        return self.request.build_absolute_uri(path)
