"""/datos/<slug>/datapackage.json: valid for the official Data Package 2.0 profiles
and for the frictionless library, which reads every resource over HTTP from a live
server and checks each table's rows against its Table Schema."""

import json
from pathlib import Path

import pytest
from django.test import Client
from frictionless import Package
from jsonschema import Draft7Validator

from tests.interop.conftest import make_full_dataset

pytestmark = pytest.mark.django_db


def _profile(standards: Path, name: str) -> Draft7Validator:
    path = standards / "frictionless" / "2.0" / name
    return Draft7Validator(json.loads(path.read_text(encoding="utf-8")))


def test_descriptor_matches_the_data_package_2_profiles(
    client: Client, full_dataset, standards
):
    response = client.get(f"/datos/{full_dataset.slug}/datapackage.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    descriptor = response.json()
    assert list(_profile(standards, "datapackage.json").iter_errors(descriptor)) == []
    tables = [r for r in descriptor["resources"] if r.get("type") == "table"]
    assert len(tables) == 1
    schema = tables[0]["schema"]
    assert list(_profile(standards, "tableschema.json").iter_errors(schema)) == []
    names = [f["name"] for f in schema["fields"]]
    assert names == ["departamento", "municipio", "anio", "monto", "fecha"]
    files = [r for r in descriptor["resources"] if "schema" not in r]
    assert {r["title"] for r in files} == {"presupuesto", "metodologia", "API"}
    csv = next(r for r in files if r["title"] == "presupuesto")
    assert csv["hash"].startswith("sha256:") and csv["bytes"] > 0


def test_table_schema_address(client: Client, full_dataset):
    package = client.get(f"/datos/{full_dataset.slug}/datapackage.json").json()
    table = next(r for r in package["resources"] if r.get("type") == "table")
    table_id = table["path"].split("/tablas/")[1].split("/")[0]
    url = f"/datos/{full_dataset.slug}/tablas/{table_id}/tableschema.json"
    response = client.get(url)
    assert response.status_code == 200
    assert response.json() == table["schema"]


@pytest.mark.django_db(transaction=True)
def test_frictionless_validates_the_package_and_its_data(
    live_server, settings, vocabularies
):
    settings.SITE_URL = live_server.url
    dataset = make_full_dataset()
    client = Client()
    descriptor = client.get(f"/datos/{dataset.slug}/datapackage.json").json()
    # The link points to another site, which the tests cannot reach.
    descriptor["resources"] = [
        r for r in descriptor["resources"] if r["title"] != "API"
    ]
    package = Package(descriptor)
    report = package.validate()
    assert report.valid, report.flatten(["title", "type", "note", "rowNumber"])
    table = next(r for r in package.resources if r.type == "table")
    rows = table.read_rows()
    assert [row["municipio"] for row in rows] == ["0101", "0102", "0501"]
    assert float(rows[0]["monto"]) == 1234.5
