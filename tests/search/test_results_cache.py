"""Search results are kept under the index's version: the same search is answered
from the cache, and any write to the index makes it search again."""

import pytest

from ceiba.catalog import services
from ceiba.search.backends import get_backend
from ceiba.search.selectors import SearchQuery, dataset_search
from tests.factories import make_dataset, portal_admin

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_repeated_search_reads_only_the_index_version(
    committed, django_assert_num_queries
):
    with committed():
        escuelas = make_dataset("Escuelas públicas", keywords=["escuelas"])
    query = SearchQuery(text="escuelas")
    first = dataset_search(query=query)
    with django_assert_num_queries(1):
        again = dataset_search(query=query)
    assert again.dataset_ids == first.dataset_ids == [escuelas.pk]
    assert again.facets == first.facets


def test_every_write_to_the_index_is_seen_by_the_next_search(committed):
    with committed():
        escuelas = make_dataset("Escuelas públicas", keywords=["escuelas"])
    query = SearchQuery(text="escuelas", facets=False)
    before = get_backend().version()
    assert dataset_search(query=query).dataset_ids == [escuelas.pk]
    with committed():
        rurales = make_dataset("Escuelas rurales", keywords=["escuelas"])
    assert get_backend().version() > before
    assert set(dataset_search(query=query).dataset_ids) == {escuelas.pk, rurales.pk}
    with committed():
        services.dataset_delete(actor=portal_admin(), dataset=rurales)
    assert dataset_search(query=query).dataset_ids == [escuelas.pk]


def test_totals_without_facet_counts(committed):
    with committed():
        make_dataset("Escuelas públicas", keywords=["escuelas"], themes=["educacion"])
        make_dataset("Escuelas rurales", keywords=["escuelas"], themes=["educacion"])
    counted = dataset_search(query=SearchQuery(text="escuelas"))
    plain = dataset_search(query=SearchQuery(text="escuelas", facets=False))
    assert plain.total == counted.total == 2
    assert plain.dataset_ids == counted.dataset_ids
    assert counted.facets["theme"][0].count == 2
    assert all(values == [] for values in plain.facets.values())


def test_other_pages_and_orders_of_a_search_reuse_its_counts(committed):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with committed():
        made = [
            make_dataset(f"Escuelas {place}", keywords=["escuelas"])
            for place in ("públicas", "rurales", "urbanas")
        ]
    first = dataset_search(query=SearchQuery(text="escuelas", page_size=1))
    with CaptureQueriesContext(connection) as queries:
        others = [
            dataset_search(query=SearchQuery(text="escuelas", page_size=1, page=n))
            for n in (2, 3)
        ]
        by_name = dataset_search(query=SearchQuery(text="escuelas", sort="name"))
    assert not [q for q in queries.captured_queries if "facet_ids" in q["sql"]]
    assert [r.total for r in (first, *others, by_name)] == [3, 3, 3, 3]
    assert by_name.facets == first.facets
    pages = [*first.dataset_ids, *others[0].dataset_ids, *others[1].dataset_ids]
    assert sorted(pages) == sorted(d.pk for d in made)
    assert by_name.dataset_ids == [d.pk for d in made]
