"""Choosing the search backend: ``CEIBA_SEARCH_BACKEND`` (a dotted path to a
SearchBackend class) if set, else the engine of the database."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.module_loading import import_string

from ceiba.search.backends.base import SearchBackend

BY_VENDOR = {
    "sqlite": "ceiba.search.backends.sqlite_fts5.SQLiteFTS5Backend",
    "postgresql": "ceiba.search.backends.postgres.PostgresBackend",
}


def get_backend(using: str = DEFAULT_DB_ALIAS) -> SearchBackend:
    path = settings.CEIBA_SEARCH_BACKEND or BY_VENDOR.get(connections[using].vendor)
    if not path:
        raise ImproperlyConfigured(
            f"Search has no backend for the {connections[using].vendor} database: "
            "set CEIBA_SEARCH_BACKEND to a SearchBackend class."
        )
    return import_string(path)(using=using)


__all__ = ["SearchBackend", "get_backend"]
