"""Publishers edit a table's data dictionary; the table is rewritten and validated
again, and the change is in the dataset's history."""

import duckdb
import pytest

from ceiba.catalog.exceptions import CatalogPermissionError
from ceiba.catalog.models import Role, VersionKind
from ceiba.datastore.selectors import datastore_tables_for_distribution
from ceiba.datastore.storage import table_path
from ceiba.ingest.dictionary import FieldEdit, table_dictionary_update
from ceiba.ingest.exceptions import DictionaryError
from tests.factories import make_dataset, make_institution, make_user, portal_admin

pytestmark = pytest.mark.django_db

CSV = (
    b"municipio,poblacion,fecha,clave\n"
    b"0101,1000,31/12/2024,1\n"
    b"0108,250,01/02/2024,2\n"
    b"0115,-5,15/03/2024,x\n"
)


@pytest.fixture
def table():
    dataset = make_dataset(files={"poblacion.csv": CSV})
    distribution = dataset.distributions.get()
    return datastore_tables_for_distribution(distribution_id=distribution.pk)[0]


def _field(table, name):
    return next(f for f in table.schema["fields"] if f["name"] == name)


def _edit(table, name, **changes) -> FieldEdit:
    field = _field(table, name)
    constraints = field.get("constraints", {})
    current = {
        "title": field.get("title", ""),
        "type": field["type"],
        "required": constraints.get("required", False),
        "unique": constraints.get("unique", False),
    }
    return FieldEdit(name=name, **{**current, **changes})


def _rows(table):
    with duckdb.connect() as connection:
        return connection.execute(
            "SELECT * FROM read_parquet(?)", [str(table_path(table.parquet_name))]
        ).fetchall()


def test_descriptions_and_units_are_saved_and_recorded_in_history(
    table, django_capture_on_commit_callbacks
):
    dataset = table.revision.distribution.dataset
    old_file = table_path(table.parquet_name)
    with django_capture_on_commit_callbacks(execute=True):
        updated = table_dictionary_update(
            actor=portal_admin(),
            table=table,
            edits=[
                _edit(
                    table,
                    "poblacion",
                    title="Población",
                    description="Habitantes censados",
                    unit="personas",
                )
            ],
        )
    field = _field(updated, "poblacion")
    assert field["title"] == "Población"
    assert field["description"] == "Habitantes censados"
    assert field["unit"] == "personas"
    assert table_path(updated.parquet_name).is_file()
    assert not old_file.exists()
    version = dataset.versions.order_by("-number").first()
    assert version.kind == VersionKind.DICTIONARY_UPDATED
    changed = {(c["column"], c["field"]) for c in version.changes}
    assert ("Población", "unit") in changed and ("Población", "title") in changed


def test_a_new_type_rewrites_the_table_and_validation_counts_what_does_not_fit(table):
    assert _field(table, "clave")["type"] == "string"
    updated = table_dictionary_update(
        actor=portal_admin(), table=table, edits=[_edit(table, "clave", type="integer")]
    )
    assert _field(updated, "clave")["type"] == "integer"
    assert [row[3] for row in _rows(updated)] == [1, 2, None]
    assert updated.validation["summary"] == {"type-error": 1}
    error = updated.validation["errors"][0]
    assert (error["rowNumber"], error["fieldName"], error["cell"]) == (4, "clave", "x")


def test_constraints_are_checked_on_the_whole_table(table):
    updated = table_dictionary_update(
        actor=portal_admin(),
        table=table,
        edits=[
            _edit(table, "poblacion", minimum="0", required=True),
            _edit(table, "municipio", enum=("0101", "0108"), pattern="[0-9]{4}"),
        ],
    )
    assert _field(updated, "poblacion")["constraints"] == {
        "required": True,
        "minimum": 0,
    }
    assert updated.validation["summary"] == {"constraint-error": 2}
    assert not updated.is_valid


def test_a_date_column_typed_by_the_publisher_finds_its_format(table):
    text = table_dictionary_update(
        actor=portal_admin(), table=table, edits=[_edit(table, "fecha", type="string")]
    )
    assert _field(text, "fecha")["type"] == "string"
    assert "format" not in _field(text, "fecha")
    dated = table_dictionary_update(
        actor=portal_admin(), table=text, edits=[_edit(text, "fecha", type="date")]
    )
    assert _field(dated, "fecha")["format"] == "%d/%m/%Y"
    assert dated.validation["valid"]


def test_edits_that_cannot_be_applied_change_nothing(table):
    dataset = table.revision.distribution.dataset
    versions = dataset.versions.count()
    before = (table.schema, table.parquet_name)
    with pytest.raises(DictionaryError) as caught:
        table_dictionary_update(
            actor=portal_admin(),
            table=table,
            edits=[
                _edit(table, "fecha", minimum="31/12"),
                _edit(table, "municipio", pattern="([0-9"),
                _edit(table, "poblacion", type="money"),
                _edit(table, "clave", format="%d/%m/%Y"),
            ],
        )
    assert set(caught.value.field_errors) == {
        "fecha-minimum",
        "municipio-pattern",
        "poblacion-type",
        "clave-format",
    }
    table.refresh_from_db()
    assert (table.schema, table.parquet_name) == before
    assert table_path(table.parquet_name).is_file()
    assert dataset.versions.count() == versions


def test_unknown_columns_are_refused(table):
    with pytest.raises(DictionaryError):
        table_dictionary_update(
            actor=portal_admin(), table=table, edits=[FieldEdit(name="nope")]
        )


def test_only_the_datasets_editors_may_edit(table):
    outsider = make_user("otra")
    make_institution("otra", name="Otra institución", members={outsider: Role.ADMIN})
    with pytest.raises(CatalogPermissionError):
        table_dictionary_update(
            actor=outsider, table=table, edits=[_edit(table, "poblacion", unit="x")]
        )


def test_nothing_to_change_records_no_version(table):
    dataset = table.revision.distribution.dataset
    versions = dataset.versions.count()
    same = table_dictionary_update(
        actor=portal_admin(), table=table, edits=[_edit(table, "poblacion")]
    )
    assert same.parquet_name == table.parquet_name
    assert dataset.versions.count() == versions
