"""Conditions on datasets besides the words, such as the CKAN API's ``fq``.

A condition is a small tree: facet values, a dataset's name or id, whether it is
public and its record dates, combined with ``AllOf``, ``AnyOf`` and ``Not``. Every
backend turns it into the same SQL (``backends/where.py``). ``AllOf(())`` is always
true and ``AnyOf(())`` never.
"""

from dataclasses import dataclass
from datetime import datetime

# FieldIs: "name" is the dataset's slug, "id" its UUID.
ENTRY_FIELDS = ("name", "id")
# InRange: when the catalog record was created and last changed (CKAN's
# metadata_created and metadata_modified).
DATE_FIELDS = ("created_at", "updated_at")


@dataclass(frozen=True)
class HasValue:
    facet: str
    value: str


@dataclass(frozen=True)
class FieldIs:
    field: str  # one of ENTRY_FIELDS
    value: str


@dataclass(frozen=True)
class IsPublic:
    """Published, not a draft."""


@dataclass(frozen=True)
class InRange:
    field: str  # one of DATE_FIELDS
    start: datetime | None = None
    end: datetime | None = None
    include_start: bool = True
    include_end: bool = True


@dataclass(frozen=True)
class Not:
    part: "Condition"


@dataclass(frozen=True)
class AllOf:
    parts: tuple["Condition", ...]


@dataclass(frozen=True)
class AnyOf:
    parts: tuple["Condition", ...]


Condition = HasValue | FieldIs | IsPublic | InRange | Not | AllOf | AnyOf
ALWAYS = AllOf(())
NEVER = AnyOf(())


def facet_values(condition: Condition) -> list[tuple[str, str]]:
    """Every (facet, value) the condition names, once."""
    if isinstance(condition, HasValue):
        return [(condition.facet, condition.value)]
    if isinstance(condition, Not):
        return facet_values(condition.part)
    if isinstance(condition, AllOf | AnyOf):
        pairs = [pair for part in condition.parts for pair in facet_values(part)]
        return list(dict.fromkeys(pairs))
    return []
