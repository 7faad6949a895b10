"""Datasets and search: lists, filters, pages, detail, visibility and caching."""

import pytest
from django.test import Client

from tests.api.v1.conftest import problem

pytestmark = pytest.mark.django_db

BASE = "http://testserver/api/v1"


def _slugs(response) -> list[str]:
    return [item["slug"] for item in response.json()["results"]]


def test_list_shows_published_datasets_in_pages(client: Client, catalog):
    response = client.get("/api/v1/datasets", {"sort": "name"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["total"] == 2 and body["page"] == 1 and body["page_size"] == 20
    assert body["next"] is None and body["previous"] is None
    assert _slugs(response) == ["centros-de-salud", "escuelas-de-guatemala"]
    schools = body["results"][1]
    assert schools == {
        **schools,
        "title": "Escuelas de Guatemala",
        "keywords": ["escuelas"],
        "formats": ["CSV"],
        "status": "published",
        "url": f"{BASE}/datasets/escuelas-de-guatemala",
        "html_url": "http://testserver/datos/escuelas-de-guatemala/",
    }
    assert schools["quality"]["max_score"] >= schools["quality"]["score"] > 0
    assert schools["freshness"]["period_days"] == 365
    assert schools["publisher"]["slug"] == "mineduc"
    assert schools["themes"][0]["code"] == "educacion"
    assert schools["frequency"]["code"] == "ANNUAL"
    assert schools["places"][0] == {**schools["places"][0], "code": "0101"}

    first = client.get("/api/v1/datasets", {"sort": "name", "page_size": 1}).json()
    assert first["total"] == 2 and len(first["results"]) == 1
    assert first["next"] == f"{BASE}/datasets?sort=name&page_size=1&page=2"
    second = client.get(first["next"]).json()
    assert [d["slug"] for d in second["results"]] == ["escuelas-de-guatemala"]
    assert second["next"] is None
    assert second["previous"] == f"{BASE}/datasets?sort=name&page_size=1&page=1"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"theme": "educacion"}, ["escuelas-de-guatemala"]),
        ({"institution": "mspas"}, ["centros-de-salud"]),
        ({"place": "01"}, ["escuelas-de-guatemala"]),  # a municipality of 01
        ({"format": "JSON"}, ["centros-de-salud"]),
        ({"licence": "CC-BY-4.0", "keyword": "escuelas"}, ["escuelas-de-guatemala"]),
        ({"frequency": "ANNUAL"}, ["escuelas-de-guatemala"]),
        ({"q": "escuelas"}, ["escuelas-de-guatemala"]),
        ({"q": "secreto"}, []),
        ({"theme": ["educacion", "salud"]}, []),
    ],
)
def test_list_filters(client: Client, catalog, params, expected):
    response = client.get("/api/v1/datasets", params)
    assert response.status_code == 200
    assert _slugs(response) == expected


def test_search_gives_facet_counts(client: Client, catalog):
    body = client.get("/api/v1/search", {"q": "guatemala escuelas"}).json()
    assert body["total"] == 1
    assert body["facets"]["theme"] == [{"value": "educacion", "count": 1}]
    assert body["facets"]["institution"] == [{"value": "mineduc", "count": 1}]
    assert set(body["facets"]) == {
        "theme",
        "institution",
        "place",
        "format",
        "licence",
        "keyword",
        "frequency",
    }
    everything = client.get("/api/v1/search").json()
    formats = {f["value"]: f["count"] for f in everything["facets"]["format"]}
    assert formats == {"CSV": 1, "JSON": 1}


def test_list_query_count_does_not_grow_with_results(
    client: Client, catalog, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        assert client.get("/api/v1/datasets").status_code == 200


def test_detail_by_slug_or_id_with_files_tables_and_schemas(client: Client, catalog):
    response = client.get("/api/v1/datasets/escuelas-de-guatemala")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == str(catalog.schools.pk)
    assert body["versions_url"] == f"{BASE}/datasets/escuelas-de-guatemala/versions"
    assert body["files_url"] == f"{BASE}/datasets/escuelas-de-guatemala/files"
    [file] = body["distributions"]
    assert file["format"] == "CSV" and file["filename"] == "escuelas.csv"
    assert file["download_url"].endswith("/descargar")
    [table] = file["tables"]
    assert table["id"] == catalog.table_id and table["row_count"] == 5
    names = [f["name"] for f in table["table_schema"]["fields"]]
    assert names == ["codigo", "municipio", "anio", "alumnos", "fecha"]
    assert table["validation"]["valid"] is True
    assert table["rows_url"] == f"{BASE}/tables/{catalog.table_id}/rows"
    by_id = client.get(f"/api/v1/datasets/{catalog.schools.pk}")
    assert by_id.json() == body
    tables = client.get("/api/v1/datasets/escuelas-de-guatemala/tables").json()
    assert tables == {"total": 1, "results": [table]}


def test_detail_sends_etag_and_last_modified_and_answers_304(client: Client, catalog):
    url = "/api/v1/datasets/escuelas-de-guatemala"
    response = client.get(url)
    assert response["ETag"] and response["Last-Modified"]
    assert response["Access-Control-Allow-Origin"] == "*"
    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again.content == b""
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304
    listed = client.get("/api/v1/datasets")
    assert (
        client.get("/api/v1/datasets", HTTP_IF_NONE_MATCH=listed["ETag"]).status_code
        == 304
    )


def test_drafts_are_found_only_by_members_with_a_token(client: Client, catalog):
    slug = catalog.draft.slug
    assert problem(client.get(f"/api/v1/datasets/{slug}"))["code"] == (
        "dataset_not_found"
    )
    outsider = {"HTTP_AUTHORIZATION": f"Bearer {catalog.outsider_token}"}
    assert client.get(f"/api/v1/datasets/{slug}", **outsider).status_code == 404
    member = {"HTTP_AUTHORIZATION": f"Bearer {catalog.member_token}"}
    response = client.get(f"/api/v1/datasets/{slug}", **member)
    assert response.status_code == 200
    assert response.json()["status"] == "draft"
    assert response["Cache-Control"] == "private, no-store"
    # Lists show published datasets only, whoever asks.
    assert slug not in _slugs(client.get("/api/v1/datasets", **member))
    # The session is not the API's caller: a signed-in browser sees no draft.
    client.force_login(catalog.draft.created_by or _member(catalog))
    assert client.get(f"/api/v1/datasets/{slug}").status_code == 404


def _member(catalog):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="miembro")


def test_an_invalid_token_is_refused(client: Client, catalog):
    response = client.get(
        "/api/v1/datasets", HTTP_AUTHORIZATION="Bearer ceiba_not-a-token"
    )
    assert response.status_code == 403
    assert problem(response)["code"]


@pytest.mark.parametrize(
    ("query", "code", "field"),
    [
        ("page=0", "invalid_parameters", "page"),
        ("page=abc", "invalid_parameters", "page"),
        ("page=100001", "invalid_parameters", "page"),
        ("page_size=101", "invalid_parameters", "page_size"),
        ("page_size=-1", "invalid_parameters", "page_size"),
        ("sort=popular", "invalid_parameters", "sort"),
        ("match=some", "invalid_parameters", "match"),
        ("q=" + "a" * 501, "invalid_parameters", "q"),
        ("theme=" + "&theme=".join(["x"] * 21), "invalid_parameters", "theme"),
        ("theme=", "invalid_parameters", "theme.0"),
        ("rows=10", "unknown_parameter", None),
        ("fq=tags:x", "unknown_parameter", None),
    ],
)
def test_bad_list_parameters_are_problems(client: Client, catalog, query, code, field):
    for path in ("/api/v1/datasets", "/api/v1/search"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400, response.content
        body = problem(response)
        assert body["code"] == code
        if field:
            assert field in body["errors"]


def test_nul_characters_and_odd_text_do_not_break_search(client: Client, catalog):
    for q in ("\x00", "a\x00b", '"', "(", "*", "OR", "ñ" * 500, "-"):
        response = client.get("/api/v1/search", {"q": q})
        assert response.status_code == 200, (q, response.content)


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/v1/datasets/no-existe", 404, "dataset_not_found"),
        ("/api/v1/datasets/00000000-0000-0000-0000-000000000000", 404, None),
        ("/api/v1/datasets/con%20espacio", 400, "invalid_parameters"),
        ("/api/v1/datasets/" + "a" * 101, 400, "invalid_parameters"),
        ("/api/v1/datasets/escuelas-de-guatemala?expand=all", 400, "unknown_parameter"),
    ],
)
def test_bad_dataset_addresses_are_problems(
    client: Client, catalog, path, status, code
):
    response = client.get(path)
    assert response.status_code == status
    body = problem(response)
    if code:
        assert body["code"] == code
