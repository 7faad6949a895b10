"""Search reads: the only search module other apps call."""

from ceiba.search.backends import get_backend
from ceiba.search.query import FacetCount, SearchQuery, SearchResults


def dataset_search(*, query: SearchQuery) -> SearchResults:
    """Published datasets matching ``query``: one page of ids, the total and facet
    counts over all matches. Never fails on what a person types."""
    return get_backend().search(query)


__all__ = ["FacetCount", "SearchQuery", "SearchResults", "dataset_search"]
