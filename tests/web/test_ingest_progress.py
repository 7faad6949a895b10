import pytest
from django.test import Client

from ceiba.catalog.models import Role
from tests.factories import make_dataset, make_institution, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client: Client) -> Client:
    user = make_user("editora")
    make_institution(members={user: Role.EDITOR})
    client.force_login(user)
    return client


def test_publisher_sees_each_file_state_and_table_summary(editor_client: Client):
    dataset = make_dataset(
        publisher=make_institution(),
        publish=False,
        files={
            "datos.csv": b"municipio,total\n0101,1\n0102,x\n0103,3\n",
            "roto.json": b"{",
        },
    )
    html = editor_client.get(f"/publicar/{dataset.slug}/").content.decode()
    assert "Tabla lista." in html or "Table ready." in html
    assert (
        "no se pudo convertir" in html.lower() or "could not be turned" in html.lower()
    )
    progress = editor_client.get(f"/publicar/{dataset.slug}/progreso.json").json()
    states = sorted(f["state"] for f in progress["files"])
    assert states == ["failed", "succeeded"]
    assert all(f["finished"] for f in progress["files"])


def test_progress_is_private(client: Client):
    dataset = make_dataset(files={"datos.csv": b"a\n1\n"})
    response = client.get(f"/publicar/{dataset.slug}/progreso.json")
    assert response.status_code == 302  # to the sign-in page
