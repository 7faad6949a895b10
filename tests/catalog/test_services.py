import hashlib
import io

import pytest

from ceiba.catalog import services
from ceiba.catalog.exceptions import (
    CatalogPermissionError,
    DatasetEditConflictError,
    DatasetInvalidError,
    EmptyFileError,
    FileTooLargeError,
    LinkInvalidError,
    UnreadableFileError,
)
from ceiba.catalog.models import Dataset, Role, VersionKind
from tests.factories import (
    make_dataset,
    make_file,
    make_institution,
    make_user,
    portal_admin,
)

pytestmark = pytest.mark.django_db


def _input(**fields):
    fields.setdefault("title", "Presupuesto municipal")
    fields.setdefault("licence", "CC-BY-4.0")
    return services.DatasetInput(**fields)


class TestDatasetCreate:
    def test_editor_creates_a_draft_with_full_metadata(self):
        editor = make_user("editora")
        minfin = make_institution(
            "minfin",
            name="Ministerio de Finanzas Públicas",
            acronym="MINFIN",
            members={editor: Role.EDITOR},
        )
        dataset = services.dataset_create(
            actor=editor,
            publisher=minfin,
            data=_input(
                description="Ingresos **municipales**.",
                keywords=["presupuesto", " Presupuesto ", "municipios"],
                themes=["finanzas-publicas"],
                frequency="ANNUAL",
                places=["01", "0101"],
                sdg_targets=["16.6", "17.1"],
                legal_basis="Decreto 57-2008, artículo 10",
                contact_email="datos@minfin.gob.gt",
            ),
        )
        assert dataset.status == "draft"
        assert dataset.slug == "presupuesto-municipal"
        assert dataset.keywords == ["presupuesto", "municipios"]
        assert sorted(p.code for p in dataset.places.all()) == ["01", "0101"]
        version = dataset.versions.get()
        assert version.kind == VersionKind.CREATED
        assert version.actor == editor
        assert version.snapshot["themes"] == ["finanzas-publicas"]

    def test_slug_is_made_unique_from_the_title(self):
        first = make_dataset("Escuelas públicas")
        second = make_dataset("Escuelas públicas")
        assert (first.slug, second.slug) == ("escuelas-publicas", "escuelas-publicas-2")

    def test_duplicate_slug_is_refused_and_nothing_is_stored(self):
        make_dataset("Escuelas", slug="escuelas")
        with pytest.raises(DatasetInvalidError) as caught:
            make_dataset("Otras escuelas", slug="escuelas")
        assert "slug" in caught.value.field_errors
        assert Dataset.objects.count() == 1

    @pytest.mark.parametrize(
        ("fields", "field"),
        [
            ({"licence": "MIT-NOT-A-LICENCE"}, "licence"),
            ({"places": ["99", "0101"]}, "places"),
            ({"sdg_targets": ["18.1"]}, "sdg_targets"),
            ({"themes": ["astrologia"]}, "themes"),
            ({"frequency": "SOMETIMES"}, "frequency"),
            ({"contact_email": "no-es-un-correo"}, "contact_email"),
            ({"title": "   "}, "title"),
            ({"slug": "Con Espacios"}, "slug"),
        ],
    )
    def test_invalid_values_are_refused_with_a_field_error(self, fields, field):
        with pytest.raises(DatasetInvalidError) as caught:
            services.dataset_create(
                actor=make_user("root", superuser=True),
                publisher=make_institution(),
                data=_input(**fields),
            )
        assert caught.value.code == "dataset_invalid"
        assert caught.value.status == 409
        assert field in caught.value.field_errors
        assert Dataset.objects.count() == 0

    def test_someone_without_a_role_cannot_create(self):
        with pytest.raises(CatalogPermissionError):
            services.dataset_create(
                actor=make_user("extrana"), publisher=make_institution(), data=_input()
            )


class TestPermissions:
    def test_editor_of_another_institution_cannot_touch_a_dataset(self):
        other = make_user("otro")
        make_institution(
            "mspas",
            name="Ministerio de Salud",
            acronym="MSPAS",
            members={other: Role.EDITOR},
        )
        dataset = make_dataset(publisher=make_institution("mineduc"))
        with pytest.raises(CatalogPermissionError):
            services.dataset_update(
                actor=other,
                dataset=dataset,
                data=_input(),
                expected_lock_version=dataset.lock_version,
            )
        with pytest.raises(CatalogPermissionError):
            make_file(dataset, actor=other)
        with pytest.raises(CatalogPermissionError):
            services.dataset_unpublish(actor=other, dataset=dataset)
        dataset.refresh_from_db()
        assert dataset.title == "Establecimientos educativos"
        assert dataset.versions.count() == 2

    def test_member_edits_drafts_but_cannot_publish_or_delete(self):
        member = make_user("miembro")
        institution = make_institution(members={member: Role.MEMBER})
        dataset = make_dataset(publisher=institution, publish=False)
        services.dataset_update(
            actor=member,
            dataset=dataset,
            data=_input(title="Nuevo"),
            expected_lock_version=dataset.lock_version,
        )
        with pytest.raises(CatalogPermissionError):
            services.dataset_publish(actor=member, dataset=dataset)
        with pytest.raises(CatalogPermissionError):
            services.dataset_delete(actor=member, dataset=dataset)


class TestVersions:
    def test_update_records_a_field_by_field_diff(self):
        dataset = make_dataset(keywords=["a"])
        services.dataset_update(
            actor=make_user("root", superuser=True),
            dataset=dataset,
            data=_input(title="Título nuevo", keywords=["a", "b"]),
            expected_lock_version=dataset.lock_version,
        )
        latest = dataset.versions.order_by("-number").first()
        assert latest.kind == VersionKind.UPDATED
        changed = {c["field"]: (c["before"], c["after"]) for c in latest.changes}
        assert changed["title"] == ("Establecimientos educativos", "Título nuevo")
        assert changed["keywords"] == (["a"], ["a", "b"])

    def test_second_concurrent_save_is_refused_and_first_is_kept(self):
        dataset = make_dataset()
        admin = make_user("root", superuser=True)
        opened_at = dataset.lock_version
        services.dataset_update(
            actor=admin,
            dataset=Dataset.objects.get(pk=dataset.pk),
            data=_input(title="Primera"),
            expected_lock_version=opened_at,
        )
        with pytest.raises(DatasetEditConflictError) as caught:
            services.dataset_update(
                actor=admin,
                dataset=Dataset.objects.get(pk=dataset.pk),
                data=_input(title="Segunda"),
                expected_lock_version=opened_at,
            )
        assert caught.value.status == 409
        dataset.refresh_from_db()
        assert dataset.title == "Primera"

    def test_delete_is_soft_and_restore_brings_it_back(self):
        dataset = make_dataset()
        admin = make_user("root", superuser=True)
        services.dataset_delete(actor=admin, dataset=dataset)
        assert Dataset.objects.filter(pk=dataset.pk, deleted_at__isnull=False).exists()
        services.dataset_restore(actor=admin, dataset=dataset)
        dataset.refresh_from_db()
        assert dataset.deleted_at is None and dataset.is_published
        kinds = list(dataset.versions.order_by("number").values_list("kind", flat=True))
        assert kinds == ["created", "published", "deleted", "restored"]


class TestFiles:
    def test_upload_is_stored_with_sha256_size_and_format(self):
        content = "departamento;total\nGuatemala;1,5\n".encode("cp1252")
        dataset = make_dataset(files={"datos.csv": content})
        file = dataset.distributions.get()
        revision = file.current_revision
        assert revision.sha256 == hashlib.sha256(content).hexdigest()
        assert revision.byte_size == len(content)
        assert (file.format, revision.media_type) == ("CSV", "text/csv")
        assert dataset.data_updated_at is not None

    def test_replace_keeps_the_earlier_revision(self):
        dataset = make_dataset(files={"datos.csv": b"a\n1\n"})
        file = dataset.distributions.get()
        services.distribution_replace_file(
            actor=make_user("root", superuser=True),
            distribution=file,
            source=io.BytesIO(b"a\n2\n"),
            filename="datos-2025.csv",
        )
        assert list(file.revisions.values_list("number", "filename")) == [
            (1, "datos.csv"),
            (2, "datos-2025.csv"),
        ]
        latest = dataset.versions.order_by("-number").first()
        assert latest.kind == VersionKind.FILE_REPLACED
        assert latest.changes == [
            {
                "file": str(file.id),
                "title": file.title,
                "action": "replaced",
                "before": 1,
                "after": 2,
            }
        ]

    def test_empty_file_is_refused(self):
        dataset = make_dataset()
        with pytest.raises(EmptyFileError):
            make_file(dataset, "vacio.csv", b"")
        assert dataset.distributions.count() == 0

    def test_file_over_the_limit_is_refused(self, settings):
        settings.CEIBA_MAX_UPLOAD_BYTES = 1000
        dataset = make_dataset()
        with pytest.raises(FileTooLargeError) as caught:
            make_file(dataset, "grande.csv", b"x,y\n" * 1000)
        assert (
            "1000" in caught.value.render()
            or "1,000" in caught.value.render()
            or "KB" in caught.value.render()
        )
        assert dataset.distributions.count() == 0
        assert dataset.versions.count() == 2

    def test_binary_file_named_csv_is_refused_as_unreadable(self):
        dataset = make_dataset()
        with pytest.raises(UnreadableFileError) as caught:
            make_file(dataset, "datos.csv", b"\x00\x01\x02binary\x00")
        assert "datos.csv" in caught.value.render()
        assert dataset.distributions.count() == 0

    def test_removed_file_keeps_its_revisions(self):
        dataset = make_dataset(files={"datos.csv": b"a\n1\n"})
        file = dataset.distributions.get()
        services.distribution_remove(
            actor=make_user("root", superuser=True), distribution=file
        )
        file.refresh_from_db()
        assert file.deleted_at is not None
        assert file.revisions.count() == 1
        assert (
            dataset.versions.order_by("-number").first().changes[0]["action"]
            == "removed"
        )

    def test_link_needs_http_address(self):
        dataset = make_dataset()
        admin = make_user("root", superuser=True)
        link = services.distribution_add_link(
            actor=admin,
            dataset=dataset,
            url="https://datos.minfin.gob.gt/ingresos.xlsx",
        )
        assert link.format == "XLSX"
        with pytest.raises(LinkInvalidError):
            services.distribution_add_link(
                actor=admin, dataset=dataset, url="javascript:alert(1)"
            )


def test_one_change_event_per_dataset_and_transaction(
    django_capture_on_commit_callbacks,
):
    from django.db import transaction

    from ceiba.catalog.events import dataset_changed

    dataset = make_dataset(publish=False)
    admin = portal_admin()
    received = []

    def receiver(sender, dataset_id, **kwargs):
        received.append(dataset_id)

    dataset_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            for n in (1, 2):
                services.distribution_add_link(
                    actor=admin, dataset=dataset, url=f"https://a.gt/{n}.csv"
                )
            services.dataset_publish(actor=admin, dataset=dataset)
        assert received == [dataset.pk]

        received.clear()
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            try:
                with transaction.atomic():
                    services.dataset_unpublish(actor=admin, dataset=dataset)
                    raise RuntimeError("rolled back")
            except RuntimeError:
                pass
            dataset.refresh_from_db()
            services.dataset_unpublish(actor=admin, dataset=dataset)
        assert received == [dataset.pk]
    finally:
        dataset_changed.disconnect(receiver)
