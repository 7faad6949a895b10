"""package_search: CKAN's parameters over our search index."""

import pytest

pytestmark = pytest.mark.django_db


def names(answer):
    return sorted(p["name"] for p in answer.result["results"])


def test_search_all(api, catalog):
    result = api.get("package_search").result
    assert result["count"] == 3
    assert len(result["results"]) == 3
    assert result["facets"]["organization"] == {"mineduc": 2, "mspas": 1}
    items = result["search_facets"]["groups"]["items"]
    assert {"name": "educacion", "display_name": "educacion", "count": 2} in items


def test_search_text(api, catalog):
    assert names(api.get("package_search", q="escuelas")) == ["escuelas-de-guatemala"]
    assert api.get("package_search", q="*:*").result["count"] == 3


@pytest.mark.parametrize(
    ("fq", "expected"),
    [
        ("organization:mspas", ["vacunacion"]),
        ("+organization:mineduc", ["escuelas-de-guatemala", "matricula-por-municipio"]),
        ('tags:"primaria"', ["escuelas-de-guatemala"]),
        ("groups:salud", ["vacunacion"]),
        ("res_format:csv", ["escuelas-de-guatemala"]),
        ("license_id:CC0-1.0", ["matricula-por-municipio"]),
        ("organization:mineduc AND tags:escuelas", ["escuelas-de-guatemala"]),
        ("tags:(escuelas AND primaria)", ["escuelas-de-guatemala"]),
        ("+dataset_type:dataset +organization:mspas", ["vacunacion"]),
        ("organization:nadie", []),
    ],
)
def test_fq_forms(api, catalog, fq, expected):
    assert names(api.get("package_search", fq=fq)) == expected


def test_fq_in_q_is_a_filter(api, catalog):
    assert names(api.get("package_search", q="organization:mspas")) == ["vacunacion"]


@pytest.mark.parametrize(
    "fq",
    [
        "organization:mineduc OR organization:mspas",
        "-organization:mspas",
        "colour:red",
        'tags:"open',
        "just words",
    ],
)
def test_fq_that_cannot_be_answered_is_a_search_query_error(api, catalog, fq):
    answer = api.get("package_search", fq=fq)
    assert answer.status == 400
    assert answer.error["__type"] == "Search Query Error"
    assert answer.error["message"]


def test_rows_start_and_sort(api, catalog):
    first = api.get("package_search", sort="name asc", rows=2).result
    assert [p["name"] for p in first["results"]] == [
        "escuelas-de-guatemala",
        "matricula-por-municipio",
    ]
    rest = api.get("package_search", sort="name asc", rows=2, start=2).result
    assert [p["name"] for p in rest["results"]] == ["vacunacion"]
    assert rest["count"] == 3
    assert api.get("package_search", sort="metadata_modified desc").status == 200


def test_rows_are_capped_at_1000(api, catalog):
    answer = api.get("package_search", rows=10_000_000)
    assert answer.status == 200
    assert answer.result["count"] == 3


def test_rows_zero_counts_only(api, catalog):
    result = api.get("package_search", rows=0).result
    assert result["count"] == 3 and result["results"] == []


def test_deep_start_answers_an_empty_page(api, catalog):
    result = api.get("package_search", start=311111).result
    assert result == {**result, "count": 3, "results": []}


def test_facet_parameters(api, catalog):
    result = api.get(
        "package_search", **{"facet.field": '["tags"]', "facet.limit": 1}
    ).result
    assert list(result["facets"]) == ["tags"]
    assert len(result["facets"]["tags"]) == 1
    assert api.get("package_search", facet="false").result["facets"] == {}


def test_fl_limits_fields(api, catalog):
    result = api.get("package_search", fl="name,title", rows=1).result
    assert set(result["results"][0]) == {"name", "title"}


@pytest.mark.parametrize(
    ("params", "status", "kind"),
    [
        ({"colour": "red"}, 400, "Search Query Error"),
        ({"sort": "colour asc"}, 400, "Search Query Error"),
        ({"rows": "many"}, 409, "Validation Error"),
        ({"rows": -1}, 409, "Validation Error"),
        ({"start": "x"}, 409, "Validation Error"),
        ({"facet.field": '{"a": 1}'}, 409, "Validation Error"),
        ({"include_private": "perhaps"}, 409, "Validation Error"),
    ],
)
def test_bad_search_parameters(api, catalog, params, status, kind):
    answer = api.get("package_search", **params)
    assert answer.status == status
    assert answer.error["__type"] == kind


def test_include_private_is_accepted(api, catalog):
    answer = api.post(
        "package_search", token=catalog.reader_token, include_private=True
    )
    assert answer.result["count"] == 3
