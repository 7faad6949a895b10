"""PostgreSQL full text search, for scale.

Each entry carries a ``tsvector`` of its terms, labelled A (title), B (keywords),
C (publisher) and D (body), under a GIN index. The terms come from text.py, written
as tsvector and tsquery literals, so PostgreSQL's own parser and stemmer never see
the text: its Snowball version differs from ours (``poblaciones`` and ``población``
would not meet), and its parser reads ``escuelas_2023.csv`` as one host name.
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
from ceiba.search.backends.sql import Params
from ceiba.search.documents import SEARCH_FIELDS, SearchDocument

# PostgreSQL keeps positions up to 16383 and at most 256 of them per lexeme.
MAX_POSITION = 16383
MAX_POSITIONS = 256

_TYPES = {
    "dataset_id": "uuid",
    "title_sort": "text",
    "issued": "timestamptz",
    "modified": "timestamptz",
    "download_count": "bigint",
    "facet_ids": "bytea",
    "indexed_at": "timestamptz",
    "name": "text",
    "public": "boolean",
    "publisher_id": "bigint",
    "created_at": "timestamptz",
    "updated_at": "timestamptz",
    "vector": "tsvector",
}
_ENTRY_COLUMNS = ", ".join([*ENTRY_COLUMNS, "vector"])
# An array parameter per column: a batch is written by one INSERT … SELECT unnest().
_ENTRY_ARRAYS = ", ".join(f"%s::{_TYPES[c]}[]" for c in [*ENTRY_COLUMNS, "vector"])
_WEIGHTS = {f.pg_label: f.weight for f in SEARCH_FIELDS}
# ts_rank() takes the weights of labels D, C, B, A in that order.
_RANK_WEIGHTS = "'{" + ",".join(str(_WEIGHTS.get(label, 0)) for label in "DCBA") + "}'"


def lexeme(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(field_terms: dict[str, list[str]]) -> str:
    positions: dict[str, list[str]] = {}
    position = 0
    for search_field in SEARCH_FIELDS:
        for term in field_terms[search_field.name]:
            position = min(position + 1, MAX_POSITION)
            positions.setdefault(term, []).append(f"{position}{search_field.pg_label}")
    return " ".join(
        f"{lexeme(term)}:{','.join(places[:MAX_POSITIONS])}"
        for term, places in positions.items()
    )


def tsquery_literal(terms: list[str], match: str, labels: str = "") -> str:
    suffix = f":{labels}" if labels else ""
    operator = " | " if match == "any" else " & "
    return operator.join(lexeme(term) + suffix for term in terms)


class PostgresBackend(SearchBackend):
    binary_collation = '"C"'

    def _upsert_entries(
        self,
        cursor: CursorWrapper,
        documents: list[SearchDocument],
        rows: list[tuple[Any, ...]],
    ) -> dict[UUID, int]:
        vectors = [tsvector_literal(doc.field_terms()) for doc in documents]
        cursor.execute(
            f"INSERT INTO search_entry ({_ENTRY_COLUMNS})"
            f" SELECT * FROM unnest({_ENTRY_ARRAYS})"
            f" ON CONFLICT (dataset_id) DO UPDATE SET {ENTRY_UPDATES},"
            " vector = excluded.vector"
            " RETURNING dataset_id, number",
            [*map(list, zip(*rows, strict=True)), vectors],
        )
        return {self._uuid_value(i): number for i, number in cursor.fetchall()}

    def _insert_facets(
        self, cursor: CursorWrapper, rows: list[tuple[int, int]]
    ) -> None:
        if rows:
            cursor.execute(
                "INSERT INTO search_facet (entry_id, value_id)"
                " SELECT * FROM unnest(%s::bigint[], %s::bigint[])",
                list(map(list, zip(*rows, strict=True))),
            )

    def _delete_text(
        self, cursor: CursorWrapper, numbers_sql: str, params: Params
    ) -> None:
        """The text is a column of the entry: it goes with the entry."""

    def _text_match(self, terms: list[str], match: str) -> TextMatch | None:
        if not terms:
            return None
        labels = [f.pg_label for f in SEARCH_FIELDS]
        tiers = [
            tsquery_literal(terms, match, "".join(labels[: i + 1]))
            for i in range(len(labels) - 1)
        ]
        whens = " ".join(
            f"WHEN e.vector @@ %s::tsquery THEN {i}" for i in range(len(tiers))
        )
        query = tsquery_literal(terms, match)
        return TextMatch(
            source="search_entry e",
            condition="e.vector @@ %s::tsquery",
            condition_params=[query],
            tier=f"CASE {whens} ELSE {len(tiers)} END",
            tier_params=tiers,
            score=f"ts_rank({_RANK_WEIGHTS}::real[], e.vector, %s::tsquery)",
            score_params=[query],
        )

    def optimise(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute("ANALYZE search_entry, search_facet")
