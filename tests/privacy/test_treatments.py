"""Anonymisation treatments: each column action, suppression of small groups,
aggregation, and the service that publishes the treated table as a new version."""

import io
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ceiba.catalog.services import distribution_replace_file
from ceiba.datastore.models import DatastoreTable
from ceiba.privacy.exceptions import TreatmentError
from ceiba.privacy.models import FindingStatus, PrivacyFinding
from ceiba.privacy.services import table_treat
from ceiba.privacy.treatments import TreatmentPlan, apply_plan
from tests.factories import committed, make_dataset, portal_admin

PEOPLE = pa.table(
    {
        "dpi": ["1234567890101", "8765432122217", "1029384741305", "2345678900108"],
        "nacimiento": ["1990-05-17", "1985-01-02", "1990-05-30", "2001-12-31"],
        "edad": [34, 39, 31, 22],
        "municipio": ["0101", "0108", "Cobán", "0115"],
        "lat": [14.634915, 14.61, 15.47123, 14.52],
    }
)


def _apply(tmp_path: Path, plan: TreatmentPlan) -> tuple[list[tuple], object]:
    source = tmp_path / "in.parquet"
    pq.write_table(PEOPLE, source)
    parquet, csv, result = apply_plan(source, plan, tmp_path, key="secreto")
    rows = duckdb.connect().execute(f"SELECT * FROM read_parquet('{parquet}')")
    assert csv.read_text().splitlines()[0]
    return rows.fetchall(), result


def test_column_treatments(tmp_path):
    plan = TreatmentPlan(
        actions={
            "dpi": "mask",
            "nacimiento": "month",
            "edad": "age_band",
            "municipio": "department",
            "lat": "grid",
        }
    )
    rows, _ = _apply(tmp_path, plan)
    assert rows[0] == ("*********0101", "1990-05", "30-39", "01", 14.63)
    assert rows[2][3] == "Alta Verapaz"


def test_keyed_hash_is_stable_and_needs_the_key(tmp_path):
    plan = TreatmentPlan(actions={"dpi": "hash", "nacimiento": "drop"})
    rows, _ = _apply(tmp_path, plan)
    again, _ = _apply(tmp_path, plan)
    assert rows == again and len(rows[0][0]) == 20
    assert "1234567890101" not in rows[0][0]
    assert len(rows[0]) == 4  # nacimiento removed


def test_suppression_and_aggregation_raise_k(tmp_path):
    quasi = TreatmentPlan(
        actions={"dpi": "drop", "nacimiento": "year", "edad": "drop", "lat": "drop"},
        quasi=["nacimiento"],
        k=2,
    )
    rows, result = _apply(tmp_path, quasi)
    assert (result.k_before.k, result.k_after.k) == (1, 2)
    assert (result.rows_before, result.rows_after) == (4, 2)
    counts = TreatmentPlan(
        actions={
            "dpi": "drop",
            "nacimiento": "year",
            "municipio": "drop",
            "lat": "drop",
            "edad": "drop",
        },  # fmt: skip
        quasi=["nacimiento"],
        aggregate=True,
    )
    rows, result = _apply(tmp_path, counts)
    assert sorted(rows) == [("1985", 1), ("1990", 2), ("2001", 1)]


def test_unknown_columns_are_refused(tmp_path):
    with pytest.raises(TreatmentError):
        _apply(tmp_path, TreatmentPlan(actions={"altura": "drop"}))


REGISTER = (
    "nombre,dpi,municipio,edad\n"
    "José Pérez López,1234567890101,Mixco,34\n"
    "María García Xol,8765432122217,Mixco,36\n"
    "Ana Lucía Tzul,1029384741305,Mixco,31\n"
    "Juan Carlos Caal,2345678900108,Mixco,52\n"
).encode()


@pytest.mark.django_db
def test_treating_publishes_a_new_version_and_closes_findings():
    dataset = make_dataset("Registro", publish=False, files={"r.csv": REGISTER})
    table = DatastoreTable.objects.get()
    plan = TreatmentPlan(
        actions={"nombre": "drop", "dpi": "hash", "edad": "age_band"},
        quasi=["municipio", "edad"],
        k=2,
    )
    result, rescan = committed(table_treat)(
        actor=portal_admin(), table=table, plan=plan
    )
    assert (result.k_before.k, result.k_after.k) == (1, 3)
    assert rescan.findings == []
    assert set(PrivacyFinding.objects.filter(table=table).values_list("status")) == {
        (FindingStatus.TREATED,)
    }
    new_table = DatastoreTable.objects.exclude(pk=table.pk).get()
    assert new_table.revision.number == 2
    assert not PrivacyFinding.objects.filter(table=new_table).exists()
    note = dataset.versions.order_by("-number").first().changes[-1]
    assert note["after"]["result"].startswith("k = 1 → k = 3")


@pytest.mark.django_db
def test_the_untreated_original_is_never_served_again(client):
    dataset = make_dataset("Registro", files={"r.csv": REGISTER})
    table = DatastoreTable.objects.get()
    original = table.revision
    plan = TreatmentPlan(actions={"nombre": "drop", "dpi": "drop"}, quasi=[], k=0)
    committed(table_treat)(actor=portal_admin(), table=table, plan=plan)

    original.refresh_from_db()
    assert original.withheld_at is not None
    distribution = original.distribution
    url = f"/datos/{dataset.slug}/archivos/{distribution.pk}/v1/{original.filename}"
    response = client.get(url)
    assert response.status_code == 410
    assert "datos personales" in response.content.decode()
    # Its table is gone from previews and queries; the treated one replaces it.
    page = client.get(f"/datos/{dataset.slug}/tablas/{table.pk}/")
    assert page.status_code == 404
    latest = client.get(f"/datos/{dataset.slug}/archivos/{distribution.pk}/descargar")
    assert b"1029384741305" not in b"".join(latest.streaming_content)
    history = client.get(f"/datos/{dataset.slug}/historial/2/").content.decode()
    assert "contenía datos personales" in history
    assert url not in history


@pytest.mark.django_db
def test_earlier_releases_with_personal_data_are_withheld_too(client):
    dataset = make_dataset("Registro", publish=False, files={"r.csv": REGISTER})
    distribution = dataset.distributions.get()
    committed(distribution_replace_file)(
        actor=portal_admin(),
        distribution=distribution,
        source=io.BytesIO(REGISTER.replace(b"Mixco", b"Villa Nueva")),
        filename="r.csv",
    )
    latest = DatastoreTable.objects.get(revision__number=2)
    plan = TreatmentPlan(actions={"nombre": "drop", "dpi": "drop"}, quasi=[], k=0)
    committed(table_treat)(actor=portal_admin(), table=latest, plan=plan)
    withheld = distribution.revisions.filter(withheld_at__isnull=False)
    assert sorted(withheld.values_list("number", flat=True)) == [1, 2]
    assert distribution.revisions.get(number=3).withheld_at is None
