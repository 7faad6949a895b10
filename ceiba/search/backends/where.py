"""Which entries a query may find, as SQL over search_entry ``e``: its facet filters,
its ``where`` condition and the drafts the caller may see.

The facet values a query names are looked up once. A value no dataset has makes its
part false, and parts known to be true or false fold away, so a filter nobody meets
answers without reading entries. Values required at the top level become joins (the
engine may start from the rarest value); every other part is a subquery or a
comparison on ``e``.
"""

# SQL here is built from our constants and %s placeholders; values are parameters.
# ruff: noqa: S608

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from uuid import UUID

from django.db.backends.utils import CursorWrapper

from ceiba.search.backends import facets
from ceiba.search.backends.facets import FacetPair
from ceiba.search.backends.sql import Clause, marks
from ceiba.search.conditions import (
    DATE_FIELDS,
    AllOf,
    AnyOf,
    Condition,
    FieldIs,
    HasValue,
    InRange,
    IsPublic,
    Not,
    facet_values,
)
from ceiba.search.query import SearchQuery

if TYPE_CHECKING:
    from ceiba.search.backends.base import SearchBackend

# A condition as SQL, or a constant when it is known without reading entries.
Folded = Clause | bool

WITH_VALUES = "e.number IN (SELECT entry_id FROM search_facet WHERE value_id IN ({}))"


@dataclass(frozen=True)
class Restriction:
    value_ids: list[int]  # the entry has each of these values (joins)
    conditions: list[Clause]  # and meets each of these


def restriction(
    cursor: CursorWrapper, backend: "SearchBackend", query: SearchQuery
) -> Restriction | None:
    """What the query asks of an entry besides its words; None if nothing can match."""
    required = [
        HasValue(name, value)
        for name, values in query.filters.items()
        for value in values
    ]
    where = _clean(AllOf((*required, query.where)))
    found = facets.lookup_values(cursor, facet_values(where))
    compiler = Compiler(backend, found)
    value_ids: list[int] = []
    conditions: list[Clause] = []
    for part in _conjuncts(where):
        if isinstance(part, HasValue) and (part.facet, part.value) in found:
            value_ids.append(found[part.facet, part.value])
            continue
        folded = compiler.compile(part)
        if folded is False:
            return None
        if folded is not True:
            conditions.append(folded)
    conditions += _visibility(query)
    return Restriction(list(dict.fromkeys(value_ids)), conditions)


def _conjuncts(condition: Condition) -> Iterator[Condition]:
    if isinstance(condition, AllOf):
        for part in condition.parts:
            yield from _conjuncts(part)
    else:
        yield condition


def _visibility(query: SearchQuery) -> list[Clause]:
    if query.all_drafts:
        return []
    if not query.drafts_of:
        return [("e.public = %s", [True])]
    drafts = f"e.publisher_id IN ({marks(len(query.drafts_of))})"
    return [(f"(e.public = %s OR {drafts})", [True, *query.drafts_of])]


def _clean(condition: Condition) -> Condition:
    """Without NUL characters, which databases refuse and no value has."""
    if isinstance(condition, HasValue | FieldIs):
        return _without_nul(condition)
    if isinstance(condition, Not):
        return Not(_clean(condition.part))
    if isinstance(condition, AllOf | AnyOf):
        return type(condition)(tuple(map(_clean, condition.parts)))
    return condition


def _without_nul(condition: HasValue | FieldIs) -> HasValue | FieldIs:
    if isinstance(condition, HasValue):
        return HasValue(condition.facet, condition.value.replace("\x00", ""))
    return FieldIs(condition.field, condition.value.replace("\x00", ""))


def _join(operator: str, clauses: list[Clause], *, empty: bool) -> Folded:
    if not clauses:
        return empty
    if len(clauses) == 1:
        return clauses[0]
    sql = f" {operator} ".join(sql for sql, _params in clauses)
    return f"({sql})", [param for _sql, params in clauses for param in params]


class Compiler:
    def __init__(self, backend: "SearchBackend", found: dict[FacetPair, int]) -> None:
        self.backend = backend
        self.found = found
        self.handlers: dict[type, Callable[[Any], Folded]] = {
            HasValue: self._has_value,
            FieldIs: self._field_is,
            IsPublic: lambda _condition: ("e.public = %s", [True]),
            InRange: self._in_range,
            Not: self._not,
            AllOf: self._all_of,
            AnyOf: self._any_of,
        }

    def compile(self, condition: Condition) -> Folded:
        return self.handlers[type(condition)](condition)

    def _has_value(self, condition: HasValue) -> Folded:
        value_id = self.found.get((condition.facet, condition.value))
        if value_id is None:
            return False
        return WITH_VALUES.format(marks(1)), [value_id]

    def _field_is(self, condition: FieldIs) -> Folded:
        if condition.field == "name":
            return "e.name = %s", [condition.value]
        if condition.field != "id":
            return False
        try:
            dataset_id = UUID(condition.value)
        except ValueError:
            return False
        return "e.dataset_id = %s", [self.backend._uuid_param(dataset_id)]

    def _in_range(self, condition: InRange) -> Folded:
        if condition.field not in DATE_FIELDS:
            return False
        column = f"e.{condition.field}"
        clauses: list[Clause] = []
        if condition.start is not None:
            operator = ">=" if condition.include_start else ">"
            start = self.backend._datetime_param(condition.start)
            clauses.append((f"{column} {operator} %s", [start]))
        if condition.end is not None:
            operator = "<=" if condition.include_end else "<"
            end = self.backend._datetime_param(condition.end)
            clauses.append((f"{column} {operator} %s", [end]))
        if not clauses:
            return f"{column} IS NOT NULL", []
        return _join("AND", clauses, empty=True)

    def _not(self, condition: Not) -> Folded:
        inner = self.compile(condition.part)
        if isinstance(inner, bool):
            return not inner
        return f"NOT ({inner[0]})", inner[1]

    def _all_of(self, condition: AllOf) -> Folded:
        parts = [self.compile(part) for part in condition.parts]
        if any(part is False for part in parts):
            return False
        return _join("AND", [p for p in parts if not isinstance(p, bool)], empty=True)

    def _any_of(self, condition: AnyOf) -> Folded:
        """Values of facets become one IN list: ``tags:(a OR b OR c)``."""
        value_ids = [
            self.found[part.facet, part.value]
            for part in condition.parts
            if isinstance(part, HasValue) and (part.facet, part.value) in self.found
        ]
        others = [
            self.compile(part)
            for part in condition.parts
            if not isinstance(part, HasValue)
        ]
        if any(part is True for part in others):
            return True
        clauses = [p for p in others if not isinstance(p, bool)]
        if value_ids:
            clauses.insert(0, (WITH_VALUES.format(marks(len(value_ids))), value_ids))
        return _join("OR", clauses, empty=False)
