"""The table query endpoint: filters, sort, fields, groups, cursors and formats."""

import io
import uuid

import pyarrow.parquet as pq
import pytest
from django.test import Client

from tests.api.v1.conftest import problem

pytestmark = pytest.mark.django_db


def _rows(client: Client, catalog, **params) -> dict:
    response = client.get(f"/api/v1/tables/{catalog.table_id}/rows", params)
    assert response.status_code == 200, response.content
    return response.json()


def test_table_detail(client: Client, catalog):
    response = client.get(f"/api/v1/tables/{catalog.table_id}")
    assert response.status_code == 200 and response["Last-Modified"]
    body = response.json()
    assert body["dataset"] == "escuelas-de-guatemala" and body["row_count"] == 5
    assert body["validation"] == {**body["validation"], "valid": True, "error_count": 0}
    assert body["table_schema"]["fields"][2] == {
        **body["table_schema"]["fields"][2],
        "name": "anio",
        "type": "integer",
    }
    assert set(body["downloads"]) == {"csv", "json", "xlsx", "parquet"}


def test_rows_whole_table(client: Client, catalog):
    body = _rows(client, catalog)
    assert body["total"] == 5 and body["next"] is None and body["next_cursor"] is None
    assert body["fields"] == [
        {"name": "codigo", "type": "string"},
        {"name": "municipio", "type": "string"},
        {"name": "anio", "type": "integer"},
        {"name": "alumnos", "type": "integer"},
        {"name": "fecha", "type": "date"},
    ]
    assert body["rows"][0] == {
        "codigo": "0101",
        "municipio": "Guatemala",
        "anio": 2020,
        "alumnos": 120,
        "fecha": "2020-12-31",
    }


@pytest.mark.parametrize(
    ("filters", "municipios"),
    [
        (["municipio:eq:Mixco"], ["Mixco", "Mixco"]),
        (["anio:gte:2021", "alumnos:lt:100"], ["Cobán"]),
        (["codigo:in:0108,1601"], ["Mixco", "Mixco", "Cobán"]),
        (["municipio:contains:coban"], ["Cobán"]),
        (["codigo:startswith:01"], ["Guatemala", "Mixco", "Guatemala", "Mixco"]),
        (["alumnos:isnull"], ["Mixco"]),
        (["alumnos:isnull:false", "municipio:ne:Guatemala"], ["Mixco", "Cobán"]),
        (["fecha:gt:31/12/2020"], ["Guatemala", "Mixco", "Cobán"]),
    ],
)
def test_rows_filters(client: Client, catalog, filters, municipios):
    body = _rows(client, catalog, filter=filters, fields="municipio")
    assert [row["municipio"] for row in body["rows"]] == municipios
    assert body["total"] == len(municipios)


def test_rows_text_search_sort_and_fields(client: Client, catalog):
    body = _rows(client, catalog, q="guatemala", sort="-anio", fields="anio,alumnos")
    assert body["rows"] == [
        {"anio": 2021, "alumnos": 130},
        {"anio": 2020, "alumnos": 120},
    ]
    sorted_rows = _rows(client, catalog, sort=["-alumnos", "codigo"], fields="alumnos")
    assert [r["alumnos"] for r in sorted_rows["rows"]] == [130, 120, 80, 55, None]


def test_rows_groups_and_aggregates(client: Client, catalog):
    body = _rows(
        client,
        catalog,
        group_by="anio",
        aggregate=["count", "sum:alumnos", "avg:alumnos", "max:municipio"],
        sort="anio",
    )
    assert body["rows"] == [
        {
            "anio": 2020,
            "count": 2,
            "sum_alumnos": 200,
            "avg_alumnos": 100.0,
            "max_municipio": "Mixco",
        },
        {
            "anio": 2021,
            "count": 3,
            "sum_alumnos": 185,
            "avg_alumnos": 92.5,
            "max_municipio": "Mixco",
        },
    ]
    distinct = _rows(client, catalog, fields="codigo", distinct="true", sort="codigo")
    assert [r["codigo"] for r in distinct["rows"]] == ["0101", "0108", "1601"]


def test_rows_cursor_pages_walk_the_whole_result(client: Client, catalog):
    seen = []
    body = _rows(client, catalog, page_size=2, sort="-alumnos", fields="alumnos")
    pages = 1
    while True:
        seen += [row["alumnos"] for row in body["rows"]]
        if body["next"] is None:
            break
        assert "cursor=" in body["next"]
        response = client.get(body["next"])
        assert response.status_code == 200
        body = response.json()
        pages += 1
    assert pages == 3 and seen == [130, 120, 80, 55, None]


def test_rows_as_files(client: Client, catalog):
    url = f"/api/v1/tables/{catalog.table_id}/rows"
    csv = client.get(url, {"format": "csv", "filter": "anio:eq:2020"})
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    assert b"".join(csv.streaming_content).decode() == (
        "codigo,municipio,anio,alumnos,fecha\n"
        '"0101","Guatemala",2020,120,2020-12-31\n'
        '"0108","Mixco",2020,80,2020-12-31\n'
    )
    parquet = client.get(url, {"format": "parquet", "fields": "municipio"})
    table = pq.read_table(io.BytesIO(b"".join(parquet.streaming_content)))
    assert table.column("municipio").to_pylist()[-1] == "Cobán"
    xlsx = client.get(url, {"format": "xlsx"})
    assert b"".join(xlsx.streaming_content)[:2] == b"PK"
    assert 'filename="escuelas-de-guatemala-1.xlsx"' in xlsx["Content-Disposition"]
    whole = client.get(url, {"format": "json"})
    assert whole.json()["total"] == 5


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"filter": "nada:eq:1"}, "unknown_field"),
        ({"filter": "anio:like:1"}, "invalid_operator"),
        ({"filter": "municipio:gt"}, "invalid_argument"),
        ({"filter": "anio"}, "invalid_argument"),
        ({"filter": "anio:eq:dos mil"}, "invalid_value"),
        ({"filter": "municipio:contains"}, "invalid_argument"),
        ({"filter": "alumnos:contains:1"}, "invalid_operator"),
        ({"sort": "nada"}, "unknown_field"),
        ({"sort": "anio,anio"}, "invalid_argument"),
        ({"fields": "nada"}, "unknown_field"),
        ({"group_by": "anio", "aggregate": "median:alumnos"}, "invalid_argument"),
        ({"aggregate": "sum:municipio"}, "invalid_operator"),
        ({"cursor": "not-a-cursor"}, "invalid_cursor"),
        ({"cursor": "eyJzIjoiMCJ9"}, "invalid_cursor"),
        ({"page_size": "10001"}, "invalid_parameters"),
        ({"page_size": "-1"}, "invalid_parameters"),
        ({"page_size": "many"}, "invalid_parameters"),
        ({"distinct": "maybe"}, "invalid_parameters"),
        ({"format": "pdf"}, "invalid_parameters"),
        ({"filter": ["anio:eq:1"] * 21}, "invalid_parameters"),
        ({"limit": "10"}, "unknown_parameter"),
    ],
)
def test_bad_row_queries_are_problems(client: Client, catalog, params, code):
    response = client.get(f"/api/v1/tables/{catalog.table_id}/rows", params)
    assert response.status_code == 400, response.content
    assert problem(response)["code"] == code


def test_a_cursor_belongs_to_its_query(client: Client, catalog):
    body = _rows(client, catalog, page_size=1, sort="anio")
    other = client.get(
        f"/api/v1/tables/{catalog.table_id}/rows",
        {"page_size": 1, "sort": "-anio", "cursor": body["next_cursor"]},
    )
    assert problem(other)["code"] == "invalid_cursor"


def test_tables_follow_their_dataset_visibility(client: Client, catalog):
    for path in ("", "/rows"):
        hidden = client.get(f"/api/v1/tables/{catalog.draft_table_id}{path}")
        assert problem(hidden)["code"] == "table_not_found"
        member = client.get(
            f"/api/v1/tables/{catalog.draft_table_id}{path}",
            HTTP_AUTHORIZATION=f"Bearer {catalog.member_token}",
        )
        assert member.status_code == 200
    assert problem(client.get(f"/api/v1/tables/{uuid.uuid4()}"))["status"] == 404
    assert problem(client.get("/api/v1/tables/123/rows"))["status"] == 400
