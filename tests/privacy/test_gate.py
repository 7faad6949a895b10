"""Scan on ingest and the publish gate: findings stored per table, publishing refused
while blocking findings are open, reviews kept in the dataset's history, and which
kinds block chosen by the administrators."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from ceiba.catalog import services
from ceiba.catalog.models import Role
from ceiba.ingest.models import IngestJob
from ceiba.ingest.services import ingest_job_run
from ceiba.privacy.exceptions import PersonalDataFoundError, ReviewError
from ceiba.privacy.models import FindingStatus, PrivacyFinding, PrivacyScan
from ceiba.privacy.selectors import dataset_blocking_findings
from ceiba.privacy.services import finding_justify, privacy_rule_set
from tests.factories import (
    committed,
    make_dataset,
    make_file,
    make_institution,
    make_user,
    portal_admin,
)

pytestmark = pytest.mark.django_db

REGISTER = (
    "nombre,dpi,municipio,edad,monto\n"
    "José Pérez López,1234567890101,Mixco,34,100.50\n"
    "María García Xol,8765432122217,Cobán,41,200.00\n"
    "Ana Lucía Tzul,1029384741305,Mixco,29,99.99\n"
    "Juan Carlos Caal,1234567890101,Flores,52,10.00\n"
).encode()
BUDGET = b"departamento,municipio,monto\n01,0101,1234.50\n05,0501,99.00\n"


@pytest.fixture
def draft():
    return make_dataset("Beneficiarios", publish=False, files={"b.csv": REGISTER})


def test_ingest_scans_every_table_and_stores_findings(draft):
    scan = PrivacyScan.objects.get()
    assert scan.rows == 4
    kinds = set(PrivacyFinding.objects.values_list("column", "kind"))
    assert kinds == {("nombre", "person_name"), ("dpi", "cui")}
    assert (
        PrivacyFinding.objects.get(kind="cui").examples
        == [
            "•••• ••••• 1305",
            "•••• ••••• 0101",
        ]
        or len(PrivacyFinding.objects.get(kind="cui").examples) == 2
    )


def test_publishing_waits_for_every_blocking_finding(draft):
    admin = portal_admin()
    with pytest.raises(PersonalDataFoundError) as refused:
        services.dataset_publish(actor=admin, dataset=draft)
    assert refused.value.code == "personal_data_unreviewed"
    assert refused.value.status == 409
    for finding in PrivacyFinding.objects.all():
        finding_justify(
            actor=admin,
            finding=finding,
            justification="Beneficiaries of a public programme, published by law.",
        )
    services.dataset_publish(actor=admin, dataset=draft)
    assert dataset_blocking_findings(dataset=draft) == []


def test_a_justification_is_kept_in_the_history(draft):
    finding = PrivacyFinding.objects.get(kind="cui")
    editor = make_user("editora")
    make_institution(members={editor: Role.EDITOR})
    finding_justify(
        actor=editor, finding=finding, justification="Required by decree 57-2008."
    )
    finding.refresh_from_db()
    assert finding.status == FindingStatus.JUSTIFIED
    assert finding.reviewer == editor and finding.reviewed_at is not None
    version = draft.versions.order_by("-number").first()
    assert version.actor == editor
    note = version.changes[-1]
    assert note["field"] == "privacy_review"
    assert note["after"]["reason"] == "Required by decree 57-2008."


def test_members_cannot_review_and_reasons_are_required(draft):
    finding = PrivacyFinding.objects.get(kind="cui")
    member = make_user("miembro")
    make_institution(members={member: Role.MEMBER})
    with pytest.raises(Exception) as refused:
        finding_justify(actor=member, finding=finding, justification="x" * 20)
    assert refused.value.status == 403
    with pytest.raises(ReviewError):
        finding_justify(actor=portal_admin(), finding=finding, justification="ok")


def test_administrators_choose_what_only_warns(draft, settings):
    settings.CEIBA_PRIVACY_BLOCKING = ["cui"]
    privacy_rule_set(kind="cui", blocks=False)
    services.dataset_publish(actor=portal_admin(), dataset=draft)


def test_tables_without_personal_data_publish_freely():
    dataset = make_dataset("Presupuesto", publish=False, files={"p.csv": BUDGET})
    assert PrivacyScan.objects.count() == 1
    assert not PrivacyFinding.objects.exists()
    services.dataset_publish(actor=portal_admin(), dataset=dataset)


JUSTIFICATION = "Beneficiaries of a public programme, published by law."


def test_a_new_file_of_a_published_dataset_waits_for_its_review(client):
    dataset = make_dataset("Beneficiarios", files={"p.csv": BUDGET})
    distribution = make_file(dataset, "b.csv", REGISTER)
    revision = distribution.current_revision
    revision.refresh_from_db()
    assert revision.withheld_reason == "awaiting_review"
    download = f"/datos/{dataset.slug}/archivos/{distribution.pk}/descargar"
    refused = client.get(download)
    assert refused.status_code == 410
    assert "revisión" in refused.content.decode()
    page = client.get(f"/datos/{dataset.slug}/").content.decode()
    assert "Aún no disponible" in page and "José" not in page
    table = revision.tables.get()
    assert client.get(f"/datos/{dataset.slug}/tablas/{table.pk}/").status_code == 404

    admin = portal_admin()
    for finding in PrivacyFinding.objects.filter(table=table):
        committed(finding_justify)(
            actor=admin, finding=finding, justification=JUSTIFICATION
        )
    revision.refresh_from_db()
    assert revision.withheld_at is None
    assert client.get(download).status_code == 200
    assert client.get(f"/datos/{dataset.slug}/tablas/{table.pk}/").status_code == 200


def test_a_replacement_with_personal_data_waits_and_the_old_file_stays_live(client):
    dataset = make_dataset("Beneficiarios", files={"b.csv": BUDGET})
    distribution = dataset.distributions.get()
    editor = make_user("editora")
    make_institution(members={editor: Role.EDITOR})
    client.force_login(editor)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            f"/publicar/{dataset.slug}/archivos/{distribution.pk}/reemplazar/",
            {"file": SimpleUploadedFile("b.csv", REGISTER)},
        )
    distribution.refresh_from_db()
    assert distribution.current_revision.number == 1
    pending = distribution.revisions.get(number=2)
    for finding in PrivacyFinding.objects.filter(table__revision=pending):
        committed(finding_justify)(
            actor=editor, finding=finding, justification=JUSTIFICATION
        )
    distribution.refresh_from_db()
    assert distribution.current_revision.number == 2


@pytest.fixture
def queued_tasks(settings):
    """Tasks wait in a queue, as with the real worker, instead of running inline."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }


def test_a_new_table_file_is_not_served_until_it_has_been_checked(client, queued_tasks):
    dataset = make_dataset("Presupuesto", files={"p.pdf": b"%PDF-1.4 x"})
    distribution = make_file(dataset, "b.csv", BUDGET)
    download = f"/datos/{dataset.slug}/archivos/{distribution.pk}/descargar"
    waiting = client.get(download)
    assert waiting.status_code == 410
    assert "se está revisando" in waiting.content.decode()

    job = IngestJob.objects.get(revision=distribution.current_revision)
    committed(ingest_job_run)(job_id=job.pk)
    assert client.get(download).status_code == 200


def test_a_file_that_is_not_a_table_after_all_is_served_as_a_file(client, queued_tasks):
    dataset = make_dataset("Presupuesto", files={"p.pdf": b"%PDF-1.4 x"})
    distribution = make_file(dataset, "datos.json", b"{")
    job = IngestJob.objects.get(revision=distribution.current_revision)
    committed(ingest_job_run)(job_id=job.pk)
    download = f"/datos/{dataset.slug}/archivos/{distribution.pk}/descargar"
    assert client.get(download).status_code == 200
