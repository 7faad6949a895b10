"""Schemathesis (property-based tests from the OpenAPI document) against a live
server with a seeded catalog: every check, no failures.

Two expectations are set for the data schemathesis generates, and only these:

- SQL text and table filters that are valid *strings* are usually not valid SQL or
  not valid columns of the table, so 400 is a right answer to them
  (``positive_data_acceptance`` for ``/sql`` and ``/rows``);
- a server may refuse an address longer than it accepts with 414, which is a
  rejection like any other (``negative_data_rejection``).
"""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache

from tests.api.v1.conftest import build_catalog, storage_settings

SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"
CONFIG = """
[parameters]
"path.table_id" = "{table_id}"

[checks.negative_data_rejection]
expected-statuses = ["400", "404", "405", "413", "414", "415"]

[[operations]]
include-path-regex = "/(sql|rows)$"
checks.positive_data_acceptance.expected-statuses = ["2xx", "400", "404"]
"""


@pytest.fixture(autouse=True)
def _isolated_storage(settings, tmp_path: Path) -> None:
    """This module's own storage (not the shared module catalog's), no rate limit."""
    for name, value in storage_settings(tmp_path).items():
        setattr(settings, name, value)
    settings.CEIBA_API_RATE_LIMIT_ANON = 0
    cache.clear()


@pytest.mark.skipif(not SCHEMATHESIS.exists(), reason="schemathesis is not installed")
@pytest.mark.django_db(transaction=True)
def test_schemathesis_finds_no_failures(live_server, vocabularies, tmp_path: Path):
    catalog = build_catalog()
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG.format(table_id=catalog.table_id))
    command = [
        str(SCHEMATHESIS),
        "--config-file",
        str(config),
        "--no-color",
        "run",
        f"{live_server.url}/api/v1/openapi.json",
        "--checks",
        "all",
        "--max-examples",
        "8",
        "--seed",
        "20261123",
        # One worker: with threads, hypothesis' reading of lambda sources races
        # and schemathesis fails with an internal error now and then.
        "--workers",
        "1",
        "--request-timeout",
        "30",
        "--output-truncate",
        "true",
    ]
    result = subprocess.run(  # noqa: S603 (our own command line)
        command, cwd=tmp_path, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "passed" in result.stdout
