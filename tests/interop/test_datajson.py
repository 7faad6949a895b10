"""/data.json against the official DCAT-US (Project Open Data) v1.1 JSON Schemas."""

import json
from pathlib import Path

import pytest
from django.test import Client
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from tests.interop.conftest import SITE

pytestmark = pytest.mark.django_db


def _validator(folder: Path) -> Draft4Validator:
    registry = Registry()
    for path in folder.glob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(schema, default_specification=DRAFT4)
        registry = registry.with_resource(schema["id"].rstrip("#"), resource)
    catalog = json.loads((folder / "catalog.json").read_text(encoding="utf-8"))
    return Draft4Validator(catalog, registry=registry, format_checker=FormatChecker())


def _errors(validator: Draft4Validator, document: dict) -> list[str]:
    return sorted(
        "/".join(map(str, error.absolute_path)) + ": " + error.message
        for error in validator.iter_errors(document)
    )


@pytest.fixture
def data_json(client: Client, full_catalog) -> dict:
    response = client.get("/data.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Access-Control-Allow-Origin"] == "*"
    return json.loads(b"".join(response.streaming_content))


def test_valid_against_the_non_federal_schema(data_json, standards):
    validator = _validator(standards / "data-json" / "non-federal-v1.1")
    assert _errors(validator, data_json) == []


def test_federal_schema_only_misses_us_budget_codes(data_json, standards):
    """The federal profile requires US bureau and program codes, which a
    Guatemalan portal does not have (and must not fake), and a contact e-mail,
    which a dataset without one cannot give."""
    validator = _validator(standards / "data-json" / "v1.1")
    messages = {e.split(": ", 1)[1] for e in _errors(validator, data_json)}
    assert messages == {
        "'bureauCode' is a required property",
        "'programCode' is a required property",
        "'hasEmail' is a required property",
    }


def test_values(data_json, full_catalog):
    full = full_catalog[0]
    entry = next(d for d in data_json["dataset"] if d["title"] == full.title)
    assert entry["identifier"] == f"{SITE}/id/datos/{full.pk}"
    assert entry["accessLevel"] == "public"
    assert entry["accrualPeriodicity"] == "R/P1M"
    assert entry["temporal"] == "2020-01-01/2024-12-31"
    assert entry["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert entry["contactPoint"]["hasEmail"] == "mailto:abiertos@minfin.gob.gt"
    csv = next(d for d in entry["distribution"] if d.get("format") == "CSV")
    assert csv["mediaType"] == "text/csv"
    assert csv["describedBy"].endswith("/tableschema.json")
    plain = next(d for d in data_json["dataset"] if d["title"] != full.title)
    assert plain["keyword"]  # always present, even without keywords
    assert "license" not in plain  # "other licence": no address to give
