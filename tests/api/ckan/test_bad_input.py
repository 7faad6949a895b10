"""Whatever is sent, a CKAN-style error with a clear message, never a 500."""

import json

import pytest

pytestmark = pytest.mark.django_db


def test_unknown_action_is_400(client, catalog):
    response = client.post("/api/3/action/package_explode", "{}", "application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["success"] is False
    assert "package_explode" in body["error"]["message"]


def test_malformed_json_is_400(client, catalog):
    response = client.post(
        "/api/3/action/package_show", '{"id": "escuelas', "application/json"
    )
    assert response.status_code == 400
    assert "no es JSON válido" in response.json()["error"]["message"]


@pytest.mark.parametrize("body", ["[1, 2]", '"text"', "3"])
def test_a_body_that_is_not_an_object_is_400(client, catalog, body):
    response = client.post("/api/3/action/package_show", body, "application/json")
    assert response.status_code == 400
    assert "objeto JSON" in response.json()["error"]["message"]


def test_bytes_that_are_not_text_are_400(client, catalog):
    response = client.post(
        "/api/3/action/package_show", b"\xff\xfe{", "application/json"
    )
    assert response.status_code == 400


def test_oversized_body_is_refused(client, catalog, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"id": "x" * 2000})
    response = client.post("/api/3/action/package_show", body, "application/json")
    assert response.status_code == 413
    assert "1000" in response.json()["error"]["message"]


def test_form_bodies_work(client, catalog):
    response = client.post("/api/3/action/package_show", {"id": "vacunacion"})
    assert response.json()["result"]["name"] == "vacunacion"


def test_json_without_its_content_type_works(client, catalog):
    response = client.post(
        "/api/3/action/package_show", '{"id": "vacunacion"}', "text/plain"
    )
    assert response.json()["result"]["name"] == "vacunacion"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"id": {"a": 1}}, "id"),
        ({"id": ["a"]}, "id"),
        ({"id": True}, "id"),
    ],
)
def test_wrong_types_are_validation_errors(api, catalog, params, field):
    answer = api.post("package_show", **params)
    assert answer.status == 409
    assert field in answer.error


def test_writes_refuse_get(client, catalog):
    response = client.get("/api/3/action/package_delete", {"id": "vacunacion"})
    assert response.status_code == 405
    assert response.json()["success"] is False


def test_invalid_token_is_403(api, catalog):
    answer = api.post("package_show", token="ceiba_not-a-token", id="vacunacion")
    assert answer.status == 403
    assert answer.error["__type"] == "Authorization Error"


def test_non_numeric_limit(api, catalog):
    assert api.get("package_list", limit="ten").status == 409
    assert api.get("package_activity_list", id="vacunacion", offset=-3).status == 409
