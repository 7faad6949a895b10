"""The API's own shape: OpenAPI 3.1, its docs page, and errors for every address."""

import re
from pathlib import Path

import pytest
from django.test import Client

from tests.api.v1.conftest import problem

pytestmark = pytest.mark.django_db
GUIDE = Path(__file__).resolve().parents[3] / "docs" / "reusers" / "rest-api.md"


def test_openapi_document(client: Client, catalog):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.1")
    assert schema["info"]["version"] == "1.0.0"
    assert {"/api/v1/datasets", "/api/v1/tables/{table_id}/rows", "/api/v1/sql"} <= set(
        schema["paths"]
    )
    rows = schema["paths"]["/api/v1/tables/{table_id}/rows"]["get"]["responses"]
    assert "text/csv" in rows["200"]["content"]
    problem_content = rows["400"]["content"]["application/problem+json"]
    assert problem_content["schema"] == {"$ref": "#/components/schemas/Problem"}
    assert schema["security"] == [{}, {"token": []}]


def test_every_endpoint_is_in_the_reusers_guide(client: Client, catalog):
    guide = GUIDE.read_text()
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    missing = [
        f"{method.upper()} {path}"
        for path, item in paths.items()
        for method in item
        if f"`{method.upper()} {path.removeprefix('/api/v1')}`" not in guide
    ]
    assert missing == []


def test_docs_page_is_server_rendered_without_scripts(client: Client, catalog):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script" not in html and "cdn" not in html.lower()
    assert 'href="/api/v1/openapi.json"' in html
    assert "GET /api/v1/tables/{table_id}/rows" in html
    assert len(re.findall(r"<section ", html)) == 20


def test_index_lists_the_entry_points(client: Client, catalog):
    body = client.get("/api/v1/").json()
    assert body["openapi"] == "http://testserver/api/v1/openapi.json"
    assert body["endpoints"]["datasets"] == "http://testserver/api/v1/datasets"


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("get", "/api/v1/nothing", 404, "not_found"),
        ("get", "/api/v1/datasets/", 404, "not_found"),
        ("post", "/api/v1/nothing/here", 404, "not_found"),
        ("post", "/api/v1/datasets", 405, "method_not_allowed"),
        ("delete", "/api/v1/datasets/escuelas-de-guatemala", 405, "method_not_allowed"),
        ("put", "/api/v1/sql", 405, "method_not_allowed"),
        ("post", "/api/v1/", 405, "method_not_allowed"),
    ],
)
def test_unknown_addresses_and_methods_are_problems(
    client: Client, catalog, method, path, status, code
):
    response = getattr(client, method)(path)
    assert response.status_code == status
    assert problem(response)["code"] == code
    if status == 405:
        assert response["Allow"]


def test_rate_limit_is_a_problem_with_retry_after(client: Client, catalog, settings):
    settings.CEIBA_API_RATE_LIMIT_ANON = 2
    for _ in range(2):
        assert client.get("/api/v1/themes").status_code == 200
    response = client.get("/api/v1/themes")
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert problem(response)["code"] == "rate_limited"


def test_cors_preflight(client: Client, catalog):
    response = client.options("/api/v1/datasets", HTTP_ORIGIN="https://example.org")
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
