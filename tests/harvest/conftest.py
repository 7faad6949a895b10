import pytest

from tests.factories import make_institution
from tests.harvest.server import Site


@pytest.fixture
def site():
    server = Site().start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _harvest_settings(settings):
    """Our own 127.0.0.1 servers are allowed; short timeouts and backoff."""
    settings.CEIBA_OUTBOUND_ALLOW = ["127.0.0.1"]
    settings.CEIBA_HARVEST_TIMEOUT = 1
    settings.CEIBA_HARVEST_RETRIES = 2
    settings.CEIBA_HARVEST_BACKOFF_MS = 10
    settings.CEIBA_HARVEST_MAX_BYTES = 5 * 1024 * 1024
    settings.CEIBA_HARVEST_MAX_SECONDS = 120
    settings.CEIBA_HARVEST_PAGE_SIZE = 50


@pytest.fixture
def institution(db):
    return make_institution("minfin", name="Ministerio de Finanzas Públicas")
