"""Fetching from sources: every request goes through the outbound guard
(``ceiba.common.outbound``: public addresses only unless ``CEIBA_OUTBOUND_ALLOW``,
each redirect checked, time- and byte-bounded). This module adds what harvesting
needs on top: retries with backoff on 5xx, 429, timeouts and dropped connections,
a refusal of truncated bodies, a time limit for the whole run, and the time spent
waiting for sources (which the benchmark separates from our own processing).
"""

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from ceiba.common import outbound
from ceiba.harvest.exceptions import (
    SourceFormatError,
    SourceResponseTooLargeError,
    SourceTooSlowError,
    SourceUnreachableError,
)

_RETRYABLE = (outbound.OutboundConnectionError, outbound.OutboundTimeoutError)
JSON_TYPES = "application/json"


@dataclass(frozen=True)
class FetchLimits:
    timeout: float
    max_bytes: int
    retries: int
    backoff: float
    run_seconds: float

    @classmethod
    def from_settings(cls) -> "FetchLimits":
        return cls(
            timeout=float(settings.CEIBA_HARVEST_TIMEOUT),
            max_bytes=int(settings.CEIBA_HARVEST_MAX_BYTES),
            retries=int(settings.CEIBA_HARVEST_RETRIES),
            backoff=float(settings.CEIBA_HARVEST_BACKOFF_MS) / 1000,
            run_seconds=float(settings.CEIBA_HARVEST_MAX_SECONDS),
        )


class Fetcher:
    """Fetches for one run; ``seconds`` adds up the time spent waiting for sources."""

    def __init__(
        self,
        limits: FetchLimits | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.limits = limits or FetchLimits.from_settings()
        self.sleep = sleep
        self.seconds = 0.0
        self.requests = 0
        self.deadline = time.monotonic() + self.limits.run_seconds

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise SourceTooSlowError(seconds=int(self.limits.run_seconds))

    def get(self, url: str, *, accept: str = JSON_TYPES) -> outbound.OutboundResponse:
        """GET ``url``; retried on server errors and dropped connections."""
        reason = ""
        attempts = self.limits.retries + 1
        for attempt in range(attempts):
            self.check_time()
            if attempt:
                self.sleep(self.limits.backoff * 2 ** (attempt - 1))
            try:
                response = self._fetch(url, accept)
            except _RETRYABLE as error:
                reason = error.render()
                continue
            if response.status >= 500 or response.status == 429:
                reason = _("the server answered with error %(status)d.") % {
                    "status": response.status
                }
                continue
            return self._checked(url, response)
        raise SourceUnreachableError(url=url, attempts=attempts, reason=reason)

    def _fetch(self, url: str, accept: str) -> outbound.OutboundResponse:
        limits = outbound.Limits(
            timeout=self.limits.timeout,
            # A whole answer (a large data.json) may take longer than one read.
            deadline=max(self.limits.timeout * 20, 1.0),
            max_bytes=self.limits.max_bytes,
        )
        started = time.monotonic()
        self.requests += 1
        try:
            return outbound.fetch(url, headers={"Accept": accept}, limits=limits)
        finally:
            self.seconds += time.monotonic() - started

    def _checked(
        self, url: str, response: outbound.OutboundResponse
    ) -> outbound.OutboundResponse:
        if response.truncated:
            raise SourceResponseTooLargeError(
                url=url, limit=filesizeformat(self.limits.max_bytes)
            )
        if response.status >= 400:
            raise SourceUnreachableError(
                url=url,
                attempts=1,
                reason=_("the server answered with error %(status)d.")
                % {"status": response.status},
            )
        return response

    def json(self, url: str) -> Any:
        response = self.get(url)
        return parse_json(url, response.body)


def parse_json(url: str, body: bytes) -> Any:
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise SourceFormatError(
            url=url, reason=_("its JSON is malformed (%(error)s).") % {"error": error}
        ) from error
