"""The whole ingest path through the catalog: upload → background job → tables on
the dataset page, their preview and downloads; the CLI; failures that keep the
previous tables live."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from ceiba.catalog import services
from ceiba.datastore.models import DatastoreTable
from ceiba.ingest.models import IngestJob
from tests.factories import make_dataset, portal_admin

pytestmark = pytest.mark.django_db

BUDGET = (
    "departamento;municipio;año;monto;fecha\n"
    "01;0101;2024;1.234,50;31/12/2024\n"
    "01;0102;2024;99,00;30/11/2024\n"
    "05;0501;2023;10,25;01/01/2023\n"
).encode("cp1252")


@pytest.fixture
def dataset():
    return make_dataset("Presupuesto municipal", files={"presupuesto.csv": BUDGET})


def test_upload_becomes_a_typed_validated_table(dataset):
    job = IngestJob.objects.get()
    assert job.state == "succeeded", job.error_message
    table = DatastoreTable.objects.get()
    assert table.row_count == 3
    types = {f["name"]: f["type"] for f in table.schema["fields"]}
    assert types["departamento"] == "string"  # INE codes keep their leading zero
    assert types["monto"] == "number"
    assert types["fecha"] == "date"
    assert table.validation["valid"] is True


def test_dataset_page_links_the_table_and_its_preview_filters_sorts_exports(
    client: Client, dataset
):
    table = DatastoreTable.objects.get()
    page = client.get(f"/datos/{dataset.slug}/").content.decode()
    assert f"/datos/{dataset.slug}/tablas/{table.pk}/" in page
    url = f"/datos/{dataset.slug}/tablas/{table.pk}/"
    html = client.get(url).content.decode()
    assert "0101" in html and "0501" in html
    assert "<strong>1343,75</strong>" in html  # the total of the amounts
    assert "<strong>6071</strong>" not in html  # years are not summed
    filtered = client.get(url, {"departamento": "05"}).content.decode()
    assert "0501" in filtered and "0101" not in filtered
    sorted_desc = client.get(url, {"_sort_desc": "monto"}).content.decode()
    assert sorted_desc.index("0101") < sorted_desc.index("0102")
    export = client.get(f"{url}exportar.csv", {"departamento": "01"})
    body = b"".join(export.streaming_content).decode()
    assert body.splitlines()[0].startswith("departamento,municipio")
    assert len(body.strip().splitlines()) == 3


def test_a_refused_file_keeps_the_previous_tables_live(dataset):
    file = dataset.distributions.get()
    with committed_upload():
        services.distribution_replace_file(
            actor=portal_admin(),
            distribution=file,
            source=io.BytesIO(b'{"filas": [1, 2'),  # cut short: invalid JSON
            filename="presupuesto.json",
        )
    failed = IngestJob.objects.order_by("-created_at").first()
    assert failed.state == "failed"
    assert failed.error_message
    assert DatastoreTable.objects.get().revision.number == 1


def committed_upload():
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def test_cli_ingests_in_the_foreground_and_refuses_bad_files(dataset, tmp_path, capsys):
    source = tmp_path / "matricula.csv"
    source.write_text("municipio,total\n0101,10\n0102,20\n", encoding="utf-8")
    call_command("ingest", str(source), dataset=dataset.slug, title="Matrícula")
    assert "2" in capsys.readouterr().out
    assert (
        DatastoreTable.objects.filter(revision__distribution__title="Matrícula").count()
        == 1
    )
    empty = tmp_path / "vacio.csv"
    empty.write_bytes(b"")
    with pytest.raises(Exception) as caught:
        call_command("ingest", str(empty), dataset=dataset.slug)
    assert "vacío" in str(caught.value) or "empty" in str(caught.value)
