"""Loading the demo catalog: ``demo_load`` and the ``ceiba demo`` command."""

import csv
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils.translation import gettext as _

from ceiba.catalog import services
from ceiba.catalog.models import (
    Dataset,
    DatasetStatus,
    DistributionKind,
    DistributionRevision,
    Institution,
    Membership,
    Role,
    Version,
    VersionKind,
)
from ceiba.demo.catalog import DATASETS, EDITOR_PASSWORD, EDITOR_USERNAME
from ceiba.demo.exceptions import DemoCatalogNotEmptyError
from ceiba.demo.files import NOTE, NOTICE
from ceiba.demo.services import DemoProgress, demo_load
from tests.factories import make_dataset

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        "datasets": Dataset.objects.count(),
        "institutions": Institution.objects.count(),
        "versions": Version.objects.count(),
        "revisions": DistributionRevision.objects.count(),
        "users": get_user_model().objects.count(),
        "memberships": Membership.objects.count(),
        "downloads": sum(Dataset.objects.values_list("download_count", flat=True)),
    }


def _read(revision: DistributionRevision) -> str:
    with default_storage.open(revision.storage_name, "rb") as handle:
        return handle.read().decode("utf-8")


def test_load_publishes_a_catalog_and_a_demo_editor() -> None:
    summary = demo_load()

    published = Dataset.objects.filter(status=DatasetStatus.PUBLISHED)
    assert summary.datasets == published.count() == len(DATASETS) >= 40
    assert published.values("publisher").distinct().count() >= 15
    assert summary.institutions == Institution.objects.count() >= 15
    assert summary.files + summary.links == sum(
        len(d.files) + len(d.links) for d in DATASETS
    )
    for dataset in published:
        files = dataset.distributions.filter(kind=DistributionKind.FILE)
        assert files.exists(), dataset.slug
        assert all(f.current_revision_id for f in files)
        assert NOTICE in dataset.description
        assert (
            dataset.temporal_start is None
            or dataset.temporal_start <= dataset.temporal_end
        )
    assert Institution.objects.get(slug="insivumeh").parent.slug == "micivi"
    assert published.filter(download_count__gt=0).count() > len(DATASETS) // 2

    # The demo publisher account can publish in MINEDUC.
    editor = get_user_model().objects.get(username=EDITOR_USERNAME)
    assert summary.editor is not None and summary.editor.password == EDITOR_PASSWORD
    assert editor.check_password(EDITOR_PASSWORD) and not editor.is_superuser
    assert editor.memberships.get().role == Role.EDITOR
    mineduc = Institution.objects.get(slug="mineduc")
    data = services.DatasetInput(title="Mi primer conjunto", licence="CC-BY-4.0")
    dataset = services.dataset_create(actor=editor, publisher=mineduc, data=data)
    services.dataset_publish(actor=editor, dataset=dataset)
    system = get_user_model().objects.get(username="demo")
    assert system.is_superuser and not system.has_usable_password()


def test_some_datasets_have_a_history_with_replaced_files_and_edits() -> None:
    summary = demo_load()

    assert summary.replaced_files >= 3
    replaced = Version.objects.filter(kind=VersionKind.FILE_REPLACED)
    assert replaced.values("dataset").distinct().count() >= 3
    edited = Version.objects.filter(kind=VersionKind.UPDATED)
    assert edited.values("dataset").distinct().count() >= 5

    dataset = Dataset.objects.get(slug="ejecucion-presupuestaria-municipal")
    distribution = dataset.distributions.get(kind=DistributionKind.FILE)
    first, second = distribution.revisions.order_by("number")
    assert (first.filename, second.filename) == (
        "presupuesto-municipal-2022-2023-demo.csv",
        "presupuesto-municipal-2022-2024-demo.csv",
    )
    assert distribution.current_revision == second
    assert _read(second).startswith(_read(first))
    update = dataset.versions.get(kind=VersionKind.UPDATED)
    fields = {change["field"] for change in update.changes}
    assert {"description", "temporal_end"} <= fields
    assert str(dataset.temporal_end) == "2024-12-31"


def test_every_file_is_marked_as_demo_data() -> None:
    demo_load()

    revisions = DistributionRevision.objects.select_related("distribution")
    assert revisions.count() >= 45
    for revision in revisions:
        text = _read(revision)
        assert revision.filename.endswith(("-demo.csv", "-demo.json", "-demo.geojson"))
        assert revision.byte_size <= 200_000, revision.filename
        if revision.format == "CSV":
            dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;")
            rows = list(csv.DictReader(io.StringIO(text), dialect=dialect))
            assert rows and all(row["nota"] == NOTE for row in rows), revision.filename
        else:
            document = json.loads(text)
            assert document["aviso"] == NOTICE
            records = document.get("registros") or [
                f["properties"] for f in document["features"]
            ]
            assert all(record["nota"] == NOTE for record in records)


def test_running_twice_adds_nothing() -> None:
    out = io.StringIO()
    call_command("demo", stdout=out)
    before = _counts()
    created = _("Datasets created and published: %(n)d") % {"n": len(DATASETS)}
    assert created in out.getvalue()
    assert EDITOR_PASSWORD in out.getvalue()

    again = io.StringIO()
    call_command("demo", stdout=again)

    assert _counts() == before
    assert _("The demo catalog is already loaded: nothing to do.") in again.getvalue()
    assert EDITOR_PASSWORD in again.getvalue()


def test_an_interrupted_load_resumes_with_whole_datasets() -> None:
    class LoadInterruptedError(Exception):
        pass

    def stop_after_three(step: DemoProgress) -> None:
        if step.done == 3:
            raise LoadInterruptedError

    with pytest.raises(LoadInterruptedError):
        demo_load(progress=stop_after_three)

    assert Dataset.objects.filter(status=DatasetStatus.PUBLISHED).count() == 3
    summary = demo_load()
    assert summary.datasets == len(DATASETS) - 3
    assert Dataset.objects.filter(status=DatasetStatus.PUBLISHED).count() == len(
        DATASETS
    )


def test_refuses_a_portal_that_already_has_other_datasets() -> None:
    make_dataset("Conjunto de una institución real")

    with pytest.raises(DemoCatalogNotEmptyError) as error:
        demo_load()

    assert error.value.code == "demo_catalog_not_empty"
    assert not get_user_model().objects.filter(username="demo").exists()
    assert Dataset.objects.count() == 1
