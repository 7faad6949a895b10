import pytest
from django.db import connection

from ceiba.search.backends import get_backend
from ceiba.search.backends.postgres import PostgresBackend
from ceiba.search.backends.sqlite_fts5 import SQLiteFTS5Backend


def test_the_database_engine_chooses_by_default(settings):
    settings.CEIBA_SEARCH_BACKEND = ""
    expected = {"sqlite": SQLiteFTS5Backend, "postgresql": PostgresBackend}
    assert type(get_backend()) is expected[connection.vendor]


def test_the_setting_names_a_backend_class(settings):
    settings.CEIBA_SEARCH_BACKEND = "ceiba.search.backends.postgres.PostgresBackend"
    assert type(get_backend()) is PostgresBackend


def test_a_wrong_setting_fails_loudly(settings):
    settings.CEIBA_SEARCH_BACKEND = "ceiba.search.backends.nowhere.Backend"
    with pytest.raises(ImportError):
        get_backend()
