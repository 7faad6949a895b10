"""A small catalog, people with roles, their tokens, and a caller of actions."""

import json
from dataclasses import dataclass
from typing import Any

import pytest

from ceiba.accounts.services import token_create
from ceiba.catalog.models import Role
from tests.factories import make_dataset, make_institution, make_user, portal_admin

CSV = "departamento,anio,total\nGuatemala,2023,10\nPetén,2024,7\nEscuintla,2024,3\n"
CSV = CSV.encode()


@dataclass
class Answer:
    status: int
    body: dict[str, Any]

    @property
    def result(self) -> Any:
        assert self.body["success"] is True, self.body
        return self.body["result"]

    @property
    def error(self) -> dict[str, Any]:
        assert self.body["success"] is False, self.body
        return self.body["error"]


class Caller:
    """Calls actions as ckanapi does (POST JSON) or with GET."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def post(self, action: str, token: str = "", **params: Any) -> Answer:
        headers = {"HTTP_AUTHORIZATION": token} if token else {}
        response = self.client.post(
            f"/api/3/action/{action}",
            data=json.dumps(params),
            content_type="application/json",
            **headers,
        )
        return Answer(response.status_code, response.json())

    def get(self, action: str, token: str = "", **params: Any) -> Answer:
        headers = {"HTTP_X_CKAN_API_KEY": token} if token else {}
        response = self.client.get(f"/api/3/action/{action}", params, **headers)
        return Answer(response.status_code, response.json())


@pytest.fixture
def api(client: Any) -> Caller:
    return Caller(client)


@dataclass
class Catalog:
    mineduc: Any
    mspas: Any
    escuelas: Any
    matricula: Any
    borrador: Any
    editor: Any
    other_editor: Any
    editor_token: str
    reader_token: str
    other_token: str
    admin_token: str


@pytest.fixture
def catalog(db: Any) -> Catalog:
    editor = make_user("editora")
    other = make_user("otro")
    mineduc = make_institution(members={editor: Role.ADMIN})
    mspas = make_institution(
        "mspas",
        name="Ministerio de Salud Pública y Asistencia Social",
        acronym="MSPAS",
        members={other: Role.EDITOR},
    )
    escuelas = make_dataset(
        "Escuelas de Guatemala",
        publisher=mineduc,
        themes=["educacion"],
        keywords=["escuelas", "primaria"],
        places=["0101"],
        frequency="ANNUAL",
        description="Listado de escuelas públicas.",
        files={"escuelas.csv": CSV},
    )
    matricula = make_dataset(
        "Matrícula por municipio",
        publisher=mineduc,
        themes=["educacion"],
        keywords=["matrícula"],
        licence="CC0-1.0",
    )
    borrador = make_dataset("Borrador interno", publisher=mineduc, publish=False)
    make_dataset("Vacunación", publisher=mspas, themes=["salud"], keywords=["vacunas"])
    return Catalog(
        mineduc=mineduc,
        mspas=mspas,
        escuelas=escuelas,
        matricula=matricula,
        borrador=borrador,
        editor=editor,
        other_editor=other,
        editor_token=token_create(user=editor, name="t", scope="write")[1],
        reader_token=token_create(user=editor, name="r", scope="read")[1],
        other_token=token_create(user=other, name="o", scope="write")[1],
        admin_token=token_create(user=portal_admin(), name="a", scope="write")[1],
    )
