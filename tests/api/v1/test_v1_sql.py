"""The SQL endpoint: one SELECT over published tables, GET or POST."""

import pytest
from django.test import Client

from tests.api.v1.conftest import problem

pytestmark = pytest.mark.django_db


def test_sql_by_get_and_post(client: Client, catalog):
    sql = (
        f'SELECT anio, sum(alumnos) AS total FROM "{catalog.table_id}" '
        "GROUP BY anio ORDER BY anio"
    )
    expected = [{"anio": 2020, "total": 200}, {"anio": 2021, "total": 185}]
    got = client.get("/api/v1/sql", {"sql": sql})
    assert got.status_code == 200 and got.json()["rows"] == expected
    assert got.json()["fields"] == [
        {"name": "anio", "type": "integer"},
        {"name": "total", "type": "integer"},
    ]
    posted = client.post("/api/v1/sql", {"sql": sql}, content_type="application/json")
    assert posted.json()["rows"] == expected
    form = client.post("/api/v1/sql", {"sql": sql})
    assert form.json()["rows"] == expected


def test_sql_values_stay_valid_json(client: Client, catalog):
    sql = (
        "SELECT 'nan'::double AS a, 1.5::decimal(4,2) AS b, [1, 2] AS c, "
        "DATE '2024-01-02' AS d"
    )
    body = client.get("/api/v1/sql", {"sql": sql}).json()
    assert body["rows"] == [{"a": None, "b": 1.5, "c": [1, 2], "d": "2024-01-02"}]


@pytest.mark.parametrize(
    ("sql", "status", "code"),
    [
        ("DELETE FROM x", 400, "not_select"),
        ("SELECT 1; SELECT 2", 400, "multiple_statements"),
        ("SELEC 1", 400, "syntax_error"),
        ("SELECT * FROM read_csv('/etc/passwd')", 400, "forbidden_function"),
        ('SELECT * FROM "no-such-table"', 404, "unknown_table"),
        ("SELECT * FROM range(20000)", 400, "too_many_rows"),
    ],
)
def test_sql_refusals(client: Client, catalog, sql, status, code):
    response = client.get("/api/v1/sql", {"sql": sql})
    assert response.status_code == status
    assert problem(response)["code"] == code


def test_drafts_are_not_visible_to_sql(client: Client, catalog):
    response = client.get(
        "/api/v1/sql",
        {"sql": f'SELECT * FROM "{catalog.draft_table_id}"'},
        HTTP_AUTHORIZATION=f"Bearer {catalog.member_token}",
    )
    assert problem(response)["code"] == "unknown_table"


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        ("{", "application/json", 400, "bad_request"),
        ("[]", "application/json", 400, "bad_request"),
        ('{"sql": 1}', "application/json", 400, "bad_request"),
        ('{"sql": ""}', "application/json", 400, "bad_request"),
        ('{"query": "SELECT 1"}', "application/json", 400, "unknown_parameter"),
        ('{"sql": "SELECT 1", "x": 1}', "application/json", 400, "unknown_parameter"),
        ("sql=SELECT 1", "text/plain", 415, "unsupported_media_type"),
        ("--x\r\n", "multipart/form-data", 400, "bad_request"),
    ],
)
def test_bad_sql_bodies(client: Client, catalog, body, content_type, status, code):
    response = client.generic("POST", "/api/v1/sql", body, content_type=content_type)
    assert response.status_code == status, response.content
    assert problem(response)["code"] == code


def test_bad_sql_parameters(client: Client, catalog):
    assert problem(client.get("/api/v1/sql"))["code"] == "invalid_parameters"
    long = client.get("/api/v1/sql", {"sql": "SELECT 1 " + " " * 4000})
    assert problem(long)["code"] == "invalid_parameters"
    extra = client.get("/api/v1/sql", {"sql": "SELECT 1", "format": "csv"})
    assert problem(extra)["code"] == "unknown_parameter"
    query_on_post = client.post("/api/v1/sql?x=1", {"sql": "SELECT 1"})
    assert problem(query_on_post)["code"] == "unknown_parameter"
