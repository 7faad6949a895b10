"""A new version of a table goes live only once it has become a table: a file
that cannot be read leaves the published file and its tables in place."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ceiba.catalog.models import Role, VersionKind
from ceiba.datastore.selectors import datastore_tables_for_distribution
from tests.factories import make_dataset, make_institution, make_user

pytestmark = pytest.mark.django_db

GOOD = b'[{"municipio": "0101", "total": 1}, {"municipio": "0108", "total": 2}]'


@pytest.fixture
def editor_client(client: Client) -> Client:
    user = make_user("editora")
    make_institution(members={user: Role.EDITOR})
    client.force_login(user)
    return client


def _replace(client, dataset, distribution, name, content, capture):
    with capture(execute=True):
        return client.post(
            f"/publicar/{dataset.slug}/archivos/{distribution.pk}/reemplazar/",
            {"file": SimpleUploadedFile(name, content)},
        )


def test_an_unreadable_new_version_replaces_nothing(
    editor_client: Client, django_capture_on_commit_callbacks
):
    dataset = make_dataset(publisher=make_institution(), files={"datos.json": GOOD})
    distribution = dataset.distributions.get()
    versions = dataset.versions.count()
    response = _replace(
        editor_client,
        dataset,
        distribution,
        "datos.json",
        b"{",
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302
    distribution.refresh_from_db()
    assert distribution.current_revision.number == 1
    assert distribution.revisions.count() == 2
    assert dataset.versions.count() == versions
    tables = datastore_tables_for_distribution(distribution_id=distribution.pk)
    assert tables and tables[0].revision.number == 1
    html = editor_client.get(f"/publicar/{dataset.slug}/").content.decode()
    assert "siguen publicadas" in html
    download = editor_client.get(
        f"/datos/{dataset.slug}/archivos/{distribution.pk}/descargar"
    )
    assert b"".join(download.streaming_content) == GOOD


def test_a_readable_new_version_goes_live_with_its_tables(
    editor_client: Client, django_capture_on_commit_callbacks
):
    dataset = make_dataset(publisher=make_institution(), files={"datos.json": GOOD})
    distribution = dataset.distributions.get()
    _replace(
        editor_client,
        dataset,
        distribution,
        "datos.json",
        b'[{"municipio": "0101", "total": 5}]',
        django_capture_on_commit_callbacks,
    )
    distribution.refresh_from_db()
    assert distribution.current_revision.number == 2
    tables = datastore_tables_for_distribution(distribution_id=distribution.pk)
    assert tables[0].revision.number == 2 and tables[0].row_count == 1
    latest = dataset.versions.order_by("-number").first()
    assert latest.kind == VersionKind.FILE_REPLACED
    assert latest.actor.username == "editora"


def test_a_file_that_is_not_a_table_is_replaced_at_once(
    editor_client: Client, django_capture_on_commit_callbacks
):
    dataset = make_dataset(
        publisher=make_institution(), files={"informe.pdf": b"%PDF-1.4 uno"}
    )
    distribution = dataset.distributions.get()
    _replace(
        editor_client,
        dataset,
        distribution,
        "informe.pdf",
        b"%PDF-1.4 dos",
        django_capture_on_commit_callbacks,
    )
    distribution.refresh_from_db()
    assert distribution.current_revision.number == 2
