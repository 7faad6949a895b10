"""Scores, stars, freshness and validity, computed through the services."""

import datetime as dt

import pytest
from django.utils import timezone

from ceiba.catalog import services
from ceiba.catalog.models import Dataset
from ceiba.quality.indicators.registry import MAX_POINTS
from ceiba.quality.models import DatasetQuality, Rating
from ceiba.quality.services import dataset_quality_recompute
from tests.factories import make_dataset, make_file, portal_admin

pytestmark = pytest.mark.django_db

COMPLETE = {
    "description": "Escuelas del país.",
    "keywords": ["escuelas"],
    "themes": ["educacion"],
    "places": ["0101"],
    "temporal_start": dt.date(2020, 1, 1),
    "temporal_end": dt.date(2020, 12, 31),
    "contact_email": "datos@mineduc.gob.gt",
    "frequency": "ANNUAL",
}


def _quality(dataset: Dataset) -> DatasetQuality:
    return DatasetQuality.objects.get(dataset=dataset)


def test_a_complete_dataset_with_a_csv_scores_every_point():
    dataset = make_dataset(files={"escuelas.csv": b"a,b\n1,2\n"}, **COMPLETE)
    quality = _quality(dataset)  # scored by the dataset_changed handler
    assert quality.score == MAX_POINTS == 405
    assert quality.rating == Rating.EXCELLENT
    assert quality.failed == []
    assert quality.stars == 3
    assert quality.open_format and quality.open_licence
    assert quality.is_public


def test_a_bare_dataset_lists_what_to_fix_most_points_first():
    dataset = make_dataset("Sin nada", files={"informe.pdf": b"%PDF-1.4 x"})
    quality = _quality(dataset)
    codes = [item["code"] for item in quality.failed]
    assert codes[:2] == ["keywords", "themes"]
    assert {"spatial", "temporal", "contact_point", "non_proprietary"} <= set(codes)
    assert "machine_readable" in codes and "publisher" not in codes
    assert quality.stars == 1  # open licence, on the web, but a PDF
    assert quality.score == MAX_POINTS - sum(item["lost"] for item in quality.failed)
    assert quality.rating in {Rating.GOOD, Rating.SUFFICIENT}


def test_closed_licence_gets_no_star():
    dataset = make_dataset(
        "Cerrado", licence="CC-BY-NC-4.0", files={"datos.csv": b"a\n1\n"}
    )
    assert _quality(dataset).stars == 0
    assert not _quality(dataset).open_licence


def test_rdf_with_a_declared_vocabulary_gets_five_stars():
    dataset = make_dataset(
        "Enlazado",
        conforms_to="https://www.w3.org/TR/vocab-dcat-3/",
        files={"datos.ttl": b"@prefix ex: <http://example.org/> .\n"},
    )
    assert _quality(dataset).stars == 5


def test_freshness_counts_file_changes_not_description_edits():
    dataset = make_dataset(files={"escuelas.csv": b"a\n1\n"}, **COMPLETE)
    long_ago = timezone.now() - dt.timedelta(days=500)
    Dataset.objects.filter(pk=dataset.pk).update(data_updated_at=long_ago)
    dataset_quality_recompute(dataset_ids=[dataset.pk])
    quality = _quality(dataset)
    assert quality.due_at == long_ago + dt.timedelta(days=365 * 1.2)
    assert quality.due_at < timezone.now()  # out of date

    dataset.refresh_from_db()
    data = services.DatasetInput(
        title=dataset.title, licence="CC-BY-4.0", **{**COMPLETE, "description": "Otra"}
    )
    with_hooks(
        services.dataset_update,
        actor=portal_admin(),
        dataset=dataset,
        data=data,
        expected_lock_version=dataset.lock_version,
    )
    assert _quality(dataset).due_at < timezone.now()  # still out of date

    make_file(dataset, "escuelas-2025.csv", b"a\n2\n")
    assert _quality(dataset).due_at > timezone.now()  # a new file is an update


def test_datasets_without_a_regular_frequency_are_never_late():
    dataset = make_dataset(frequency="IRREG", files={"a.csv": b"a\n1\n"})
    assert _quality(dataset).due_at is None


def with_hooks(function, **kwargs):
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        return function(**kwargs)
