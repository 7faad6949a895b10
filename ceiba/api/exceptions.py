from django.utils.translation import gettext_lazy as _

from ceiba.common.errors import CeibaError


class RateLimitedError(CeibaError):
    code = "rate_limited"
    status = 429
    message = _(
        "Too many requests. Wait %(retry_after)d seconds and try again, or ask "
        "for an API token, which has a higher limit."
    )

    @property
    def retry_after(self) -> int:
        return int(self.fields["retry_after"])
