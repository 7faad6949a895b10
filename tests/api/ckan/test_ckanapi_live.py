"""The proof: the real ``ckanapi`` client (from PyPI) against a live server.

Every action through ``ckanapi action``, then ``ckanapi dump datasets --all`` from
one catalog and ``ckanapi load datasets`` into an emptied one: the same catalog.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from ceiba.accounts.services import token_create
from ceiba.catalog.models import Role
from ceiba.catalog.selectors import institution_get
from tests.factories import make_dataset, make_institution, make_user, portal_admin

# Transactional: the live server reads from another thread.
pytestmark = pytest.mark.django_db(transaction=True)

CKANAPI = Path(sys.executable).with_name("ckanapi")
CSV = b"departamento,anio,total\nGuatemala,2023,10\nPeten,2024,7\n"


def ckanapi(*args: str, site: str, token: str = "") -> object:
    """Run the ckanapi command line; its JSON output, parsed."""
    command = [str(CKANAPI), *args, "-r", site]
    if token:
        command += ["-a", token]
    env = {**os.environ, "PATH": f"{CKANAPI.parent}:{os.environ.get('PATH', '')}"}
    done = subprocess.run(  # noqa: S603 (our own arguments)
        command, capture_output=True, text=True, timeout=120, env=env, check=False
    )
    assert done.returncode == 0, done.stderr + done.stdout
    return json.loads(done.stdout) if done.stdout.strip() else None


def _institutions(editor=None):
    mineduc = make_institution(members={editor: Role.ADMIN} if editor else {})
    mspas = make_institution("mspas", name="Ministerio de Salud", acronym="MSPAS")
    return mineduc, mspas


@pytest.fixture
def site(live_server, vocabularies, settings):
    settings.CEIBA_API_RATE_LIMIT_ANON = 0
    settings.CEIBA_API_RATE_LIMIT_TOKEN = 0
    editor = make_user("editora")
    mineduc, mspas = _institutions(editor)
    make_dataset(
        "Escuelas de Guatemala",
        publisher=mineduc,
        themes=["educacion"],
        keywords=["escuelas", "primaria"],
        places=["0101"],
        frequency="ANNUAL",
        description="Listado de escuelas.",
        files={"escuelas.csv": CSV},
    )
    make_dataset("Vacunación", publisher=mspas, themes=["salud"], keywords=["vacunas"])
    token = token_create(user=editor, name="ckanapi", scope="write")[1]
    return live_server.url, token


def test_every_read_action_through_ckanapi(site):
    url, _token = site
    assert ckanapi("action", "status_show", site=url)["ckan_version"]
    assert ckanapi("action", "site_read", site=url) is True
    names = ckanapi("action", "package_list", site=url)
    assert names == ["escuelas-de-guatemala", "vacunacion"]
    current = ckanapi("action", "current_package_list_with_resources", site=url)
    assert len(current) == 2
    package = ckanapi("action", "package_show", "id=escuelas-de-guatemala", site=url)
    assert package["organization"]["name"] == "mineduc"
    by_id = ckanapi("action", "package_show", f"id={package['id']}", "-g", site=url)
    assert by_id["name"] == package["name"]
    found = ckanapi(
        "action", "package_search", "q=escuelas", "fq=organization:mineduc",
        "rows:5", "start:0", "sort=name asc", "facet.field:[\"tags\"]",
        "facet.limit:10", site=url,
    )  # fmt: skip
    assert found["count"] == 1 and found["facets"]["tags"]["primaria"] == 1
    resource = package["resources"][0]
    assert ckanapi("action", "resource_show", f"id={resource['id']}", site=url)["id"]
    assert (
        ckanapi("action", "resource_search", "query=format:CSV", site=url)["count"] == 1
    )
    assert ckanapi("action", "organization_list", site=url) == ["mineduc", "mspas"]
    org = ckanapi(
        "action", "organization_show", "id=mineduc", "include_datasets:true", site=url
    )
    assert [p["name"] for p in org["packages"]] == ["escuelas-de-guatemala"]
    all_orgs = ckanapi("action", "organization_list", "all_fields:true", site=url)
    assert all_orgs[0]["package_count"] == 1
    assert "educacion" in ckanapi("action", "group_list", site=url)
    assert ckanapi("action", "group_show", "id=salud", site=url)["title"]
    assert ckanapi("action", "tag_list", site=url) == [
        "escuelas",
        "primaria",
        "vacunas",
    ]
    assert {lic["id"] for lic in ckanapi("action", "license_list", site=url)} >= {
        "CC-BY-4.0"
    }
    activity = ckanapi("action", "package_activity_list", "id=vacunacion", site=url)
    assert activity[0]["data"]["change"] == "published"
    table = ckanapi(
        "action", "datastore_search", f"resource_id={resource['id']}",
        "filters:{\"anio\": 2024}", site=url,
    )  # fmt: skip
    assert table["records"] == [{"departamento": "Peten", "anio": 2024, "total": 7}]
    info = ckanapi("action", "datastore_info", f"id={resource['id']}", site=url)
    assert info["schema"]["anio"] == "int"


def test_every_write_action_through_ckanapi(site, tmp_path):
    url, token = site
    created = ckanapi(
        "action", "package_create", "name=aulas", "title=Aulas", "owner_org=mineduc",
        "license_id=CC-BY-4.0", "tags:[{\"name\": \"aulas\"}]", site=url, token=token,
    )  # fmt: skip
    assert created["name"] == "aulas" and created["private"] is False
    updated = ckanapi(
        "action", "package_update", f"id={created['id']}", "title=Aulas 2024",
        "owner_org=mineduc", "notes=Todas las aulas.", site=url, token=token,
    )  # fmt: skip
    assert updated["title"] == "Aulas 2024" and updated["tags"] == []
    patched = ckanapi(
        "action", "package_patch", "id=aulas", "tags:[{\"name\": \"b\"}]",
        site=url, token=token,
    )  # fmt: skip
    assert patched["notes"] == "Todas las aulas." and patched["tags"][0]["name"] == "b"
    data = tmp_path / "aulas.csv"
    data.write_bytes(CSV)
    uploaded = ckanapi(
        "action", "resource_create", "package_id=aulas", "name=Datos",
        f"upload@{data}", site=url, token=token,
    )  # fmt: skip
    assert uploaded["url_type"] == "upload" and uploaded["size"] == len(CSV)
    link = ckanapi(
        "action", "resource_create", "package_id=aulas", "url=https://example.org/a.csv",
        site=url, token=token,
    )  # fmt: skip
    changed = ckanapi(
        "action", "resource_update", f"id={link['id']}", "name=Enlace",
        "url=https://example.org/b.csv", site=url, token=token,
    )  # fmt: skip
    assert changed["url"] == "https://example.org/b.csv"
    patched = ckanapi(
        "action", "resource_patch", f"id={link['id']}", "description=D",
        site=url, token=token,
    )  # fmt: skip
    assert patched["name"] == "Enlace" and patched["description"] == "D"
    ckanapi("action", "resource_delete", f"id={link['id']}", site=url, token=token)
    assert ckanapi("action", "package_show", "id=aulas", site=url)["num_resources"] == 1
    ckanapi("action", "package_delete", "id=aulas", site=url, token=token)
    assert "aulas" not in ckanapi("action", "package_list", site=url)


def test_search_with_or_not_and_drafts_through_ckanapi(site):
    url, token = site
    mineduc = institution_get(slug="mineduc")
    make_dataset("Borrador de aulas", publisher=mineduc, publish=False)
    found = ckanapi(
        "action", "package_search", "fq=organization:(mineduc OR mspas) -tags:vacunas",
        site=url,
    )  # fmt: skip
    assert [p["name"] for p in found["results"]] == ["escuelas-de-guatemala"]
    drafts = ckanapi(
        "action", "package_search", "include_private:true", "fq=capacity:private",
        site=url, token=token,
    )  # fmt: skip
    assert [(p["name"], p["private"]) for p in drafts["results"]] == [
        ("borrador-de-aulas", True)
    ]
    anonymous = ckanapi("action", "package_search", "include_private:true", site=url)
    assert anonymous["count"] == 2


def _comparable(package: dict) -> dict:
    """What must survive a dump and a load (timestamps and file bytes do not)."""
    return {
        "id": package["id"],
        "name": package["name"],
        "title": package["title"],
        "notes": package["notes"],
        "owner_org": package["owner_org"],
        "license_id": package["license_id"],
        "private": package["private"],
        "maintainer": package["maintainer"],
        "url": package["url"],
        "tags": package["tags"],
        "groups": [g["name"] for g in package["groups"]],
        "extras": [
            e for e in package["extras"] if e["key"] not in {"issued", "modified"}
        ],
        "resources": [
            {k: r[k] for k in ("id", "name", "description", "format", "url")}
            for r in package["resources"]
        ],
    }


def _read_dump(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line]


def test_dump_and_load_give_an_equal_catalog(site, tmp_path):
    url, _token = site
    first = tmp_path / "first.jsonl"
    ckanapi("dump", "datasets", "--all", "-q", "-O", str(first), site=url)
    dumped = _read_dump(first)
    assert [p["name"] for p in dumped] == ["escuelas-de-guatemala", "vacunacion"]

    # A fresh portal: nothing but the vocabularies and the same institutions.
    call_command("flush", interactive=False, verbosity=0)
    _reload_vocabularies()
    _institutions()
    admin_token = token_create(user=portal_admin(), name="load", scope="write")[1]
    assert ckanapi("action", "package_list", site=url) == []

    ckanapi("load", "datasets", "-q", "-I", str(first), site=url, token=admin_token)
    second = tmp_path / "second.jsonl"
    ckanapi("dump", "datasets", "--all", "-q", "-O", str(second), site=url)
    assert [_comparable(p) for p in _read_dump(second)] == [
        _comparable(p) for p in dumped
    ]


def _reload_vocabularies() -> None:
    import importlib

    from django.apps import apps
    from django.db import connection

    migration = importlib.import_module("ceiba.catalog.migrations.0002_vocabularies")
    with connection.schema_editor() as editor:
        migration.load_vocabularies(apps, editor)
