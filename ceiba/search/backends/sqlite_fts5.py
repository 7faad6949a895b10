"""SQLite FTS5, the embedded default.

``search_fts`` holds each entry's terms (already normalised by text.py) in one
column per search field, with the entry's number as rowid. User text reaches MATCH
only as normalised terms, each quoted as an FTS5 string.
"""

# SQL here is built from our constants and %s placeholders; values are always
# parameters, and user text arrives only as normalised, quoted terms.
# ruff: noqa: S608

from typing import Any
from uuid import UUID

from django.db.backends.utils import CursorWrapper

from ceiba.search.backends.base import (
    ENTRY_COLUMNS,
    ENTRY_UPDATES,
    SearchBackend,
    TextMatch,
)
from ceiba.search.backends.sql import CHUNK, Params, batches, marks
from ceiba.search.documents import SEARCH_FIELDS, SearchDocument

_BM25_WEIGHTS = ", ".join(str(f.weight) for f in SEARCH_FIELDS)
_FTS_COLUMNS = ", ".join(f.name for f in SEARCH_FIELDS)
_FTS_MARKS = marks(len(SEARCH_FIELDS) + 1)
_ENTRY_COLUMNS = ", ".join([*ENTRY_COLUMNS, "number"])
_ENTRY_MARKS = marks(len(ENTRY_COLUMNS) + 1)


def fts_string(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts_query(terms: list[str], match: str, columns: tuple[str, ...] = ()) -> str:
    """An FTS5 query of quoted terms, optionally limited to ``columns``."""
    expression = (" OR " if match == "any" else " AND ").join(map(fts_string, terms))
    if not columns:
        return expression
    return "{" + " ".join(columns) + "} : (" + expression + ")"


class SQLiteFTS5Backend(SearchBackend):
    binary_collation = "BINARY"

    def _upsert_entries(
        self,
        cursor: CursorWrapper,
        documents: list[SearchDocument],
        rows: list[tuple[Any, ...]],
    ) -> dict[UUID, int]:
        existing = self._existing_numbers(cursor, documents)
        numbers = self._assign_numbers(cursor, documents, existing)
        # New numbers too: rows left behind when search_entry was emptied outside the
        # backend (a test flush, a restore) must not collide with the new ones.
        for chunk in batches(numbers.values(), CHUNK):
            cursor.execute(
                f"DELETE FROM search_fts WHERE rowid IN ({marks(len(chunk))})",
                chunk,
            )
        cursor.executemany(
            f"INSERT INTO search_fts (rowid, {_FTS_COLUMNS}) VALUES ({_FTS_MARKS})",
            [(numbers[doc.dataset_id], *_columns(doc)) for doc in documents],
        )
        cursor.executemany(
            f"INSERT INTO search_entry ({_ENTRY_COLUMNS}) VALUES ({_ENTRY_MARKS})"
            f" ON CONFLICT (dataset_id) DO UPDATE SET {ENTRY_UPDATES}",
            [
                (*row, numbers[doc.dataset_id])
                for doc, row in zip(documents, rows, strict=True)
            ],
        )
        return numbers

    def _existing_numbers(
        self, cursor: CursorWrapper, documents: list[SearchDocument]
    ) -> dict[UUID, int]:
        found: dict[UUID, int] = {}
        for chunk in batches([d.dataset_id for d in documents], CHUNK):
            cursor.execute(
                "SELECT dataset_id, number FROM search_entry"
                f" WHERE dataset_id IN ({marks(len(chunk))})",
                [self._uuid_param(i) for i in chunk],
            )
            found.update((self._uuid_value(i), n) for i, n in cursor.fetchall())
        return found

    def _assign_numbers(
        self,
        cursor: CursorWrapper,
        documents: list[SearchDocument],
        existing: dict[UUID, int],
    ) -> dict[UUID, int]:
        # SQLite writers take turns (transactions begin IMMEDIATE), so MAX + 1 is safe.
        cursor.execute("SELECT COALESCE(MAX(number), 0) FROM search_entry")
        last = cursor.fetchone()[0]
        numbers = {}
        for doc in documents:
            if doc.dataset_id not in existing:
                last += 1
            numbers[doc.dataset_id] = existing.get(doc.dataset_id, last)
        return numbers

    def _delete_text(
        self, cursor: CursorWrapper, numbers_sql: str, params: Params
    ) -> None:
        cursor.execute(f"DELETE FROM search_fts WHERE rowid IN ({numbers_sql})", params)

    def _text_match(self, terms: list[str], match: str) -> TextMatch | None:
        if not terms:
            return None
        names = [f.name for f in SEARCH_FIELDS]
        tiers = [
            fts_query(terms, match, tuple(names[: i + 1]))
            for i in range(len(names) - 1)
        ]
        return TextMatch(
            source="search_fts JOIN search_entry e ON e.number = search_fts.rowid",
            condition="search_fts MATCH %s",
            condition_params=[fts_query(terms, match)],
            tier=_tier_sql(len(tiers)),
            tier_params=tiers,
            # bm25() is lower for better matches.
            score=f"-bm25(search_fts, {_BM25_WEIGHTS})",
        )

    def optimise(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
            cursor.execute("PRAGMA optimize")


def _columns(doc: SearchDocument) -> list[str]:
    return [" ".join(terms) for terms in doc.field_terms().values()]


def _tier_sql(count: int) -> str:
    whens = " ".join(
        f"WHEN search_fts.rowid IN (SELECT t.rowid FROM search_fts t"
        f" WHERE t.search_fts MATCH %s) THEN {tier}"
        for tier in range(count)
    )
    return f"CASE {whens} ELSE {count} END"
