"""The index follows the catalog: datasets built through the catalog's services."""

import pytest
from django.core.management import call_command

from ceiba.catalog import services
from ceiba.search.backends import get_backend
from ceiba.search.query import FacetCount
from ceiba.search.selectors import FieldIs, InRange, SearchQuery, dataset_search
from tests.factories import make_dataset, make_file, make_institution, portal_admin

pytestmark = pytest.mark.django_db


def found(text: str = "", **options: object) -> list:
    return dataset_search(query=SearchQuery(text=text, **options)).dataset_ids


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the catalog does after commit (its events, hence indexing)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def escuelas(committed):
    with committed():
        return make_dataset(
            "Establecimientos educativos",
            description="Escuelas públicas y privadas del país.",
            keywords=["escuelas", "matrícula"],
            themes=["educacion"],
            places=["0101"],
            frequency="ANNUAL",
            files={"establecimientos_2024.csv": b"codigo,nombre\n1,Escuela\n"},
        )


def test_publishing_makes_a_dataset_findable_with_its_facets(escuelas):
    assert found("educativo") == [escuelas.pk]
    assert found("ministerio de educacion") == [escuelas.pk]
    assert found("establecimientos_2024") == [escuelas.pk]
    facets = dataset_search(query=SearchQuery()).facets
    assert facets["place"] == [
        FacetCount("01", 1),
        FacetCount("0101", 1),
        FacetCount("GT", 1),
    ]
    assert facets["theme"] == [FacetCount("educacion", 1)]
    assert facets["institution"] == [FacetCount("mineduc", 1)]
    assert facets["format"] == [FacetCount("CSV", 1)]
    assert facets["licence"] == [FacetCount("CC-BY-4.0", 1)]
    assert facets["frequency"] == [FacetCount("ANNUAL", 1)]
    assert facets["keyword"] == [FacetCount("escuelas", 1), FacetCount("matrícula", 1)]


def test_drafts_are_found_only_by_those_asking_for_their_institution(committed):
    with committed():
        draft = make_dataset("Borrador de escuelas", publish=False)
    assert found("borrador") == []
    assert found("borrador", drafts_of=(draft.publisher_id + 1,)) == []
    assert found("borrador", drafts_of=(draft.publisher_id,)) == [draft.pk]
    assert found("borrador", all_drafts=True) == [draft.pk]


def test_record_dates_and_name_are_indexed(escuelas):
    assert found(where=FieldIs("name", escuelas.slug)) == [escuelas.pk]
    at = InRange("updated_at", start=escuelas.updated_at, end=escuelas.updated_at)
    assert found(where=at) == [escuelas.pk]
    before = InRange("created_at", end=escuelas.created_at, include_end=False)
    assert found(where=before) == []


def test_unpublishing_makes_a_draft_deleting_removes_restoring_returns(
    escuelas, committed
):
    admin = portal_admin()
    with committed():
        services.dataset_unpublish(actor=admin, dataset=escuelas)
    assert found("escuelas") == []
    assert found("escuelas", all_drafts=True) == [escuelas.pk]
    with committed():
        services.dataset_publish(actor=admin, dataset=escuelas)
    assert found("escuelas") == [escuelas.pk]
    with committed():
        services.dataset_delete(actor=admin, dataset=escuelas)
    assert found("escuelas", all_drafts=True) == []
    with committed():
        services.dataset_restore(actor=admin, dataset=escuelas)
    assert found("escuelas") == [escuelas.pk]


def test_adding_and_removing_files_reindex(escuelas, committed):
    with committed():
        added = make_file(escuelas, "docentes_por_sector.csv", title="Docentes")
    assert found("docentes") == [escuelas.pk]
    with committed():
        services.distribution_remove(actor=portal_admin(), distribution=added)
    assert found("docentes") == []


def test_renaming_an_institution_reindexes_its_datasets(escuelas, committed):
    with committed():
        services.institution_update(
            actor=portal_admin(),
            institution=make_institution(),
            name="Ministerio de Ambiente",
            acronym="MARN",
        )
    assert found("ambiente") == [escuelas.pk]
    assert found("marn") == [escuelas.pk]
    assert found("mineduc") == []


def test_rebuild_restores_an_emptied_index(escuelas, committed):
    with committed():
        draft = make_dataset("Borrador", publish=False)
    get_backend().delete([escuelas.pk, draft.pk])
    assert found(all_drafts=True) == []
    call_command("search_rebuild", verbosity=0)
    assert found("escuelas") == [escuelas.pk]
    assert found("borrador", all_drafts=True) == [draft.pk]
