"""A small catalog for the native API: two published datasets (one with an ingested
table), a draft with a table, a member of the draft's institution and tokens."""

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings

from ceiba.accounts.services import token_create
from ceiba.catalog.models import Dataset, Role
from ceiba.datastore.selectors import datastore_tables_for_distribution
from tests.factories import make_dataset, make_institution, make_user

SCHOOLS_CSV = (
    "codigo,municipio,anio,alumnos,fecha\n"
    "0101,Guatemala,2020,120,31/12/2020\n"
    "0108,Mixco,2020,80,31/12/2020\n"
    "0101,Guatemala,2021,130,31/12/2021\n"
    "0108,Mixco,2021,,31/12/2021\n"
    "1601,Cobán,2021,55,31/12/2021\n"
).encode()


@dataclass
class Catalog:
    schools: Dataset
    clinics: Dataset
    draft: Dataset
    table_id: str
    draft_table_id: str
    member_token: str
    outsider_token: str


def table_of(dataset: Dataset) -> str:
    file = dataset.distributions.filter(deleted_at__isnull=True).first()
    return str(datastore_tables_for_distribution(distribution_id=file.pk)[0].pk)


def build_catalog() -> Catalog:
    member = make_user("miembro")
    outsider = make_user("ajena")
    mineduc = make_institution(members={member: Role.MEMBER})
    mspas = make_institution(
        "mspas", name="Ministerio de Salud Pública y Asistencia Social", acronym="MSPAS"
    )
    make_institution(
        "otra", name="Otra institución", acronym="OTRA", members={outsider: Role.ADMIN}
    )
    schools = make_dataset(
        "Escuelas de Guatemala",
        publisher=mineduc,
        themes=["educacion"],
        places=["0101"],
        keywords=["escuelas"],
        frequency="ANNUAL",
        description="Listado de establecimientos educativos.",
        files={"escuelas.csv": SCHOOLS_CSV},
    )
    clinics = make_dataset(
        "Centros de salud",
        publisher=mspas,
        themes=["salud"],
        places=["05"],
        files={"centros.json": b'[{"a": 1}]'},
    )
    draft = make_dataset(
        "Borrador secreto",
        publisher=mineduc,
        publish=False,
        files={"secreto.csv": b"clave,valor\na,1\nb,2\n"},
    )
    _, member_raw = token_create(user=member, name="pruebas")
    _, outsider_raw = token_create(user=outsider, name="pruebas")
    return Catalog(
        schools=schools,
        clinics=clinics,
        draft=draft,
        table_id=table_of(schools),
        draft_table_id=table_of(draft),
        member_token=member_raw,
        outsider_token=outsider_raw,
    )


def storage_settings(folder: Path) -> dict:
    return {
        "DATA_DIR": folder / "data",
        "STORAGES": {
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": folder / "files"},
            },
            "staticfiles": {
                "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
            },
        },
        "TASKS": {
            "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
        },
    }


@pytest.fixture(scope="module")
def module_catalog(
    django_db_setup, django_db_blocker, tmp_path_factory
) -> Iterator[Catalog]:
    """One catalog per test module (ingesting its tables takes seconds), in a
    transaction rolled back at the end; each test runs in a savepoint inside it."""
    folder = tmp_path_factory.mktemp("api-v1")
    with (
        django_db_blocker.unblock(),
        override_settings(**storage_settings(folder)),
        transaction.atomic(),
    ):
        cache.clear()
        built = build_catalog()
        yield built
        transaction.set_rollback(True)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def _isolated_storage(module_catalog) -> None:
    """Replaces the suite's per-test storage: the module's catalog keeps its files
    for the whole module."""
    cache.clear()


@pytest.fixture
def catalog(module_catalog, db) -> Catalog:
    return module_catalog


def problem(response) -> dict:
    """The problem details of an error response, checked for their shape."""
    assert response["Content-Type"].startswith("application/problem+json"), (
        response.status_code,
        response["Content-Type"],
        response.content[:300],
    )
    body = response.json()
    assert body["status"] == response.status_code
    assert {"type", "title", "detail", "code"} <= body.keys()
    return body
