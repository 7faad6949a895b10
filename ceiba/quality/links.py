"""Checking links politely: HEAD, then a ranged GET of the first bytes, through the
outbound guard; a few requests at a time per host, spaced out, and a host that
answers 429 is left alone until the time it asks for.

This module only talks HTTP and returns results; ``services.links`` stores them.
"""

import hashlib
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from urllib.parse import urlsplit
from uuid import UUID

from django.utils import timezone

from ceiba.common.outbound import (
    Limits,
    OutboundBlockedError,
    OutboundDnsError,
    OutboundError,
    OutboundResponse,
    OutboundTimeoutError,
    OutboundTlsError,
    OutboundTooManyRedirectsError,
    OutboundUrlError,
    fetch,
)

SAMPLE_BYTES = 64 * 1024
HEAD_LIMITS = Limits(timeout=10, deadline=20, max_bytes=0, max_redirects=5)
GET_LIMITS = Limits(timeout=10, deadline=30, max_bytes=SAMPLE_BYTES, max_redirects=5)
# Failures that may pass by themselves: the link is broken only if they repeat.
TRANSIENT = frozenset({"timeout", "connection", "server_error", "rate_limited"})
_REASONS: tuple[tuple[type[OutboundError], str], ...] = (
    (OutboundUrlError, "bad_url"),
    (OutboundBlockedError, "blocked"),
    (OutboundDnsError, "dns"),
    (OutboundTimeoutError, "timeout"),
    (OutboundTooManyRedirectsError, "redirect_loop"),
    (OutboundTlsError, "tls"),
)


@dataclass(frozen=True)
class LinkTarget:
    """An address to check: a dataset's file link (``distribution_id`` and
    ``dataset_id``) or a harvested source (``source_id``)."""

    url: str
    distribution_id: UUID | None = None
    dataset_id: UUID | None = None
    source_id: int | None = None

    @property
    def host(self) -> str:
        return (urlsplit(self.url).hostname or "").lower()


@dataclass
class LinkResult:
    target: LinkTarget
    checked_at: object
    ok: bool = False
    status_code: int | None = None
    reason: str = ""
    latency_ms: int | None = None
    content_type: str = ""
    byte_size: int | None = None
    checksum: str = ""
    retry_after: int | None = None

    @property
    def transient(self) -> bool:
        return self.reason in TRANSIENT


def reason_of(error: OutboundError) -> str:
    for kind, reason in _REASONS:
        if isinstance(error, kind):
            return reason
    return "connection"


def reason_of_status(status: int) -> str:
    if 200 <= status < 300:
        return ""
    if status in {404, 410}:
        return "not_found"
    if status == 429:
        return "rate_limited"
    if status >= 500:
        return "server_error"
    return "client_error"


def _size(response: OutboundResponse) -> int | None:
    total = response.header("content-range").rpartition("/")[2]
    if total.isdigit():
        return int(total)
    length = response.header("content-length")
    if length.isdigit() and response.status == 200:
        return int(length)
    return None


def _apply(result: LinkResult, response: OutboundResponse) -> None:
    result.status_code = response.status
    result.reason = reason_of_status(response.status)
    result.ok = not result.reason
    result.content_type = response.header("content-type")[:200] or result.content_type
    result.byte_size = _size(response) or result.byte_size
    if response.status == 429:
        result.retry_after = response.retry_after() or 3600


def check_link(
    target: LinkTarget, *, head: Limits = HEAD_LIMITS, get: Limits = GET_LIMITS
) -> LinkResult:
    """HEAD, then a ranged GET (also when HEAD is refused: many servers do not
    implement it). The GET's first bytes give a checksum to notice changes."""
    result = LinkResult(target=target, checked_at=timezone.now())
    started = time.monotonic()
    try:
        answer = fetch(target.url, method="HEAD", limits=head)
    except OutboundError as error:
        result.reason = reason_of(error)
        result.latency_ms = round(1000 * (time.monotonic() - started))
        return result
    result.latency_ms = round(1000 * answer.elapsed)
    _apply(result, answer)
    if answer.status == 429:
        return result
    try:
        sample = fetch(
            target.url,
            headers={"Range": f"bytes=0-{get.max_bytes - 1}"},
            limits=get,
        )
    except OutboundError as error:
        if result.ok:
            return result  # HEAD answered; the sample could not be read
        result.reason = reason_of(error)
        return result
    _apply(result, sample)
    if result.ok:
        result.checksum = hashlib.sha256(sample.body).hexdigest()
    return result


class _HostGate:
    """Spaces out the requests to one host, and stops them after a 429."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.lock = threading.Lock()
        self.next_at = 0.0
        self.closed = False

    def wait(self) -> bool:
        with self.lock:
            if self.closed:
                return False
            now = time.monotonic()
            start = max(now, self.next_at)
            self.next_at = start + self.interval
        time.sleep(max(0.0, start - now))
        return not self.closed


def _lane(
    targets: list[LinkTarget],
    gate: _HostGate,
    check: Callable[[LinkTarget], LinkResult],
) -> list[LinkResult]:
    results = []
    for target in targets:
        if not gate.wait():
            break  # the host asked us to slow down: the rest wait for next run
        result = check(target)
        results.append(result)
        if result.reason == "rate_limited":
            gate.closed = True
    return results


def check_links(
    targets: Iterable[LinkTarget],
    *,
    per_host: int = 2,
    interval: float = 1.0,
    workers: int = 8,
    check: Callable[[LinkTarget], LinkResult] = check_link,
    on_results: Callable[[list[LinkResult]], object] | None = None,
) -> list[LinkResult]:
    """Check every target: at most ``per_host`` at a time per host, requests to a
    host ``interval`` seconds apart, ``workers`` at a time in all."""
    by_host: dict[str, list[LinkTarget]] = defaultdict(list)
    for target in targets:
        by_host[target.host].append(target)
    lanes = []
    for items in by_host.values():
        gate = _HostGate(interval)
        for index in range(max(1, per_host)):
            lane = items[index :: max(1, per_host)]
            if lane:
                lanes.append((lane, gate))
    results: list[LinkResult] = []
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = [pool.submit(_lane, lane, gate, check) for lane, gate in lanes]
        for future in as_completed(futures):
            done = future.result()
            results.extend(done)
            if on_results and done:
                on_results(done)
    return results
