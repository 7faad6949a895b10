"""The search backend interface, and the SQL every engine shares.

An engine supplies two things: how it stores an entry's text (``_upsert_entries``,
``_delete_text``) and how it matches and ranks terms (``_text_match``). Entries,
facet values, filters, sorting, paging and facet counts are shared, so both engines
answer a query the same way.

Relevance is a tier first, then the engine's own score. The tier is the first search
field (documents.SEARCH_FIELDS) by which the query is satisfied, counting that field
and those before it: a dataset whose title has the words ranks above one that has
them in its keywords, whatever bm25() or ts_rank() say.

Facet counts come from each matching entry's packed facet value ids, tallied here:
one pass over the matches, where a SQL GROUP BY over facet rows costs ten times more.
"""

import sys
from abc import ABC, abstractmethod
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain, islice
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper
from django.utils import timezone

from ceiba.search import text
from ceiba.search.documents import FACETS, SearchDocument
from ceiba.search.models import SearchEntry
from ceiba.search.query import FACET_LIMIT, FacetCount, SearchQuery, SearchResults

Progress = Callable[[int], None]
Params = list[Any]
Clause = tuple[str, Params]
FacetPair = tuple[str, str]
T = TypeVar("T")

# The columns of search_entry that every engine writes, in _entry_row's order.
ENTRY_COLUMNS = (
    "dataset_id",
    "title_sort",
    "issued",
    "modified",
    "download_count",
    "facet_ids",
    "indexed_at",
)
# An upsert's SET clause: everything but the key and the entry's number.
ENTRY_UPDATES = ", ".join(f"{c} = excluded.{c}" for c in ENTRY_COLUMNS[1:])
# More words than this make a query slower, not better.
MAX_QUERY_TERMS = 32
# Keeps each IN (...) list well under every engine's limit on parameters.
CHUNK = 500


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


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def marks(count: int) -> str:
    return ", ".join(["%s"] * count)


def pack_ids(ids: Iterable[int]) -> bytes:
    """Facet value ids as unsigned 32-bit little-endian integers."""
    packed = array("I", sorted(ids))
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


def count_packed(blobs: Iterable[bytes]) -> Counter[int]:
    packed = array("I")
    packed.frombytes(b"".join(blobs))
    if sys.byteorder == "big":
        packed.byteswap()
    return Counter(packed)


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
            cursor.execute(
                "DELETE FROM search_facet_value"
                " WHERE id NOT IN (SELECT value_id FROM search_facet)"
            )
        self.optimise()
        return count

    def optimise(self) -> None:  # noqa: B027 (engines may have nothing to tidy)
        """Tidy the engine's structures after a bulk load."""

    # Reads

    def search(self, query: SearchQuery) -> SearchResults:
        match = self._text_match(query_terms(query), query.match)
        source = match.source if match else "search_entry e"
        with self.connection.cursor() as cursor:
            filter_ids = self._filter_ids(cursor, query)
            if filter_ids is None:  # a filter value no dataset has
                return _results(query, [], 0, {})
            where = self._where(match, filter_ids)
            total, counts = self._tally(cursor, source, where)
            page: list[UUID] = []
            if query.offset < total:
                page = self._page(cursor, query, match, source, where)
            facets = self._facets(cursor, counts)
        return _results(query, page, total, facets)

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
        with transaction.atomic(using=self.using), self.connection.cursor() as cursor:
            yield cursor

    def _write(
        self, documents: Iterable[SearchDocument], progress: Progress | None
    ) -> int:
        count = 0
        for batch in batches(documents, self.batch_size):
            unique = list({d.dataset_id: d for d in batch}.values())
            with self._atomic_cursor() as cursor:
                value_ids = self._value_ids(cursor, unique)
                indexed_at = timezone.now()
                rows = [self._entry_row(d, value_ids, indexed_at) for d in unique]
                numbers = self._upsert_entries(cursor, unique, rows)
                self._replace_facets(cursor, unique, numbers, value_ids)
            count += len(unique)
            if progress is not None:
                progress(len(batch))
        return count

    def _value_ids(
        self, cursor: CursorWrapper, documents: list[SearchDocument]
    ) -> dict[FacetPair, int]:
        """The ids of the documents' facet values, adding the values not seen yet."""
        pairs = list(
            dict.fromkeys(chain.from_iterable(d.facet_rows() for d in documents))
        )
        found = self._lookup_values(cursor, pairs)
        missing = [pair for pair in pairs if pair not in found]
        if missing:
            cursor.executemany(
                "INSERT INTO search_facet_value (field, value) VALUES (%s, %s)"
                " ON CONFLICT DO NOTHING",
                missing,
            )
            found.update(self._lookup_values(cursor, missing))
        return found

    def _lookup_values(
        self, cursor: CursorWrapper, pairs: list[FacetPair]
    ) -> dict[FacetPair, int]:
        found: dict[FacetPair, int] = {}
        for chunk in batches(pairs, CHUNK // 2):
            rows = ", ".join(["(%s, %s)"] * len(chunk))
            cursor.execute(
                "SELECT id, field, value FROM search_facet_value"  # noqa: S608 (placeholders)
                f" WHERE (field, value) IN (VALUES {rows})",
                list(chain.from_iterable(chunk)),
            )
            found.update(((name, value), i) for i, name, value in cursor.fetchall())
        return found

    def _replace_facets(
        self,
        cursor: CursorWrapper,
        documents: list[SearchDocument],
        numbers: dict[UUID, int],
        value_ids: dict[FacetPair, int],
    ) -> None:
        for chunk in batches(numbers.values(), CHUNK):
            cursor.execute(
                f"DELETE FROM search_facet WHERE entry_id IN ({marks(len(chunk))})",  # noqa: S608 (placeholders)
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
        numbers_sql = f"SELECT number FROM search_entry WHERE {condition}"  # noqa: S608 (our SQL)
        cursor.execute(
            f"DELETE FROM search_facet WHERE entry_id IN ({numbers_sql})",  # noqa: S608 (our SQL)
            params,
        )
        self._delete_text(cursor, numbers_sql, params)
        cursor.execute(f"DELETE FROM search_entry WHERE {condition}", params)  # noqa: S608 (our SQL)

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
            pack_ids(value_ids[pair] for pair in doc.facet_rows()),
            self._datetime_param(indexed_at),
        )

    def _uuid_param(self, value: UUID | str) -> Any:
        return SearchEntry._meta.pk.get_db_prep_value(value, self.connection)

    def _uuid_value(self, value: Any) -> UUID:
        return SearchEntry._meta.pk.to_python(value)

    def _datetime_param(self, value: datetime) -> Any:
        return self.connection.ops.adapt_datetimefield_value(value)

    # Shared reading

    def _filter_ids(
        self, cursor: CursorWrapper, query: SearchQuery
    ) -> list[int] | None:
        """The ids of the filter values, or None if one is in no dataset."""
        pairs = [
            (name, value) for name, values in query.filters.items() for value in values
        ]
        found = self._lookup_values(cursor, pairs) if pairs else {}
        if any(pair not in found for pair in pairs):
            return None
        return [found[pair] for pair in pairs]

    def _where(self, match: TextMatch | None, filter_ids: list[int]) -> Clause:
        conditions, params = [], []
        if match:
            conditions.append(match.condition)
            params.extend(match.condition_params)
        for value_id in filter_ids:
            conditions.append(
                "e.number IN (SELECT entry_id FROM search_facet WHERE value_id = %s)"
            )
            params.append(value_id)
        return " AND ".join(conditions), params

    def _tally(
        self, cursor: CursorWrapper, source: str, where: Clause
    ) -> tuple[int, Counter[int]]:
        """How many entries match, and how many of them have each facet value."""
        cursor.execute(
            f"SELECT e.facet_ids FROM {source} {_where_clause(where[0])}",  # noqa: S608 (our SQL)
            where[1],
        )
        blobs = [row[0] for row in cursor.fetchall()]
        return len(blobs), count_packed(blobs)

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
        self, query: SearchQuery, match: TextMatch | None, source: str, where: Clause
    ) -> Clause:
        """The matching entries with their sort keys. FTS5 ranks only in a plain
        scan, so the ranking happens here and the ordering outside."""
        columns = "e.dataset_id, e.issued, e.modified, e.title_sort, e.download_count"
        params: Params = []
        if query.sort == "relevance" and match:
            columns += f", {match.tier} AS tier, {match.score} AS score"
            params += [*match.tier_params, *match.score_params]
        sql = f"SELECT {columns} FROM {source} {_where_clause(where[0])}"  # noqa: S608 (our SQL)
        return sql, [*params, *where[1]]

    def _page(
        self,
        cursor: CursorWrapper,
        query: SearchQuery,
        match: TextMatch | None,
        source: str,
        where: Clause,
    ) -> list[UUID]:
        hits, params = self._hits(query, match, source, where)
        cursor.execute(
            f"SELECT dataset_id FROM ({hits}) hits"  # noqa: S608 (our SQL)
            f" ORDER BY {self._order(query, match)} LIMIT %s OFFSET %s",
            [*params, query.page_size, query.offset],
        )
        return [self._uuid_value(row[0]) for row in cursor.fetchall()]

    def _facets(
        self, cursor: CursorWrapper, counts: Counter[int]
    ) -> dict[str, list[FacetCount]]:
        """The counted values by facet: most frequent first, then by value."""
        grouped: dict[str, list[FacetCount]] = {}
        for chunk in batches(counts, CHUNK):
            cursor.execute(
                f"SELECT id, field, value FROM search_facet_value WHERE id IN ({marks(len(chunk))})",  # noqa: S608 (placeholders)
                chunk,
            )
            for value_id, name, value in cursor.fetchall():
                grouped.setdefault(name, []).append(FacetCount(value, counts[value_id]))
        return {
            name: sorted(values, key=lambda c: (-c.count, c.value))[:FACET_LIMIT]
            for name, values in grouped.items()
        }


def _where_clause(condition: str) -> str:
    return f"WHERE {condition}" if condition else ""


def _results(
    query: SearchQuery,
    page: list[UUID],
    total: int,
    facets: dict[str, list[FacetCount]],
) -> SearchResults:
    every_facet: dict[str, list[FacetCount]] = {name: [] for name in FACETS}
    return SearchResults(
        dataset_ids=page, total=total, facets={**every_facet, **facets}, query=query
    )
