"""Every read action, over GET and over POST (as ckanapi sends them)."""

import pytest

pytestmark = pytest.mark.django_db


def test_envelope_of_a_read(api, catalog):
    answer = api.get("status_show")
    assert answer.status == 200
    assert set(answer.body) == {"help", "success", "result"}
    assert answer.body["help"].endswith("/api/3/action/help_show?name=status_show")
    assert answer.result["ckan_version"].startswith("2.")


def test_unversioned_address_and_api_version(client, catalog):
    assert client.post("/api/action/site_read").json()["result"] is True
    assert client.get("/api/3").json() == {"version": 3}
    assert client.get("/api/util/status").json()["ckan_version"]


def test_help_show(api, catalog):
    assert "published" in api.get("help_show", name="package_list").result


def test_package_list_has_published_datasets_only(api, catalog):
    names = api.post("package_list").result
    assert names == ["escuelas-de-guatemala", "matricula-por-municipio", "vacunacion"]
    assert api.get("package_list", limit=1, offset=1).result == [
        "matricula-por-municipio"
    ]


def test_package_list_ignores_the_options_ckanapi_sends(api, catalog):
    answer = api.post(
        "package_list",
        include_private=False,
        include_drafts=False,
        include_deleted=False,
    )
    assert len(answer.result) == 3


def test_current_package_list_with_resources(api, catalog):
    result = api.get("current_package_list_with_resources", limit=2).result
    assert len(result) == 2
    assert all("resources" in p for p in result)


def test_package_show_by_name_and_by_id(api, catalog):
    by_name = api.get("package_show", id="escuelas-de-guatemala").result
    by_id = api.post("package_show", id=str(catalog.escuelas.id)).result
    assert by_name == by_id
    assert by_name["name"] == "escuelas-de-guatemala"
    assert by_name["title"] == "Escuelas de Guatemala"
    assert by_name["notes"] == "Listado de escuelas públicas."
    assert by_name["owner_org"] == "mineduc"
    assert by_name["organization"]["name"] == "mineduc"
    assert by_name["license_id"] == "CC-BY-4.0"
    assert by_name["isopen"] is True
    assert by_name["private"] is False
    assert by_name["state"] == "active"
    assert [t["name"] for t in by_name["tags"]] == ["escuelas", "primaria"]
    assert [g["name"] for g in by_name["groups"]] == ["educacion"]
    extras = {e["key"]: e["value"] for e in by_name["extras"]}
    assert extras["frequency"] == "ANNUAL"
    assert extras["spatial_places"] == "0101"
    (resource,) = by_name["resources"]
    assert resource["format"] == "CSV"
    assert resource["url_type"] == "upload"
    assert resource["url"].startswith("http://testserver/datos/escuelas-de-guatemala/")
    assert resource["hash"].startswith("sha256:")
    assert resource["datastore_active"] is True
    assert by_name["num_resources"] == 1 and by_name["num_tags"] == 2


def test_package_show_hides_drafts_from_others(api, catalog):
    answer = api.get("package_show", id="borrador-interno")
    assert answer.status == 404
    assert answer.error["__type"] == "Not Found Error"
    assert (
        api.get("package_show", id="borrador-interno", token=catalog.other_token).status
        == 404
    )


def test_package_show_shows_drafts_to_their_institution(api, catalog):
    result = api.get(
        "package_show", id="borrador-interno", token=catalog.reader_token
    ).result
    assert result["private"] is True


def test_package_show_needs_an_id(api, catalog):
    answer = api.get("package_show")
    assert answer.status == 409
    assert answer.error == {"__type": "Validation Error", "id": ["Falta el valor"]}


def test_resource_show(api, catalog):
    resource_id = api.get("package_show", id="escuelas-de-guatemala").result[
        "resources"
    ][0]["id"]
    result = api.get("resource_show", id=resource_id).result
    assert result["id"] == resource_id
    assert result["package_id"] == str(catalog.escuelas.id)
    assert api.get("resource_show", id="no-such").status == 404


def test_resource_search(api, catalog):
    result = api.get("resource_search", query="format:csv").result
    assert result["count"] == 1
    assert result["results"][0]["name"] == "escuelas"
    assert api.post("resource_search", query=["name:nada"]).result["count"] == 0
    assert api.get("resource_search", query="bogus").status == 409


def test_organization_list_and_show(api, catalog):
    assert api.get("organization_list").result == ["mineduc", "mspas"]
    full = api.get("organization_list", all_fields="true").result
    assert full[0]["title"] == "Ministerio de Educación"
    assert full[0]["package_count"] == 2
    assert api.get("organization_list", sort="package_count asc").result == [
        "mspas",
        "mineduc",
    ]
    shown = api.post("organization_show", id="mineduc", include_datasets=True).result
    assert shown["is_organization"] is True
    assert sorted(p["name"] for p in shown["packages"]) == [
        "escuelas-de-guatemala",
        "matricula-por-municipio",
    ]
    assert "packages" not in api.get("organization_show", id="mineduc").result
    assert api.get("organization_show", id="nadie").status == 404


def test_group_list_and_show(api, catalog):
    assert "educacion" in api.get("group_list").result
    groups = {g["name"]: g for g in api.get("group_list", all_fields=True).result}
    assert groups["educacion"]["package_count"] == 2
    shown = api.get("group_show", id="educacion", include_datasets="true").result
    assert shown["title"] == "Educación"
    assert len(shown["packages"]) == 2
    assert api.get("group_show", id="HEAL").status == 404


def test_tag_list(api, catalog):
    assert api.get("tag_list").result == [
        "escuelas",
        "matrícula",
        "primaria",
        "vacunas",
    ]
    assert api.get("tag_list", query="esc").result == ["escuelas"]
    assert api.get("tag_list", all_fields=True).result[0]["name"] == "escuelas"


def test_license_list(api, catalog):
    licences = {item["id"]: item for item in api.get("license_list").result}
    assert licences["CC-BY-4.0"]["url"].startswith("https://creativecommons.org/")
    assert licences["CC-BY-NC-4.0"]["od_conformance"] == "not reviewed"


def test_package_activity_list(api, catalog):
    activities = api.get("package_activity_list", id="escuelas-de-guatemala").result
    assert activities[0]["data"]["change"] == "published"
    assert activities[-1]["activity_type"] == "new package"
    assert all(a["object_id"] == str(catalog.escuelas.id) for a in activities)
    assert (
        len(
            api.get("package_activity_list", id="escuelas-de-guatemala", limit=1).result
        )
        == 1
    )


def test_reads_are_public_and_cacheable(client, catalog):
    response = client.get("/api/3/action/package_show", {"id": "escuelas-de-guatemala"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response
    again = client.get(
        "/api/3/action/package_show",
        {"id": "escuelas-de-guatemala"},
        HTTP_IF_NONE_MATCH=response["ETag"],
    )
    assert again.status_code == 304


def test_package_show_query_count(api, catalog, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        api.get("package_show", id="escuelas-de-guatemala")
