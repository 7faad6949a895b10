"""Files, versions, institutions and vocabularies."""

import uuid

import pytest
from django.test import Client

from tests.api.v1.conftest import problem

pytestmark = pytest.mark.django_db
SCHOOLS = "/api/v1/datasets/escuelas-de-guatemala"


def test_files_and_their_revisions(client: Client, catalog):
    files = client.get(f"{SCHOOLS}/files").json()
    assert files["total"] == 1
    [file] = files["results"]
    assert file["revision"] == 1 and file["byte_size"] > 0 and len(file["sha256"]) == 64
    detail = client.get(file["url"])
    assert detail.status_code == 200
    [revision] = detail.json()["revisions"]
    assert revision["number"] == 1 and revision["filename"] == "escuelas.csv"
    assert "/v1/escuelas.csv" in revision["download_url"]
    download = client.get(revision["download_url"])
    assert download.status_code == 200


def test_missing_files_are_problems(client: Client, catalog):
    response = client.get(f"{SCHOOLS}/files/{uuid.uuid4()}")
    assert problem(response)["code"] == "distribution_not_found"
    assert client.get(f"{SCHOOLS}/files/not-a-uuid").status_code == 400
    draft_file = catalog.draft.distributions.first().pk
    hidden = client.get(f"/api/v1/datasets/{catalog.draft.slug}/files/{draft_file}")
    assert problem(hidden)["code"] == "dataset_not_found"


def test_versions_with_changes_and_snapshots(client: Client, catalog):
    body = client.get(f"{SCHOOLS}/versions", {"page_size": 2}).json()
    assert body["total"] == 3 and [v["number"] for v in body["results"]] == [3, 2]
    assert body["results"][0]["kind"] == "published"
    assert body["results"][0]["changes"] == [
        {"field": "status", "before": "draft", "after": "published"}
    ]
    assert body["next"].endswith("page_size=2&page=2")
    last = client.get(body["next"]).json()
    assert [v["number"] for v in last["results"]] == [1]
    first = client.get(f"{SCHOOLS}/versions/1").json()
    assert first["kind"] == "created"
    assert first["snapshot"]["title"] == "Escuelas de Guatemala"
    assert problem(client.get(f"{SCHOOLS}/versions/99"))["code"] == "version_not_found"
    for bad in ("0", "x", "99999999999"):
        assert problem(client.get(f"{SCHOOLS}/versions/{bad}"))["status"] == 400
    hidden = client.get(f"/api/v1/datasets/{catalog.draft.slug}/versions")
    assert hidden.status_code == 404


def test_institutions(client: Client, catalog):
    body = client.get("/api/v1/institutions").json()
    assert [i["slug"] for i in body["results"]] == ["mineduc", "mspas", "otra"]
    mineduc = client.get("/api/v1/institutions/mineduc").json()
    assert mineduc["dataset_count"] == 1  # the draft is not counted
    assert mineduc["kind"]["code"] == "ministry"
    datasets = client.get(mineduc["datasets_url"]).json()
    assert [d["slug"] for d in datasets["results"]] == ["escuelas-de-guatemala"]
    paged = client.get("/api/v1/institutions", {"page_size": 2, "page": 2}).json()
    assert [i["slug"] for i in paged["results"]] == ["otra"]
    assert paged["previous"] and paged["next"] is None
    missing = client.get("/api/v1/institutions/nadie")
    assert problem(missing)["code"] == "institution_not_found"


def test_vocabularies(client: Client, catalog):
    themes = client.get("/api/v1/themes").json()
    codes = {t["code"]: t for t in themes["results"]}
    assert codes["educacion"]["is_local"] and codes["educacion"]["eu_theme"] == "EDUC"
    assert client.get("/api/v1/themes/salud").json()["labels"]["en"] == "Health"
    assert problem(client.get("/api/v1/themes/nada"))["code"] == "theme_not_found"
    places = client.get("/api/v1/places").json()
    assert places["total"] == 22 and places["results"][0]["code"] == "01"
    guatemala = client.get(places["results"][0]["url"]).json()
    assert guatemala["level"] == "department"
    assert "0101" in [p["code"] for p in guatemala["children"]]
    assert problem(client.get("/api/v1/places/atlantida"))["code"] == "place_not_found"
    licences = client.get("/api/v1/licences").json()["results"]
    assert "CC-BY-4.0" in [lic["code"] for lic in licences]
    frequencies = client.get("/api/v1/frequencies").json()["results"]
    assert "ANNUAL" in [f["code"] for f in frequencies]
    assert problem(client.get("/api/v1/themes?all=1"))["code"] == "unknown_parameter"
