"""What a detector is: SQL over one column, then a decision on the counts.

The scanner reads each column once. Every detector adds named expressions to that
read: ``derived`` ones computed per value (over ``v``, the value as trimmed text,
and ``d``, its digits when the value looks like a number with separators), and
``checks`` over those (such as a check digit), and ``aggregates`` over all of
them (counts and two examples). DuckDB evaluates them vectorised;
no Python runs per row. ``decide`` turns the counts into a ``Finding`` or nothing.
"""

from dataclasses import dataclass, field
from typing import Any

from ceiba.privacy.masking import mask

TEXT_TYPES = ("VARCHAR",)
INTEGER_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UBIGINT")
FLOAT_TYPES = ("DOUBLE", "FLOAT", "REAL", "DECIMAL")
TEMPORAL_TYPES = ("DATE", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "TIME")


@dataclass(frozen=True)
class Column:
    name: str
    title: str
    duck_type: str
    hints: frozenset[str] = frozenset()
    quantity: bool = False

    @property
    def is_text(self) -> bool:
        return self.duck_type.startswith(TEXT_TYPES)

    @property
    def is_integer(self) -> bool:
        return self.duck_type in INTEGER_TYPES or (
            self.duck_type.startswith("DECIMAL") and self.duck_type.endswith(",0)")
        )

    @property
    def is_float(self) -> bool:
        return self.duck_type.startswith(FLOAT_TYPES) and not self.is_integer

    @property
    def is_numeric(self) -> bool:
        return self.is_integer or self.is_float

    @property
    def is_temporal(self) -> bool:
        return self.duck_type.startswith(TEMPORAL_TYPES)


@dataclass
class Finding:
    """One kind of personal data in one column: how many values, masked examples."""

    column: str
    kind: str
    count: int
    examples: list[str] = field(default_factory=list)
    context: str = "values"  # "values", "text" (inside free text) or "header"

    def as_json(self) -> dict[str, Any]:
        return {
            "column": self.column,
            "kind": self.kind,
            "count": self.count,
            "examples": self.examples,
            "context": self.context,
        }


class Stats(dict):
    """The aggregates of one column's read, by name (missing names read as 0)."""

    @property
    def values(self) -> int:  # non-missing values
        return int(self.get("n") or 0)

    def count(self, name: str) -> int:
        return int(self.get(name) or 0)

    def examples(self, kind: str, *names: str) -> list[str]:
        seen: list[str] = []
        for name in names:
            value = self.get(name)
            if value is not None and str(value) not in seen:
                seen.append(str(value))
        return [mask(kind, value) for value in seen]


class Detector:
    kind: str = ""

    def applies(self, column: Column) -> bool:
        return column.is_text

    def derived(self, column: Column) -> dict[str, str]:
        return {}

    def checks(self, column: Column) -> list[dict[str, str]]:
        """Per-value expressions in steps: each step's names may use the names of
        ``derived`` and of the steps before it (each is computed once)."""
        return []

    def aggregates(self, column: Column) -> dict[str, str]:
        return {}

    def decide(self, column: Column, stats: Stats) -> Finding | None:
        raise NotImplementedError

    # helpers for subclasses
    def finding(
        self, column: Column, stats: Stats, count: int, context: str = "values"
    ) -> Finding:
        return Finding(
            column=column.name,
            kind=self.kind,
            count=count,
            examples=stats.examples(self.kind, f"{self.kind}_ex1", f"{self.kind}_ex2"),
            context=context,
        )

    def counted(self, flag: str, value: str) -> dict[str, str]:
        """The usual aggregates: hits of ``flag`` and two examples of ``value``.

        ``flag`` is computed once per value, as ``<kind>_f``, by the scanner."""
        hit = f"{self.kind}_f"
        return {
            f"{self.kind}_flag": flag,  # per value, not an aggregate (see scan.py)
            f"{self.kind}_hits": f"count(*) FILTER (WHERE {hit})",
            f"{self.kind}_ex1": f"min({value}) FILTER (WHERE {hit})",
            f"{self.kind}_ex2": f"max({value}) FILTER (WHERE {hit})",
        }


def both(*conditions: str) -> str:
    """SQL AND that stops at the first false condition, value by value (DuckDB
    evaluates every side of a plain AND outside of WHERE and FILTER clauses)."""
    expression = conditions[-1]
    for condition in reversed(conditions[:-1]):
        expression = f"CASE WHEN {condition} THEN {expression} ELSE false END"
    return expression


def share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0
