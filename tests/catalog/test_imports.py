"""Whole datasets from other catalogs: one at a time and in batches, with the same
result (fields, links, dates, one version with the same snapshot and changes)."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from ceiba.catalog import services
from ceiba.catalog.events import dataset_changed
from ceiba.catalog.exceptions import CatalogPermissionError, DatasetInvalidError
from ceiba.catalog.models import Dataset, DatasetStatus, Version, VersionKind
from tests.factories import make_dataset, make_institution, make_user, portal_admin

pytestmark = pytest.mark.django_db

ISSUED = dt.datetime(2019, 3, 1, 8, tzinfo=dt.UTC)
MODIFIED = dt.datetime(2024, 5, 2, 9, tzinfo=dt.UTC)


def _data(title="Ejecución presupuestaria", **fields):
    fields.setdefault("licence", "CC-BY-4.0")
    fields.setdefault("description", "Por renglón y mes.")
    fields.setdefault("keywords", ["presupuesto", "gasto"])
    fields.setdefault("themes", ["economia", "gobierno"])
    fields.setdefault("places", ["01", "0101"])
    fields.setdefault("frequency", "MONTHLY")
    fields.setdefault("temporal_start", dt.date(2020, 1, 1))
    fields.setdefault("temporal_end", dt.date(2020, 12, 31))
    fields.setdefault("title_en", "Budget execution")
    return services.DatasetInput(title=title, **fields)


LINKS = (
    services.LinkInput(url="https://datos.minfin.gob.gt/ejecucion.csv", title="CSV"),
    services.LinkInput(url="https://datos.minfin.gob.gt/ejecucion.xlsx", format="xlsx"),
)


def _item(publisher, data=None, links=LINKS, issued=ISSUED, modified=MODIFIED):
    return services.DatasetImport(
        publisher=publisher,
        data=data or _data(),
        links=links,
        issued=issued,
        modified=modified,
    )


def _comparable(version):
    """A version without what must differ between two copies: the address name
    and the files' ids."""
    snapshot = {**version.snapshot, "slug": None}
    snapshot["files"] = [{**f, "id": None} for f in snapshot["files"]]
    changes = [
        {**c, "file": None} if "file" in c else c
        for c in version.changes
        if c.get("field") != "slug"
    ]
    return version.kind, version.number, snapshot, changes


def test_a_batch_gives_what_one_at_a_time_gives():
    admin = portal_admin()
    minfin = make_institution("minfin", name="Ministerio de Finanzas Públicas")
    one = services.dataset_import(
        actor=admin, publisher=minfin, data=_data(), links=list(LINKS)
    )
    services.dataset_dates_set(
        actor=admin, dataset=one, issued=ISSUED, modified=MODIFIED
    )

    [batch] = services.datasets_import(actor=admin, items=[_item(minfin)])

    one.refresh_from_db()
    batch.refresh_from_db()
    assert batch.slug == "ejecucion-presupuestaria-2"
    for name in (
        "title", "description", "translations", "keywords", "licence_id",
        "frequency_id", "temporal_start", "temporal_end", "status", "issued",
        "modified", "publisher_id", "created_by_id", "access_rights",
    ):  # fmt: skip
        assert getattr(batch, name) == getattr(one, name), name
    assert batch.status == DatasetStatus.PUBLISHED
    assert (batch.issued, batch.modified) == (ISSUED, MODIFIED)
    assert batch.data_updated_at is not None
    assert sorted(t.code for t in batch.themes.all()) == ["economia", "gobierno"]
    assert sorted(p.code for p in batch.places.all()) == ["01", "0101"]
    files = ("position", "title", "format", "media_type", "kind", "access_url")
    assert list(batch.distributions.values_list(*files)) == list(
        one.distributions.values_list(*files)
    )
    [one_version] = Version.objects.filter(dataset=one)
    [batch_version] = Version.objects.filter(dataset=batch)
    assert batch_version.kind == VersionKind.CREATED
    assert batch_version.actor == admin
    assert _comparable(batch_version) == _comparable(one_version)


def test_address_names_wanted_where_free_else_made_from_the_title():
    admin = portal_admin()
    minfin = make_institution("minfin")
    make_dataset("Ocupado", publisher=minfin, slug="ocupado")
    items = [
        _item(minfin, _data("Primero", slug="libre")),
        _item(minfin, _data("Segundo", slug="ocupado")),  # taken here
        _item(minfin, _data("Tercero", slug="libre")),  # taken in the batch
        _item(minfin, _data("Ocupado")),
        _item(minfin, _data("Ocupado")),
        _item(minfin, _data("Sin enlaces"), links=(), issued=None, modified=None),
    ]

    datasets = services.datasets_import(actor=admin, items=items)

    assert [d.slug for d in datasets] == [
        "libre",
        "segundo",
        "tercero",
        "ocupado-2",
        "ocupado-3",
        "sin-enlaces",
    ]
    plain = Dataset.objects.get(slug="sin-enlaces")
    assert plain.data_updated_at is None
    assert plain.issued is not None and plain.issued == plain.modified
    assert Version.objects.get(dataset=plain).snapshot["files"] == []


def test_one_invalid_item_creates_nothing():
    admin = portal_admin()
    minfin = make_institution("minfin")
    before = (Dataset.objects.count(), Version.objects.count())
    items = [_item(minfin), _item(minfin, _data(" ", themes=["no-existe"]))]

    with pytest.raises(DatasetInvalidError) as raised:
        services.datasets_import(actor=admin, items=items)

    assert set(raised.value.field_errors) == {"title", "themes"}
    assert (Dataset.objects.count(), Version.objects.count()) == before


def test_only_portal_administrators_import_batches():
    minfin = make_institution("minfin")
    editor = make_user("editora")

    with pytest.raises(CatalogPermissionError):
        services.datasets_import(actor=editor, items=[_item(minfin)])

    assert not Dataset.objects.exists()


def test_one_change_event_per_dataset_after_commit(django_capture_on_commit_callbacks):
    admin = portal_admin()
    minfin = make_institution("minfin")
    received = []

    def receiver(sender, dataset_id, **kwargs):
        received.append(dataset_id)

    dataset_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            datasets = services.datasets_import(
                actor=admin, items=[_item(minfin) for _ in range(3)]
            )
            assert received == []
    finally:
        dataset_changed.disconnect(receiver)

    assert received == [d.pk for d in datasets]


def _catalog_queries(admin, publisher, title, count):
    """The queries of a batch, but those of the publish guards of other apps
    (they are asked about each dataset)."""
    items = [_item(publisher, _data(f"{title} {n}")) for n in range(count)]
    with CaptureQueriesContext(connection) as queries:
        services.datasets_import(actor=admin, items=items)
    return [q["sql"] for q in queries if "privacy_" not in q["sql"]]


def test_the_catalog_queries_of_a_batch_do_not_grow_with_its_size():
    admin = portal_admin()
    minfin = make_institution("minfin")

    small = _catalog_queries(admin, minfin, "Pequeño", 2)
    large = _catalog_queries(admin, minfin, "Grande", 30)

    assert len(large) == len(small) <= 15
