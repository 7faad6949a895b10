import pytest
from django.db import connection

from tests.search.backend_contract import BackendContract


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="the SQLite FTS5 backend runs when the suite runs on SQLite "
    "(DATABASE_URL unset or sqlite://)",
)
class TestSQLiteFTS5Backend(BackendContract):
    backend_path = "ceiba.search.backends.sqlite_fts5.SQLiteFTS5Backend"
