"""Brute-force lockout for sign-in: after too many failures, wait."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(username: str, ip: str) -> str:
    raw = f"{username.strip().lower()}|{ip}".encode()
    return "login-failures:" + hashlib.sha256(raw).hexdigest()


def login_is_locked(*, username: str, ip: str) -> bool:
    return cache.get(_key(username, ip), 0) >= settings.CEIBA_LOGIN_MAX_FAILURES


def login_record_failure(*, username: str, ip: str) -> None:
    key = _key(username, ip)
    cache.add(key, 0, timeout=settings.CEIBA_LOGIN_LOCKOUT_SECONDS)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=settings.CEIBA_LOGIN_LOCKOUT_SECONDS)


def login_clear_failures(*, username: str, ip: str) -> None:
    cache.delete(_key(username, ip))
