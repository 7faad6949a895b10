import hashlib

import pytest
from django.test import Client

from tests.factories import make_dataset

pytestmark = pytest.mark.django_db

CONTENT = ("departamento,municipio,total\n" + "Guatemala,Mixco,12\n" * 500).encode()


@pytest.fixture
def file_and_dataset():
    dataset = make_dataset("Población por municipio", files={"poblacion.csv": CONTENT})
    return dataset.distributions.get(), dataset


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_latest_address_serves_the_file_with_its_headers(
    client: Client, file_and_dataset
):
    file, dataset = file_and_dataset
    response = client.get(file.get_latest_url())
    assert response.status_code == 200
    assert _body(response) == CONTENT
    assert response["Content-Type"] == "text/csv"
    assert response["Content-Length"] == str(len(CONTENT))
    assert response["Content-Disposition"] == 'attachment; filename="poblacion.csv"'
    assert response["ETag"] == f'"{hashlib.sha256(CONTENT).hexdigest()}"'
    assert response["Accept-Ranges"] == "bytes"
    assert "Last-Modified" in response
    assert "Content-Encoding" not in response
    dataset.refresh_from_db()
    assert dataset.download_count == 1


def test_range_resumes_a_cut_download(client: Client, file_and_dataset):
    file, dataset = file_and_dataset
    response = client.get(file.get_latest_url(), HTTP_RANGE="bytes=100-")
    assert response.status_code == 206
    assert _body(response) == CONTENT[100:]
    assert response["Content-Range"] == f"bytes 100-{len(CONTENT) - 1}/{len(CONTENT)}"
    assert response["Content-Length"] == str(len(CONTENT) - 100)
    response = client.get(file.get_latest_url(), HTTP_RANGE="bytes=-10")
    assert _body(response) == CONTENT[-10:]
    dataset.refresh_from_db()
    assert dataset.download_count == 0  # resumed ranges are not new downloads


def test_unsatisfiable_range_answers_416(client: Client, file_and_dataset):
    file, _ = file_and_dataset
    response = client.get(
        file.get_latest_url(), HTTP_RANGE=f"bytes={len(CONTENT) + 5}-"
    )
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(CONTENT)}"


def test_if_range_with_an_old_etag_sends_the_whole_new_file(
    client: Client, file_and_dataset
):
    file, _ = file_and_dataset
    response = client.get(
        file.get_latest_url(), HTTP_RANGE="bytes=10-", HTTP_IF_RANGE='"old"'
    )
    assert response.status_code == 200
    assert _body(response) == CONTENT


def test_conditional_get_answers_304(client: Client, file_and_dataset):
    file, _ = file_and_dataset
    etag = client.get(file.get_latest_url())["ETag"]
    response = client.get(file.get_latest_url(), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304


def test_each_revision_keeps_its_permanent_address(client: Client, file_and_dataset):
    import io

    from ceiba.catalog import services
    from tests.factories import portal_admin

    file, dataset = file_and_dataset
    first = file.current_revision
    services.distribution_replace_file(
        actor=portal_admin(),
        distribution=file,
        source=io.BytesIO(b"nuevo\n1\n"),
        filename="poblacion-2025.csv",
    )
    assert _body(client.get(file.get_latest_url())) == b"nuevo\n1\n"
    old = client.get(first.get_absolute_url())
    assert old.status_code == 200
    assert _body(old) == CONTENT
    assert "immutable" in old["Cache-Control"]


def test_drafts_cannot_be_downloaded_anonymously(client: Client):
    dataset = make_dataset(files={"a.csv": b"a\n1\n"}, publish=False)
    file = dataset.distributions.get()
    assert client.get(file.get_latest_url()).status_code == 404
