"""The publishers' personal-data pages over HTTP, and the public guide."""

import pytest
from django.test import Client

from ceiba.catalog.models import Role
from ceiba.datastore.models import DatastoreTable
from ceiba.privacy.models import FindingStatus, PrivacyFinding
from tests.factories import PASSWORD, make_dataset, make_institution, make_user

pytestmark = pytest.mark.django_db

REGISTER = (
    "nombre,dpi,municipio,edad\n"
    "José Pérez López,1234567890101,Mixco,34\n"
    "María García Xol,8765432122217,Mixco,36\n"
    "Ana Lucía Tzul,1029384741305,Cobán,31\n"
).encode()


@pytest.fixture
def editor_client(client: Client) -> Client:
    editor = make_user("editora")
    make_institution(members={editor: Role.EDITOR})
    client.login(username="editora", password=PASSWORD)
    return client


@pytest.fixture
def draft(editor_client):
    return make_dataset("Registro", publish=False, files={"r.csv": REGISTER})


def test_manage_page_says_what_blocks_publishing(editor_client, draft):
    page = editor_client.get(f"/publicar/{draft.slug}/").content.decode()
    assert "2 hallazgos de datos personales deben revisarse antes de publicar." in page
    assert f"/publicar/{draft.slug}/privacidad/" in page
    refused = editor_client.post(f"/publicar/{draft.slug}/publicar/", follow=True)
    assert "aún no puede publicarse" in refused.content.decode()


def test_review_page_lists_masked_findings_and_records_decisions(editor_client, draft):
    url = f"/publicar/{draft.slug}/privacidad/"
    page = editor_client.get(url).content.decode()
    assert "número de CUI/DPI" in page and "•••• ••••• " in page
    assert "1234567890101" not in page
    finding = PrivacyFinding.objects.get(kind="cui")
    response = editor_client.post(
        f"{url}hallazgos/{finding.pk}/justificar/",
        {"justification": "Published by law: public officials."},
        follow=True,
    )
    assert "Decisión registrada en el historial" in response.content.decode()
    finding.refresh_from_db()
    assert finding.status == FindingStatus.JUSTIFIED
    history = editor_client.get(f"/datos/{draft.slug}/historial/").content.decode()
    assert response.status_code == 200 and history


def test_treat_page_publishes_a_treated_version(
    editor_client, draft, django_capture_on_commit_callbacks
):
    table = DatastoreTable.objects.get()
    url = f"/publicar/{draft.slug}/privacidad/tablas/{table.pk}/tratar/"
    form = editor_client.get(url).content.decode()
    assert 'name="col_dpi"' in form and 'name="quasi"' in form
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            url,
            {
                "col_nombre": "drop",
                "col_dpi": "hash",
                "col_municipio": "department",
                "col_edad": "age_band",
                "quasi": ["municipio", "edad"],
                "k": "2",
            },
            follow=True,
        )
    body = response.content.decode()
    assert "k = 1 → k = 2" in body or "k = 1 → k = 3" in body, body
    assert DatastoreTable.objects.count() == 2


def test_strangers_and_members_cannot_decide(client, draft):
    member = make_user("miembro")
    make_institution(members={member: Role.MEMBER})
    client.login(username="miembro", password=PASSWORD)
    finding = PrivacyFinding.objects.get(kind="cui")
    client.post(
        f"/publicar/{draft.slug}/privacidad/hallazgos/{finding.pk}/justificar/",
        {"justification": "A long enough reason to publish."},
    )
    finding.refresh_from_db()
    assert finding.status == FindingStatus.OPEN
    client.logout()
    outsider = client.get(f"/publicar/{draft.slug}/privacidad/")
    assert outsider.status_code == 302  # to the sign-in page


def test_guide_is_public(client):
    page = client.get("/guias/datos-personales/")
    assert page.status_code == 200
    assert "Qué son datos personales" in page.content.decode()
