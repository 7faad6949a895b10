import pytest
from django.test import Client

from ceiba.catalog.models import Role
from ceiba.datastore.selectors import datastore_tables_for_distribution
from tests.factories import make_dataset, make_institution, make_user

pytestmark = pytest.mark.django_db

CSV = b"municipio,poblacion,clave\n0101,1000,1\n0108,250,2\n0115,-5,x\n"


@pytest.fixture
def editor_client(client: Client) -> Client:
    user = make_user("editora")
    make_institution(members={user: Role.EDITOR})
    client.force_login(user)
    return client


@pytest.fixture
def table():
    dataset = make_dataset(publisher=make_institution(), files={"p.csv": CSV})
    distribution = dataset.distributions.get()
    return datastore_tables_for_distribution(distribution_id=distribution.pk)[0]


def _form(table, **overrides) -> dict[str, str]:
    data = {
        "col-TOTAL_FORMS": str(len(table.schema["fields"])),
        "col-INITIAL_FORMS": str(len(table.schema["fields"])),
    }
    for n, field in enumerate(table.schema["fields"]):
        data[f"col-{n}-title"] = field.get("title", "")
        data[f"col-{n}-type"] = field["type"]
    data.update(overrides)
    return data


def _urls(table) -> tuple[str, str]:
    base = f"/publicar/{table.revision.distribution.dataset.slug}/tablas/{table.pk}/"
    return base + "diccionario/", base + "validacion/"


def test_the_manage_page_links_to_each_tables_report_and_dictionary(
    editor_client: Client, table
):
    dictionary, validation = _urls(table)
    html = editor_client.get(
        f"/publicar/{table.revision.distribution.dataset.slug}/"
    ).content.decode()
    assert dictionary in html and validation in html


def test_the_publisher_edits_the_dictionary_and_sees_the_new_report(
    editor_client: Client, table
):
    dictionary, validation = _urls(table)
    page = editor_client.get(dictionary)
    assert page.status_code == 200
    assert "poblacion" in page.content.decode()
    response = editor_client.post(
        dictionary,
        _form(
            table,
            **{
                "col-1-unit": "personas",
                "col-1-minimum": "0",
                "col-2-type": "integer",
            },
        ),
    )
    assert response.status_code == 302 and response["Location"] == validation
    report = editor_client.get(validation).content.decode()
    assert "Valor fuera de las reglas" in report  # the -5 below the minimum
    assert "Valor de tipo equivocado" in report  # the x in a column of numbers
    table.refresh_from_db()
    assert table.schema["fields"][1]["unit"] == "personas"
    public = editor_client.get(
        f"/datos/{table.revision.distribution.dataset.slug}/historial/"
    ).content.decode()
    assert "diccionario de datos" in public.lower()


def test_bad_edits_are_explained_beside_the_column_and_change_nothing(
    editor_client: Client, table
):
    dictionary, _validation = _urls(table)
    before = table.schema
    response = editor_client.post(
        dictionary, _form(table, **{"col-1-minimum": "mucho", "col-0-pattern": "(["})
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "número entero" in html
    assert "expresión regular" in html
    table.refresh_from_db()
    assert table.schema == before


def test_only_editors_of_the_institution_reach_the_pages(client: Client, table):
    dictionary, validation = _urls(table)
    outsider = make_user("otro")
    make_institution("otra", name="Otra", members={outsider: Role.ADMIN})
    client.force_login(outsider)
    assert client.get(dictionary).status_code == 403
    assert client.post(dictionary, _form(table)).status_code == 403
    assert client.get(validation).status_code == 403
