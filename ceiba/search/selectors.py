"""Search reads: the only search module other apps call."""

import hashlib

from django.core.cache import cache

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
from ceiba.search.query import FacetCount, SearchQuery, SearchResults, Tally

RESULTS_SECONDS = 600


def dataset_search(*, query: SearchQuery) -> SearchResults:
    """Datasets matching ``query``: public ones, and the drafts the query names
    (``drafts_of``, ``all_drafts``). One page of ids, the total and facet counts
    over all matches. Never fails on what a person types.

    Results are kept in the cache under the index's version: the same search is
    answered again from there until the index is next written.
    """
    backend = get_backend()
    version = backend.version()
    key = f"ceiba:search:{version}:{_digest(query)}"
    results = cache.get(key)
    if results is None:
        tally_key = f"ceiba:search-tally:{version}:{_digest(query.matching())}"
        tally = cache.get(tally_key)
        results = backend.search(query, tally=tally)
        if tally is None:
            cache.set(tally_key, Tally(results.total, results.facets), RESULTS_SECONDS)
        cache.set(key, results, RESULTS_SECONDS)
    return results


def _digest(value: object) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()


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
