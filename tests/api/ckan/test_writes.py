"""Writes with a token: roles enforced, read-only fields ignored, all or nothing."""

import io

import pytest

from ceiba.catalog.models import Dataset

pytestmark = pytest.mark.django_db

NEW = {
    "name": "aulas-2024",
    "title": "Aulas 2024",
    "notes": "Aulas por escuela.",
    "owner_org": "mineduc",
    "license_id": "cc-by",
    "tags": [{"name": "aulas"}, {"name": "escuelas"}],
    "groups": [{"name": "educacion"}],
    "extras": [
        {"key": "frequency", "value": "ANNUAL"},
        {"key": "temporal_start", "value": "2024-01-01"},
        {"key": "spatial_places", "value": "01,0101"},
    ],
    "resources": [
        {"url": "https://example.org/aulas.csv", "name": "Aulas", "format": "CSV"}
    ],
}


def test_package_create(api, catalog):
    result = api.post("package_create", token=catalog.editor_token, **NEW).result
    assert result["name"] == "aulas-2024"
    assert result["license_id"] == "CC-BY-4.0"
    assert result["private"] is False
    assert [t["name"] for t in result["tags"]] == ["aulas", "escuelas"]
    extras = {e["key"]: e["value"] for e in result["extras"]}
    assert extras["spatial_places"] == "01,0101"
    assert extras["temporal_start"] == "2024-01-01"
    (resource,) = result["resources"]
    assert resource["url"] == "https://example.org/aulas.csv"
    assert resource["url_type"] is None
    assert api.get("package_show", id="aulas-2024").result == result


def test_package_create_private_stays_a_draft(api, catalog):
    body = {**NEW, "private": True}
    result = api.post("package_create", token=catalog.editor_token, **body).result
    assert result["private"] is True
    assert api.get("package_show", id="aulas-2024").status == 404


def test_read_only_fields_of_a_dump_are_ignored(api, catalog):
    dumped = api.get("package_show", id="escuelas-de-guatemala").result
    dumped.update(name="copia-escuelas", title="Copia")
    result = api.post("package_create", token=catalog.editor_token, **dumped).result
    assert result["id"] != dumped["id"]  # not a portal administrator
    assert result["name"] == "copia-escuelas"
    assert result["tags"] == dumped["tags"]


RESOURCE_ID = "7a2e0f8c-1b7d-4c8e-8f0a-2d6b9c1e4f3a"


def test_portal_admin_keeps_the_id(api, catalog):
    body = {**NEW, "id": "3f1c7c55-8f1e-4f4c-9a55-9a0d1b2c3d4e"}
    body["resources"] = [{**NEW["resources"][0], "id": RESOURCE_ID}]
    result = api.post("package_create", token=catalog.admin_token, **body).result
    assert result["id"] == body["id"]
    assert [r["id"] for r in result["resources"]] == [RESOURCE_ID]
    assert api.get("resource_show", id=RESOURCE_ID).result["name"] == "Aulas"


def test_others_get_new_resource_ids(api, catalog):
    body = {**NEW, "resources": [{**NEW["resources"][0], "id": RESOURCE_ID}]}
    result = api.post("package_create", token=catalog.editor_token, **body).result
    assert result["resources"][0]["id"] != RESOURCE_ID
    assert api.get("resource_show", id=RESOURCE_ID).status == 404


def test_a_resource_id_in_use_is_refused_and_changes_nothing(api, catalog):
    taken = api.get("package_show", id="escuelas-de-guatemala").result["resources"]
    body = {**NEW, "resources": [{**NEW["resources"][0], "id": taken[0]["id"]}]}
    answer = api.post("package_create", token=catalog.admin_token, **body)
    assert answer.status == 409
    assert answer.error["__type"] == "Validation Error"
    assert "id" in answer.error
    assert api.get("package_show", id="aulas-2024").status == 404
    bad = {**NEW, "resources": [{**NEW["resources"][0], "id": "no-es-uuid"}]}
    assert api.post("package_create", token=catalog.admin_token, **bad).status == 409
    assert api.get("package_show", id="aulas-2024").status == 404


def test_validation_errors_use_ckan_field_names(api, catalog):
    body = {
        **NEW,
        "name": "Bad Name!",
        "license_id": "made-up",
        "groups": [{"name": "x"}],
    }
    answer = api.post("package_create", token=catalog.editor_token, **body)
    assert answer.status == 409
    assert answer.error["__type"] == "Validation Error"
    assert {"name", "license_id", "groups"} <= set(answer.error)
    assert all(isinstance(v, list) for k, v in answer.error.items() if k != "__type")
    assert not Dataset.objects.filter(title="Aulas 2024").exists()


def test_unknown_owner_org(api, catalog):
    answer = api.post(
        "package_create", token=catalog.editor_token, **{**NEW, "owner_org": "x"}
    )
    assert answer.status == 409 and "owner_org" in answer.error
    answer = api.post("package_create", token=catalog.editor_token, title="Sin dueño")
    assert answer.status == 409 and "owner_org" in answer.error


def test_write_without_a_token_is_refused(api, catalog):
    answer = api.post("package_create", **NEW)
    assert answer.status == 403
    assert answer.error["__type"] == "Authorization Error"
    assert not Dataset.objects.filter(slug="aulas-2024").exists()


def test_write_with_a_read_only_token_is_refused(api, catalog):
    answer = api.post("package_create", token=catalog.reader_token, **NEW)
    assert answer.status == 403
    assert not Dataset.objects.filter(slug="aulas-2024").exists()


def test_editor_of_another_institution_changes_nothing(api, catalog):
    before = api.get("package_show", id="escuelas-de-guatemala").result
    for action, params in [
        ("package_create", NEW),
        ("package_update", {**before, "title": "Cambiado"}),
        ("package_patch", {"id": before["id"], "title": "Cambiado"}),
        ("package_delete", {"id": before["id"]}),
        ("resource_create", {"package_id": before["id"], "url": "https://x.org/a"}),
        ("resource_patch", {"id": before["resources"][0]["id"], "name": "Cambiado"}),
        ("resource_delete", {"id": before["resources"][0]["id"]}),
    ]:
        answer = api.post(action, token=catalog.other_token, **params)
        assert answer.status == 403, action
        assert answer.error["__type"] == "Authorization Error"
    assert api.get("package_show", id="escuelas-de-guatemala").result == before
    assert not Dataset.objects.filter(slug="aulas-2024").exists()


def test_package_update_replaces_metadata(api, catalog):
    current = api.get("package_show", id="escuelas-de-guatemala").result
    body = {**current, "title": "Escuelas (actualizado)", "tags": [{"name": "nuevo"}]}
    result = api.post("package_update", token=catalog.editor_token, **body).result
    assert result["title"] == "Escuelas (actualizado)"
    assert [t["name"] for t in result["tags"]] == ["nuevo"]
    assert result["resources"][0]["id"] == current["resources"][0]["id"]
    assert result["id"] == current["id"]


def test_package_update_without_fields_clears_them(api, catalog):
    current = api.get("package_show", id="escuelas-de-guatemala").result
    body = {"id": current["id"], "title": "Solo título", "owner_org": "mineduc"}
    result = api.post("package_update", token=catalog.editor_token, **body).result
    assert result["tags"] == [] and result["notes"] == ""
    assert len(result["resources"]) == 1  # no "resources" key: files kept


def test_package_update_syncs_resources(api, catalog):
    current = api.get("package_show", id="escuelas-de-guatemala").result
    body = {**current, "resources": [{"url": "https://example.org/b.csv", "name": "B"}]}
    result = api.post("package_update", token=catalog.editor_token, **body).result
    assert [r["name"] for r in result["resources"]] == ["B"]


def test_package_update_cannot_move_institution(api, catalog):
    current = api.get("package_show", id="escuelas-de-guatemala").result
    answer = api.post(
        "package_update",
        token=catalog.editor_token,
        **{**current, "owner_org": "mspas"},
    )
    assert answer.status == 409 and "owner_org" in answer.error


def test_package_patch_changes_only_what_is_sent(api, catalog):
    current = api.get("package_show", id="escuelas-de-guatemala").result
    result = api.post(
        "package_patch", token=catalog.editor_token, id=current["id"], notes="Nuevo"
    ).result
    assert result["notes"] == "Nuevo"
    assert result["tags"] == current["tags"]
    assert result["extras"] == [
        e
        if e["key"] != "modified"
        else next(x for x in result["extras"] if x["key"] == "modified")
        for e in current["extras"]
    ]


def test_package_patch_private_unpublishes(api, catalog):
    answer = api.post(
        "package_patch", token=catalog.editor_token, id="vacunacion", private=True
    )
    assert answer.status == 403  # vacunación belongs to MSPAS
    result = api.post(
        "package_patch",
        token=catalog.editor_token,
        id="matricula-por-municipio",
        private=True,
    ).result
    assert result["private"] is True
    assert api.get("package_show", id="matricula-por-municipio").status == 404


def test_package_delete(api, catalog):
    answer = api.post(
        "package_delete", token=catalog.editor_token, id="matricula-por-municipio"
    )
    assert answer.status == 200 and answer.result is None
    assert api.get("package_show", id="matricula-por-municipio").status == 404
    assert "matricula-por-municipio" not in api.get("package_list").result


def test_resource_create_link_and_upload(api, client, catalog):
    link = api.post(
        "resource_create",
        token=catalog.editor_token,
        package_id="matricula-por-municipio",
        url="https://example.org/m.xlsx",
        name="Matrícula",
    ).result
    assert link["format"] == "XLSX"
    response = client.post(
        "/api/3/action/resource_create",
        {
            "package_id": "matricula-por-municipio",
            "name": "Datos",
            "upload": io.BytesIO(b"a,b\n1,2\n"),
        },
        HTTP_AUTHORIZATION=f"Bearer {catalog.editor_token}",
    )
    upload = response.json()["result"]
    assert upload["url_type"] == "upload"
    assert upload["size"] == 8
    assert upload["position"] == 1


def test_resource_create_needs_a_url_or_a_file(api, catalog):
    answer = api.post(
        "resource_create",
        token=catalog.editor_token,
        package_id="matricula-por-municipio",
    )
    assert answer.status == 409 and "url" in answer.error
    answer = api.post(
        "resource_create",
        token=catalog.editor_token,
        package_id="nada",
        url="https://a.org",
    )
    assert answer.status == 404


def test_resource_update_patch_delete(
    api, client, catalog, django_capture_on_commit_callbacks
):
    resource = api.get("package_show", id="escuelas-de-guatemala").result["resources"][
        0
    ]
    patched = api.post(
        "resource_patch", token=catalog.editor_token, id=resource["id"], description="D"
    ).result
    assert patched["name"] == resource["name"] and patched["description"] == "D"
    updated = api.post(
        "resource_update", token=catalog.editor_token, id=resource["id"], name="Nuevo"
    ).result
    assert updated["name"] == "Nuevo" and updated["description"] == ""
    # A new table goes live once it has been read (here at once: tasks run inline).
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/3/action/resource_update",
            {"id": resource["id"], "upload": io.BytesIO(b"x,y\n3,4\n5,6\n")},
            HTTP_AUTHORIZATION=catalog.editor_token,
        )
    assert response.status_code == 200
    assert api.get("resource_show", id=resource["id"]).result["size"] == 12
    assert (
        api.post(
            "resource_delete", token=catalog.editor_token, id=resource["id"]
        ).status
        == 200
    )
    assert api.get("resource_show", id=resource["id"]).status == 404


def test_writes_are_recorded_as_versions(api, catalog):
    api.post(
        "package_patch",
        token=catalog.editor_token,
        id="escuelas-de-guatemala",
        notes="N",
    )
    activity = api.get("package_activity_list", id="escuelas-de-guatemala").result[0]
    assert activity["data"]["change"] == "updated"
    assert activity["user_id"] == str(catalog.editor.pk)
