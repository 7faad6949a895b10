"""Search reads: the only search module other apps call."""

from ceiba.search.backends import get_backend
from ceiba.search.conditions import (
    ALWAYS,
    NEVER,
    AllOf,
    AnyOf,
    Condition,
    FieldIs,
    HasValue,
    InRange,
    IsPublic,
    Not,
)
from ceiba.search.query import FacetCount, SearchQuery, SearchResults


def dataset_search(*, query: SearchQuery) -> SearchResults:
    """Datasets matching ``query``: public ones, and the drafts the query names
    (``drafts_of``, ``all_drafts``). One page of ids, the total and facet counts
    over all matches. Never fails on what a person types."""
    return get_backend().search(query)


__all__ = [
    "ALWAYS",
    "NEVER",
    "AllOf",
    "AnyOf",
    "Condition",
    "FacetCount",
    "FieldIs",
    "HasValue",
    "InRange",
    "IsPublic",
    "Not",
    "SearchQuery",
    "SearchResults",
    "dataset_search",
]
