import pytest
from django.db import connection

from tests.search.backend_contract import BackendContract


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the PostgreSQL backend runs when the suite runs on PostgreSQL "
    "(DATABASE_URL=postgres://postgres@127.0.0.1:5432/test)",
)
class TestPostgresBackend(BackendContract):
    backend_path = "ceiba.search.backends.postgres.PostgresBackend"
