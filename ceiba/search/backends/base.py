"""The search backend interface, and the SQL every engine shares.

An engine supplies two things: how it stores an entry's text (``_upsert_entries``,
``_delete_text``) and how it matches and ranks terms (``_text_match``). Entries,
facet values, filters, sorting, paging and facet counts are shared, so both engines
answer a query the same way.

Relevance is a tier first, then the engine's own score. The tier is the first search
field (documents.SEARCH_FIELDS) by which the query is satisfied, counting that field
and those before it: a dataset whose title has the words ranks above one that has
them in its keywords, whatever bm25() or ts_rank() say.

Facet values and their counting are in ``facets.py``.
"""

# SQL here is built from our constants and %s placeholders; values are always
# parameters, and user text arrives only as normalised, quoted terms.
# ruff: noqa: S608

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar
from uuid import UUID

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper
from django.utils import timezone

from ceiba.search import text
from ceiba.search.backends import facets, where
from ceiba.search.backends.facets import FacetPair
from ceiba.search.backends.sql import (
    CHUNK,
    Clause,
    Params,
    batches,
    marks,
)
from ceiba.search.documents import FACETS, SearchDocument
from ceiba.search.models import SearchEntry
from ceiba.search.query import FacetCount, SearchQuery, SearchResults, Tally

Progress = Callable[[int], None]

# The columns of search_entry that every engine writes, in _entry_row's order.
ENTRY_COLUMNS = (
    "dataset_id",
    "title_sort",
    "issued",
    "modified",
    "download_count",
    "facet_ids",
    "indexed_at",
    "name",
    "public",
    "publisher_id",
    "created_at",
    "updated_at",
)
# An upsert's SET clause: everything but the key and the entry's number.
ENTRY_UPDATES = ", ".join(f"{c} = excluded.{c}" for c in ENTRY_COLUMNS[1:])
# More words than this make a query slower, not better.
MAX_QUERY_TERMS = 32


@dataclass(frozen=True)
class BackendFeatures:
    facets: bool = True
    stemming: bool = True
    accent_folding: bool = True
    highlighting: bool = False
    prefix_matching: bool = False


@dataclass(frozen=True)
class TextMatch:
    """An engine's SQL for the terms of a query; ``source`` names search_entry ``e``."""

    source: str
    condition: str
    tier: str
    score: str
    condition_params: Params = field(default_factory=list)
    tier_params: Params = field(default_factory=list)
    score_params: Params = field(default_factory=list)


def query_terms(query: SearchQuery) -> list[str]:
    return list(dict.fromkeys(text.terms(query.text)))[:MAX_QUERY_TERMS]


class SearchBackend(ABC):
    features: ClassVar[BackendFeatures] = BackendFeatures()
    # Orders text by bytes, the same on every engine (the name sort).
    binary_collation: ClassVar[str]
    batch_size: ClassVar[int] = 1000

    def __init__(self, using: str = DEFAULT_DB_ALIAS) -> None:
        self.using = using

    @property
    def connection(self) -> BaseDatabaseWrapper:
        return connections[self.using]

    # Writes

    def index(self, documents: Iterable[SearchDocument]) -> int:
        """Add or replace documents, a batch per transaction. Returns how many."""
        return self._write(documents, progress=None)

    def delete(self, dataset_ids: Iterable[UUID]) -> None:
        ids = [self._uuid_param(i) for i in dataset_ids]
        with self._atomic_cursor() as cursor:
            for chunk in batches(ids, CHUNK):
                self._delete_where(
                    cursor, f"dataset_id IN ({marks(len(chunk))})", chunk
                )

    def rebuild(
        self, documents: Iterable[SearchDocument], progress: Progress | None = None
    ) -> int:
        """Index ``documents`` and drop every other entry.

        Batches commit as they go, so searches keep working during a rebuild; entries
        indexed before it started and not rewritten by it are removed at the end.
        """
        started = self._datetime_param(timezone.now())
        count = self._write(documents, progress=progress)
        with self._atomic_cursor() as cursor:
            self._delete_where(cursor, "indexed_at < %s", [started])
        self.optimise()
        return count

    def optimise(self) -> None:  # noqa: B027 (engines may have nothing to tidy)
        """Tidy the engine's structures after a bulk load."""

    # Reads

    def search(self, query: SearchQuery, tally: Tally | None = None) -> SearchResults:
        """A page of ``query``'s matches, with their total and facet counts; these
        are taken from ``tally`` when the caller knows them (another page of the
        same search)."""
        match = self._text_match(query_terms(query), query.match)
        with self.connection.cursor() as cursor:
            found = where.restriction(cursor, self, query)
            if found is None:  # e.g. a filter value no dataset has
                return _results(query, [], Tally(0, {}))
            matches = self._matches(match, found)
            if tally is None:
                tally = self._tally(cursor, matches, query.facets)
            page: list[UUID] = []
            if query.offset < tally.total:
                page = self._page(cursor, query, match, matches)
        return _results(query, page, tally)

    # Engine hooks

    @abstractmethod
    def _upsert_entries(
        self,
        cursor: CursorWrapper,
        documents: list[SearchDocument],
        rows: list[tuple[Any, ...]],
    ) -> dict[UUID, int]:
        """Write the entries (``rows`` from ``_entry_row``) and their text; return
        each dataset's entry number."""

    @abstractmethod
    def _delete_text(
        self, cursor: CursorWrapper, numbers_sql: str, params: Params
    ) -> None:
        """Remove the text of the entries that ``numbers_sql`` selects."""

    @abstractmethod
    def _text_match(self, terms: list[str], match: str) -> TextMatch | None:
        """The SQL matching ``terms`` (all, or any), or None for no terms."""

    def _insert_facets(
        self, cursor: CursorWrapper, rows: list[tuple[int, int]]
    ) -> None:
        cursor.executemany(
            "INSERT INTO search_facet (entry_id, value_id) VALUES (%s, %s)", rows
        )

    # Shared writing

    @contextmanager
    def _atomic_cursor(self) -> Iterator[CursorWrapper]:
        """A transaction that writes the index, and counts as a new version of it."""
        with transaction.atomic(using=self.using), self.connection.cursor() as cursor:
            yield cursor
            cursor.execute(
                "INSERT INTO search_index_version (id, number) VALUES (1, 1)"
                " ON CONFLICT (id) DO UPDATE"
                " SET number = search_index_version.number + 1"
            )

    def version(self) -> int:
        """How many times the index has been written (see SearchIndexVersion)."""
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT number FROM search_index_version WHERE id = 1")
            row = cursor.fetchone()
        return row[0] if row else 0

    def _write(
        self, documents: Iterable[SearchDocument], progress: Progress | None
    ) -> int:
        count = 0
        for batch in batches(documents, self.batch_size):
            unique = list({d.dataset_id: d for d in batch}.values())
            with self._atomic_cursor() as cursor:
                value_ids = facets.value_ids(cursor, unique)
                indexed_at = timezone.now()
                rows = [self._entry_row(d, value_ids, indexed_at) for d in unique]
                numbers = self._upsert_entries(cursor, unique, rows)
                self._replace_facets(cursor, unique, numbers, value_ids)
            count += len(unique)
            if progress is not None:
                progress(len(batch))
        return count

    def _replace_facets(
        self,
        cursor: CursorWrapper,
        documents: list[SearchDocument],
        numbers: dict[UUID, int],
        value_ids: dict[FacetPair, int],
    ) -> None:
        for chunk in batches(numbers.values(), CHUNK):
            cursor.execute(
                f"DELETE FROM search_facet WHERE entry_id IN ({marks(len(chunk))})",
                chunk,
            )
        rows = [
            (numbers[doc.dataset_id], value_ids[pair])
            for doc in documents
            for pair in doc.facet_rows()
        ]
        self._insert_facets(cursor, rows)

    def _delete_where(
        self, cursor: CursorWrapper, condition: str, params: Params
    ) -> None:
        numbers_sql = f"SELECT number FROM search_entry WHERE {condition}"
        cursor.execute(
            f"DELETE FROM search_facet WHERE entry_id IN ({numbers_sql})",
            params,
        )
        self._delete_text(cursor, numbers_sql, params)
        cursor.execute(f"DELETE FROM search_entry WHERE {condition}", params)

    def _entry_row(
        self,
        doc: SearchDocument,
        value_ids: dict[FacetPair, int],
        indexed_at: datetime,
    ) -> tuple[Any, ...]:
        """The values of ENTRY_COLUMNS."""
        return (
            self._uuid_param(doc.dataset_id),
            doc.title_sort,
            self._datetime_param(doc.issued),
            self._datetime_param(doc.modified),
            doc.download_count,
            facets.pack_ids(value_ids[pair] for pair in doc.facet_rows()),
            self._datetime_param(indexed_at),
            doc.slug,
            doc.public,
            doc.publisher_id,
            self._datetime_param(doc.created_at or doc.issued),
            self._datetime_param(doc.updated_at or doc.modified),
        )

    def _uuid_param(self, value: UUID | str) -> Any:
        return SearchEntry._meta.pk.get_db_prep_value(value, self.connection)

    def _uuid_value(self, value: Any) -> UUID:
        return SearchEntry._meta.pk.to_python(value)

    def _datetime_param(self, value: datetime) -> Any:
        return self.connection.ops.adapt_datetimefield_value(value)

    # Shared reading

    def _matches(
        self, match: TextMatch | None, restriction: where.Restriction
    ) -> Clause:
        """FROM and WHERE of the matching entries, ``e``. Required facet values are
        joins, so the engine may start from the words or from the rarest value."""
        value_ids = restriction.value_ids
        joins = "".join(
            f" JOIN search_facet f{n}"
            f" ON f{n}.entry_id = e.number AND f{n}.value_id = %s"
            for n in range(len(value_ids))
        )
        conditions = list(restriction.conditions)
        if match is not None:
            conditions.insert(0, (match.condition, match.condition_params))
        sql = f"FROM {match.source if match else 'search_entry e'}{joins}"
        if conditions:
            sql += " WHERE " + " AND ".join(text for text, _params in conditions)
        params = [param for _sql, params in conditions for param in params]
        return sql, [*value_ids, *params]

    def _tally(
        self, cursor: CursorWrapper, matches: Clause, with_facets: bool
    ) -> Tally:
        """How many entries match and, if asked, how many of them have each facet
        value (read from their packed ids: far cheaper than a GROUP BY)."""
        if not with_facets:
            cursor.execute(f"SELECT count(*) {matches[0]}", matches[1])
            return Tally(cursor.fetchone()[0], {})
        cursor.execute(f"SELECT e.facet_ids {matches[0]}", matches[1])
        blobs = [row[0] for row in cursor.fetchall()]
        counted = facets.facet_counts(cursor, facets.count_packed(blobs))
        return Tally(len(blobs), counted)

    def _order(self, query: SearchQuery, match: TextMatch | None) -> str:
        """ORDER BY over the columns of ``_hits``; ties go to the newest, then id."""
        if query.sort == "relevance" and match:
            return "tier, score DESC, issued DESC, dataset_id"
        orders = {
            "updated": "modified DESC, dataset_id",
            "name": f"title_sort COLLATE {self.binary_collation}, dataset_id",
            "downloads": "download_count DESC, issued DESC, dataset_id",
        }
        return orders.get(query.sort, "issued DESC, dataset_id")

    def _hits(
        self, query: SearchQuery, match: TextMatch | None, matches: Clause
    ) -> Clause:
        """The matching entries with their sort keys. FTS5 ranks only in a plain
        scan, so the ranking happens here and the ordering outside."""
        columns = "e.dataset_id, e.issued, e.modified, e.title_sort, e.download_count"
        params: Params = []
        if query.sort == "relevance" and match:
            columns += f", {match.tier} AS tier, {match.score} AS score"
            params += [*match.tier_params, *match.score_params]
        return f"SELECT {columns} {matches[0]}", [*params, *matches[1]]

    def _page(
        self,
        cursor: CursorWrapper,
        query: SearchQuery,
        match: TextMatch | None,
        matches: Clause,
    ) -> list[UUID]:
        hits, params = self._hits(query, match, matches)
        cursor.execute(
            f"SELECT dataset_id FROM ({hits}) hits"
            f" ORDER BY {self._order(query, match)} LIMIT %s OFFSET %s",
            [*params, query.page_size, query.offset],
        )
        return [self._uuid_value(row[0]) for row in cursor.fetchall()]


def _results(query: SearchQuery, page: list[UUID], tally: Tally) -> SearchResults:
    every_facet: dict[str, list[FacetCount]] = {name: [] for name in FACETS}
    return SearchResults(
        dataset_ids=page,
        total=tally.total,
        facets={**every_facet, **tally.facets},
        query=query,
    )
