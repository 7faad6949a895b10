"""The outbound-fetch guard, branch by branch, against real servers on 127.0.0.1."""

import time

import pytest

from ceiba.common.outbound import (
    AllowList,
    Limits,
    OutboundBlockedError,
    OutboundTimeoutError,
    OutboundTooManyRedirectsError,
    OutboundUrlError,
    check_url,
    fetch,
)
from tests.quality.servers import CSV, http_server, silent_server

REFUSED = [
    "http://127.0.0.1/",
    "http://localhost/",
    "http://10.1.2.3/",
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://100.64.0.1/",
    "http://0.0.0.0/",
    "http://224.0.0.1/",
    "http://240.0.0.1/",
    "http://[::1]/",
    "http://[fe80::1]/",
    "http://[fc00::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[ff02::1]/",
]


@pytest.mark.parametrize("url", REFUSED)
def test_private_and_reserved_addresses_are_refused(url, settings):
    settings.CEIBA_OUTBOUND_ALLOW = []
    with pytest.raises(OutboundBlockedError) as caught:
        check_url(url)
    assert caught.value.code == "outbound_blocked"


def test_public_addresses_pass():
    target = check_url("https://8.8.8.8/datos.csv?x=1", AllowList())
    assert (target.address, target.port) == ("8.8.8.8", 443)
    assert target.path == "/datos.csv?x=1"


@pytest.mark.parametrize(
    "url", ["ftp://8.8.8.8/a", "file:///etc/passwd", "http:///nohost", "http://[::1"]
)
def test_only_http_addresses(url):
    with pytest.raises(OutboundUrlError):
        check_url(url, AllowList())


def test_allow_list_takes_hosts_and_networks():
    allow = AllowList.parse(["localhost", "127.0.0.0/8", " ", "10.20.0.0/16"])
    assert check_url("http://localhost:8080/", allow).address in {"127.0.0.1", "::1"}
    assert check_url("http://10.20.3.4/", allow).address == "10.20.3.4"
    with pytest.raises(OutboundBlockedError):
        check_url("http://10.21.0.1/", allow)


@pytest.fixture
def local(settings):
    settings.CEIBA_OUTBOUND_ALLOW = ["127.0.0.1"]
    with http_server() as base:
        yield base


def test_fetch_follows_redirects(local):
    response = fetch(f"{local}/to-ok")
    assert response.status == 200 and response.body == CSV
    assert response.redirects == [f"{local}/ok.csv"]


def test_redirect_loops_stop(local):
    with pytest.raises(OutboundTooManyRedirectsError):
        fetch(f"{local}/loop", limits=Limits(max_redirects=3))


def test_every_redirect_goes_through_the_guard(local):
    with pytest.raises(OutboundBlockedError):
        fetch(f"{local}/to-private")


def test_huge_bodies_are_cut(local):
    started = time.monotonic()
    response = fetch(f"{local}/huge", limits=Limits(max_bytes=100_000))
    assert response.truncated and len(response.body) == 100_000
    assert time.monotonic() - started < 5


def test_a_host_that_never_answers_times_out(settings):
    settings.CEIBA_OUTBOUND_ALLOW = ["127.0.0.1"]
    with silent_server() as base:
        started = time.monotonic()
        with pytest.raises(OutboundTimeoutError):
            fetch(f"{base}/", limits=Limits(timeout=0.3, deadline=1))
        assert time.monotonic() - started < 2


def test_retry_after_is_read(local):
    response = fetch(f"{local}/busy")
    assert response.status == 429 and response.retry_after() == 120
