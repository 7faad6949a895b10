"""datastore_search and datastore_info over a file's table."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def resource_id(api, catalog):
    return api.get("package_show", id="escuelas-de-guatemala").result["resources"][0][
        "id"
    ]


def test_datastore_info(api, resource_id):
    result = api.get("datastore_info", id=resource_id).result
    assert result["meta"]["count"] == 3
    assert [(f["id"], f["type"]) for f in result["fields"]] == [
        ("departamento", "text"),
        ("anio", "int"),
        ("total", "int"),
    ]
    assert result["schema"] == {"departamento": "text", "anio": "int", "total": "int"}


def test_datastore_search_defaults(api, resource_id):
    result = api.post("datastore_search", resource_id=resource_id).result
    assert result["total"] == 3
    assert result["records"][0] == {
        "departamento": "Guatemala",
        "anio": 2023,
        "total": 10,
    }
    assert result["fields"][1] == {"id": "anio", "type": "int"}
    assert result["limit"] == 100 and result["offset"] == 0


def test_datastore_search_parameters(api, resource_id):
    result = api.post(
        "datastore_search",
        resource_id=resource_id,
        filters={"anio": 2024},
        sort="total desc",
        fields=["departamento", "total"],
        limit=1,
        offset=1,
    ).result
    assert result["records"] == [{"departamento": "Escuintla", "total": 3}]
    assert result["total"] == 2
    by_text = api.get("datastore_search", resource_id=resource_id, q="peten").result
    assert by_text["records"][0]["departamento"] == "Petén"
    in_list = api.post(
        "datastore_search", resource_id=resource_id, filters={"anio": [2023, 2024]}
    ).result
    assert in_list["total"] == 3
    distinct = api.post(
        "datastore_search",
        resource_id=resource_id,
        fields="anio",
        distinct=True,
        sort="anio",
        include_total=False,
    ).result
    assert distinct["records"] == [{"anio": 2023}, {"anio": 2024}]
    assert "total" not in distinct
    by_column = api.post(
        "datastore_search", resource_id=resource_id, q={"departamento": "gua"}
    ).result
    assert by_column["total"] == 1


@pytest.mark.parametrize(
    ("params", "status", "field"),
    [
        ({"fields": "colour"}, 409, "fields"),
        ({"filters": {"anio": "dos mil"}}, 409, "filters"),
        ({"filters": "nope"}, 409, "filters"),
        ({"sort": "total sideways"}, 409, "sort"),
        ({"limit": "x"}, 409, "limit"),
        ({"records_format": "csv"}, 409, "records_format"),
    ],
)
def test_datastore_search_bad_input(api, resource_id, params, status, field):
    answer = api.post("datastore_search", resource_id=resource_id, **params)
    assert answer.status == status
    assert field in answer.error


def test_datastore_unknown_resource(api, catalog):
    assert api.get("datastore_search", resource_id="nada").status == 404
    assert api.get("datastore_search").status == 409
    assert api.get("datastore_info", id="nada").status == 404


def test_datastore_of_a_draft_is_hidden(api, catalog):
    from tests.factories import make_file

    draft_file = make_file(catalog.borrador)
    assert api.get("datastore_search", resource_id=str(draft_file.pk)).status == 404
