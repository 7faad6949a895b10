"""A query corrects what it cannot use instead of failing."""

from ceiba.search.query import MAX_PAGE, MAX_TEXT_LENGTH, SearchQuery, SearchResults


def test_defaults():
    query = SearchQuery()
    assert (query.text, query.filters, query.sort, query.page, query.page_size) == (
        "",
        {},
        "relevance",
        1,
        20,
    )
    assert query.match == "all"


def test_corrects_what_it_cannot_use():
    query = SearchQuery(
        text="x" * 20_000, sort="price", page="abc", page_size=10_000, match="some"
    )
    assert len(query.text) == MAX_TEXT_LENGTH
    assert (query.sort, query.page, query.page_size, query.match) == (
        "relevance",
        1,
        100,
        "all",
    )
    assert SearchQuery(page=-3).page == 1
    assert SearchQuery(page=10**30).page == MAX_PAGE
    assert SearchQuery(page=float("nan")).page == 1


def test_filters_keep_known_facets_and_unique_values():
    query = SearchQuery(
        filters={"theme": "salud", "place": ["01", "01", "", None], "colour": ["red"]}
    )
    assert query.filters == {"theme": ("salud",), "place": ("01",)}
    assert SearchQuery(filters=["theme"]).filters == {}


def test_paging_figures():
    results = SearchResults(
        dataset_ids=[], total=41, facets={}, query=SearchQuery(page=2)
    )
    assert (results.num_pages, results.has_next, results.has_previous) == (
        3,
        True,
        True,
    )
    empty = SearchResults(dataset_ids=[], total=0, facets={}, query=SearchQuery())
    assert (empty.num_pages, empty.has_next, empty.has_previous) == (1, False, False)
