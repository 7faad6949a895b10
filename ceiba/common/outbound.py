"""The one guard every outbound fetch goes through (DESIGN §7): link checks now,
harvesting and remote files later.

- Only ``http`` and ``https`` addresses.
- The host is resolved once; every address it resolves to must be public (not
  private, loopback, link-local, multicast, reserved or unspecified), unless the
  host or the address is allowed by ``CEIBA_OUTBOUND_ALLOW``. The connection then
  goes to the address that was checked, so a second DNS answer cannot swap it.
- Every redirect is checked the same way, up to ``max_redirects``.
- Time is bounded per socket operation (``timeout``) and in total (``deadline``);
  the body is cut at ``max_bytes`` (``truncated`` says so).

Failures raise ``OutboundError`` subclasses with a stable ``code``.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ceiba.common.errors import CeibaError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
REDIRECTS = frozenset({301, 302, 303, 307, 308})
USER_AGENT = "Ceiba (portal de datos abiertos de Guatemala)"
CHUNK = 64 * 1024


class OutboundError(CeibaError):
    code = "outbound_error"
    status = 502
    message = _("The other website could not be reached. Try again later.")


class OutboundUrlError(OutboundError):
    code = "outbound_bad_url"
    status = 400
    message = _("The address is not a valid http or https address.")


class OutboundBlockedError(OutboundError):
    code = "outbound_blocked"
    status = 403
    message = _(
        "The address %(host)s leads to a private or reserved network, which the "
        "portal does not fetch from. Use a public address."
    )


class OutboundDnsError(OutboundError):
    code = "outbound_dns"
    message = _("The name %(host)s does not exist. Check the address.")


class OutboundTimeoutError(OutboundError):
    code = "outbound_timeout"
    message = _("The other website took too long to answer.")


class OutboundTooManyRedirectsError(OutboundError):
    code = "outbound_too_many_redirects"
    message = _("The address redirects too many times (perhaps in a loop).")


class OutboundTlsError(OutboundError):
    code = "outbound_tls"
    message = _("The other website's secure connection (TLS) failed: %(reason)s")


class OutboundConnectionError(OutboundError):
    code = "outbound_connection"
    message = _("The connection to the other website failed: %(reason)s")


@dataclass(frozen=True)
class Limits:
    timeout: float = 10.0
    deadline: float = 30.0
    max_bytes: int = 1024 * 1024
    max_redirects: int = 5


@dataclass
class OutboundResponse:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes = b""
    truncated: bool = False
    elapsed: float = 0.0
    redirects: list[str] = field(default_factory=list)

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")

    def retry_after(self) -> int | None:
        """Seconds the server asks to wait (``Retry-After``: seconds or a date)."""
        raw = self.header("retry-after").strip()
        if not raw:
            return None
        if raw.isdigit():
            return int(raw)
        try:
            when = parsedate_to_datetime(raw)
        except (TypeError, ValueError):
            return None
        return max(0, int((when - timezone.now()).total_seconds()))


@dataclass(frozen=True)
class AllowList:
    hosts: frozenset[str] = frozenset()
    networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def parse(cls, items: Iterable[str]) -> "AllowList":
        hosts, networks = set(), []
        for item in items:
            item = item.strip().lower()
            if not item:
                continue
            try:
                networks.append(ipaddress.ip_network(item, strict=False))
            except ValueError:
                hosts.add(item.rstrip("."))
        return cls(frozenset(hosts), tuple(networks))

    @classmethod
    def from_settings(cls) -> "AllowList":
        return cls.parse(getattr(settings, "CEIBA_OUTBOUND_ALLOW", []))

    def allows(self, address: IPAddress) -> bool:
        return any(address in network for network in self.networks)


def is_public(address: IPAddress) -> bool:
    """True for addresses on the public Internet only."""
    mapped = getattr(address, "ipv4_mapped", None)
    if mapped is not None:
        return is_public(mapped)
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def _resolve(host: str, port: int) -> list[IPAddress]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise OutboundDnsError(host=host) from error
    addresses = []
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise OutboundDnsError(host=host)
    return addresses


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str
    address: str


def check_url(url: str, allow: AllowList | None = None) -> Target:
    """Validate ``url`` and pick the checked address to connect to, or raise."""
    allow = allow or AllowList.from_settings()
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise OutboundUrlError() from error
    host = (parts.hostname or "").rstrip(".")
    if parts.scheme not in {"http", "https"} or not host:
        raise OutboundUrlError()
    addresses = _resolve(host, port)
    if host not in allow.hosts:
        for address in addresses:
            if not is_public(address) and not allow.allows(address):
                raise OutboundBlockedError(host=host)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(parts.scheme, host, port, path, str(addresses[0]))


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self._address = target.address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(
            target.host,
            target.port,
            timeout=timeout,
            context=ssl.create_default_context(),
        )
        self._address = target.address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def _read(
    response: http.client.HTTPResponse, max_bytes: int, deadline: float
) -> tuple[bytes, bool]:
    body = bytearray()
    while len(body) <= max_bytes:
        if time.monotonic() > deadline:
            raise OutboundTimeoutError()
        chunk = response.read(min(CHUNK, max_bytes + 1 - len(body)))
        if not chunk:
            return bytes(body), False
        body += chunk
    return bytes(body[:max_bytes]), True


def _once(
    url: str, method: str, headers: dict[str, str], limits: Limits, deadline: float
) -> OutboundResponse:
    target = check_url(url)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise OutboundTimeoutError()
    connection_class = (
        _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    )
    connection = connection_class(target, timeout=min(limits.timeout, remaining))
    started = time.monotonic()
    try:
        connection.request(
            method, target.path, headers={"User-Agent": USER_AGENT, **headers}
        )
        response = connection.getresponse()
        body, truncated = (b"", False)
        if method != "HEAD" and response.status not in REDIRECTS:
            body, truncated = _read(response, limits.max_bytes, deadline)
        return OutboundResponse(
            url=url,
            status=response.status,
            headers={k.lower(): v for k, v in response.getheaders()},
            body=body,
            truncated=truncated,
            elapsed=time.monotonic() - started,
        )
    except TimeoutError as error:
        raise OutboundTimeoutError() from error
    except ssl.SSLError as error:
        raise OutboundTlsError(
            reason=str(getattr(error, "reason", "") or error)
        ) from error
    except (OSError, http.client.HTTPException) as error:
        raise OutboundConnectionError(reason=error.__class__.__name__) from error
    finally:
        connection.close()


def fetch(
    url: str,
    *,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    limits: Limits | None = None,
) -> OutboundResponse:
    """Fetch ``url`` through the guard, following redirects (each one checked)."""
    limits = limits or Limits()
    deadline = time.monotonic() + limits.deadline
    redirects: list[str] = []
    current = url
    while True:
        response = _once(current, method, headers or {}, limits, deadline)
        location = response.header("location")
        if response.status not in REDIRECTS or not location:
            response.redirects = redirects
            return response
        if len(redirects) >= limits.max_redirects:
            raise OutboundTooManyRedirectsError()
        current = urljoin(current, location)
        redirects.append(current)
