"""The middleware every /api/ address goes through: tokens, rate limits, CORS."""

import pytest
from django.test import Client

from ceiba.accounts.services import token_create, token_revoke
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_an_invalid_token_is_refused_as_problem_details_on_the_native_api(
    client: Client,
):
    response = client.get("/api/v1/", HTTP_AUTHORIZATION="Bearer ceiba_nope")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 403 and body["code"] == "invalid_token"
    assert "API" in body["detail"]


def test_an_invalid_token_is_refused_in_ckans_envelope_on_the_ckan_api(client: Client):
    response = client.get("/api/3/action/status_show", HTTP_X_CKAN_API_KEY="nope")
    assert response.status_code == 403
    body = response.json()
    assert body["success"] is False
    assert body["error"]["__type"] == "Authorization Error"


def test_a_revoked_token_stops_working_at_once(client: Client):
    user = make_user("ana")
    token, raw = token_create(user=user, name="a")
    token_revoke(user=user, token_id=token.pk)
    assert client.get("/api/v1/", HTTP_AUTHORIZATION=raw).status_code == 403


def test_anonymous_calls_are_limited_per_address_with_retry_after(
    client: Client, settings
):
    settings.CEIBA_API_RATE_LIMIT_ANON = 3
    statuses = [client.get("/api/v1/nothing").status_code for _ in range(4)]
    assert 429 not in statuses[:3]
    assert statuses[3] == 429
    response = client.get("/api/v1/nothing")
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["code"] == "rate_limited"
    # Pages are not API calls: they are never limited this way.
    assert client.get("/").status_code == 200


def test_a_token_has_its_own_higher_limit(client: Client, settings):
    settings.CEIBA_API_RATE_LIMIT_ANON = 1
    settings.CEIBA_API_RATE_LIMIT_TOKEN = 5
    _token, raw = token_create(user=make_user("ana"), name="a")
    client.get("/api/v1/nothing")
    assert client.get("/api/v1/nothing").status_code == 429
    statuses = [
        client.get("/api/v1/nothing", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code
        for _ in range(5)
    ]
    assert 429 not in statuses


def test_cors_preflight_and_headers(client: Client):
    preflight = client.options(
        "/api/3/action/package_search",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "Authorization" in preflight["Access-Control-Allow-Headers"]
    response = client.get("/api/v1/nothing", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_answers_to_token_calls_are_never_cached_publicly(client: Client):
    _token, raw = token_create(user=make_user("ana"), name="a")
    response = client.get("/api/v1/nothing", HTTP_AUTHORIZATION=raw)
    assert response["Cache-Control"] == "private, no-store"
    assert "Authorization" in response["Vary"]
