import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ceiba.catalog.models import Dataset, Role
from tests.factories import PASSWORD, make_dataset, make_institution, make_user

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Matrícula escolar 2024",
    "description": "Estudiantes inscritos por municipio.",
    "keywords": "matrícula, estudiantes",
    "themes": ["educacion"],
    "licence": "CC-BY-4.0",
    "access_rights": "PUBLIC",
    "frequency": "ANNUAL",
    "places": "01, 101",
    "sdg_targets": "4.1",
}


@pytest.fixture
def editor(client: Client):
    user = make_user("editora")
    make_institution(members={user: Role.EDITOR})
    client.force_login(user)
    return user


def test_sign_in_and_out(client: Client):
    make_user("ana")
    response = client.post("/cuenta/entrar/", {"username": "ana", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/publicar/").status_code == 200


def test_repeated_failed_sign_ins_lock_the_account_for_a_while(
    client: Client, settings
):
    settings.CEIBA_LOGIN_MAX_FAILURES = 3
    make_user("ana")
    for _ in range(3):
        assert (
            client.post(
                "/cuenta/entrar/", {"username": "ana", "password": "mala"}
            ).status_code
            == 200
        )
    response = client.post("/cuenta/entrar/", {"username": "ana", "password": PASSWORD})
    assert response.status_code == 429
    assert (
        "intentos" in response.content.decode()
        or "attempts" in response.content.decode()
    )


def test_publisher_creates_uploads_previews_and_publishes(client: Client, editor):
    response = client.post("/publicar/nuevo/?institution=mineduc", FORM)
    assert response.status_code == 302, response.content.decode()[:2000]
    dataset = Dataset.objects.get()
    assert dataset.status == "draft"
    assert sorted(p.code for p in dataset.places.all()) == ["01", "0101"]
    upload = SimpleUploadedFile(
        "matricula.csv", b"municipio,total\n0101,100\n", "text/csv"
    )
    response = client.post(
        f"/publicar/{dataset.slug}/archivos/", {"upload-file": upload}
    )
    assert response.status_code == 302
    assert dataset.distributions.get().format == "CSV"
    assert client.get(f"/datos/{dataset.slug}/").status_code == 200
    response = client.post(f"/publicar/{dataset.slug}/publicar/")
    assert response.status_code == 302
    dataset.refresh_from_db()
    assert dataset.is_published
    anonymous = Client()
    assert anonymous.get(f"/datos/{dataset.slug}/").status_code == 200


def test_invalid_metadata_keeps_the_input_and_says_what_is_wrong(
    client: Client, editor
):
    response = client.post("/publicar/nuevo/", {**FORM, "places": "0101, 9999"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "9999" in html
    assert 'value="Matrícula escolar 2024"' in html
    assert Dataset.objects.count() == 0


def test_concurrent_edit_is_refused_and_the_input_stays_in_the_form(
    client: Client, editor
):
    dataset = make_dataset(publisher=make_institution(), publish=False)
    stale = dataset.lock_version
    first = client.post(
        f"/publicar/{dataset.slug}/editar/",
        {**FORM, "title": "Primera edición", "lock_version": stale},
    )
    assert first.status_code == 302
    second = client.post(
        f"/publicar/{dataset.slug}/editar/",
        {**FORM, "title": "Segunda edición", "lock_version": stale},
    )
    assert second.status_code == 409
    assert 'value="Segunda edición"' in second.content.decode()
    dataset.refresh_from_db()
    assert dataset.title == "Primera edición"


def test_upload_over_the_limit_is_refused_with_a_message(
    client: Client, editor, settings
):
    settings.CEIBA_MAX_UPLOAD_BYTES = 2048
    dataset = make_dataset(publisher=make_institution(), publish=False)
    upload = SimpleUploadedFile("grande.csv", b"a,b\n" * 4096, "text/csv")
    response = client.post(
        f"/publicar/{dataset.slug}/archivos/", {"upload-file": upload}, follow=True
    )
    html = response.content.decode()
    assert "2,0\xa0KB" in html or "2,0 KB" in html
    assert dataset.distributions.count() == 0


def test_empty_upload_is_refused_with_a_message(client: Client, editor):
    dataset = make_dataset(publisher=make_institution(), publish=False)
    upload = SimpleUploadedFile("vacio.csv", b"", "text/csv")
    response = client.post(
        f"/publicar/{dataset.slug}/archivos/", {"upload-file": upload}, follow=True
    )
    assert response.status_code == 200
    assert dataset.distributions.count() == 0
    assert 'class="msg msg-error"' in response.content.decode()


def test_editor_of_another_institution_is_refused(client: Client):
    other = make_user("otro")
    make_institution(
        "mspas",
        name="Ministerio de Salud",
        acronym="MSPAS",
        members={other: Role.EDITOR},
    )
    dataset = make_dataset(publisher=make_institution())
    client.force_login(other)
    assert client.get(f"/publicar/{dataset.slug}/editar/").status_code == 403
    response = client.post(f"/publicar/{dataset.slug}/despublicar/")
    assert response.status_code == 403
    dataset.refresh_from_db()
    assert dataset.is_published


def test_tampered_form_without_csrf_token_is_refused(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post("/publicar/nuevo/", FORM)
    assert response.status_code == 403
    assert (
        "nothing was saved" in response.content.decode()
        or "no se guardó nada" in response.content.decode()
    )
    assert Dataset.objects.count() == 0


def test_delete_and_restore_from_the_dashboard(client: Client):
    admin = make_user("jefa")
    make_institution(members={admin: Role.ADMIN})
    dataset = make_dataset(publisher=make_institution())
    client.force_login(admin)
    assert client.post(f"/publicar/{dataset.slug}/eliminar/").status_code == 302
    assert Client().get(f"/datos/{dataset.slug}/").status_code == 404
    assert dataset.title in client.get("/publicar/").content.decode()
    assert client.post(f"/publicar/{dataset.slug}/restaurar/").status_code == 302
    assert Client().get(f"/datos/{dataset.slug}/").status_code == 200
