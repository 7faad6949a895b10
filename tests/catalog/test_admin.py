import pytest
from django.test import Client

from ceiba.catalog.models import Dataset, Institution, Membership
from tests.factories import make_dataset, make_user, portal_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client: Client) -> Client:
    client.force_login(portal_admin())
    return client


def test_portal_admin_creates_an_institution_with_a_member(staff: Client):
    editor = make_user("editora")
    response = staff.post(
        "/admin/catalog/institution/add/",
        {
            "name": "Secretaría de Planificación",
            "acronym": "SEGEPLAN",
            "slug": "segeplan",
            "kind": "secretariat",
            "place": "01",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-user": editor.pk,
            "memberships-0-role": "editor",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    institution = Institution.objects.get(slug="segeplan")
    assert Membership.objects.get(institution=institution).role == "editor"


def test_portal_admin_restores_a_deleted_dataset(staff: Client):
    dataset = make_dataset()
    staff.post(
        "/admin/catalog/dataset/",
        {"action": "soft_delete", "_selected_action": [str(dataset.pk)]},
    )
    assert Dataset.objects.get(pk=dataset.pk).deleted_at is not None
    staff.post(
        "/admin/catalog/dataset/",
        {"action": "restore", "_selected_action": [str(dataset.pk)]},
    )
    dataset.refresh_from_db()
    assert dataset.deleted_at is None
    assert list(dataset.versions.values_list("kind", flat=True).order_by("number"))[
        -2:
    ] == ["deleted", "restored"]
