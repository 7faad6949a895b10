"""Anonymisation treatments, as DuckDB SQL over a table's typed Parquet file.

A ``TreatmentPlan`` says what happens to each column (kept, dropped, masked,
hashed with a secret key, generalised) and, optionally, to rows: suppression of the
rows whose quasi-identifier combination is shared by fewer than ``k`` rows, or
aggregation of the table into counts. ``apply_plan`` writes the treated table as
Parquet and CSV; the service publishes the CSV as a new version of the file.
"""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _

from ceiba.catalog.vocabularies.places import DEPARTMENT_NAMES, MUNICIPALITY_NAMES
from ceiba.privacy.exceptions import TreatmentError
from ceiba.privacy.kanon import KAnonymity, k_anonymity
from ceiba.privacy.scan import connect, describe
from ceiba.privacy.sql import quote_identifier, quote_literal

ACTIONS = {
    "keep": _("keep as it is"),
    "drop": _("remove the column"),
    "mask": _("mask (keep the last 4 characters)"),
    "hash": _("replace by a pseudonym (keyed hash)"),
    "month": _("date to month (2024-05)"),
    "year": _("date to year (2024)"),
    "age_band": _("age to bands of 10 years (30-39)"),
    "department": _("municipality to its department"),
    "grid": _("coordinates rounded to a grid of about 1 km"),
}
COUNT_COLUMN = "personas"


@dataclass(frozen=True)
class TreatmentPlan:
    actions: dict[str, str]  # column → action (missing columns are kept)
    quasi: list[str] = field(default_factory=list)
    k: int = 0  # suppress rows in groups smaller than k (0: none)
    aggregate: bool = False  # count rows by the columns that remain

    def describe(self) -> str:
        parts = [f"{c}: {a}" for c, a in self.actions.items() if a != "keep"]
        if self.k > 1:
            parts.append(f"suppress groups < {self.k} of {', '.join(self.quasi)}")
        if self.aggregate:
            parts.append("aggregate to counts")
        return "; ".join(parts)

    def treated_columns(self) -> set[str]:
        touched = {c for c, a in self.actions.items() if a != "keep"}
        if self.aggregate or self.k > 1:
            touched |= set(self.quasi)
        return touched


@dataclass(frozen=True)
class TreatmentResult:
    rows_before: int
    rows_after: int
    k_before: KAnonymity | None
    k_after: KAnonymity | None


def _municipality_to_department() -> str:
    departments = dict(DEPARTMENT_NAMES)
    names: dict[str, str] = {}
    repeated: set[str] = set()
    for code, name in MUNICIPALITY_NAMES:
        key = name.lower()
        if key in names and names[key] != departments[code[:2]]:
            repeated.add(key)
        names[key] = departments[code[:2]]
    return " ".join(
        f"WHEN {quote_literal(name)} THEN {quote_literal(dept)}"
        for name, dept in sorted(names.items())
        if name not in repeated
    )


def _column_sql(name: str, duck_type: str, action: str, key: str) -> str | None:
    c = quote_identifier(name)
    text = f"CAST({c} AS VARCHAR)"
    sql = {
        "keep": c,
        "mask": f"CASE WHEN {c} IS NULL THEN NULL ELSE "
        f"repeat('*', greatest(length({text}) - 4, 0)) || right({text}, 4) END",
        "hash": f"left(sha256({quote_literal(key)} || {text}), 20)",
        "month": f"strftime(TRY_CAST({c} AS DATE), '%Y-%m')",
        "year": f"CAST(year(TRY_CAST({c} AS DATE)) AS VARCHAR)",
        "age_band": f"CAST(TRY_CAST({c} AS INT) // 10 * 10 AS VARCHAR) || '-' || "
        f"CAST(TRY_CAST({c} AS INT) // 10 * 10 + 9 AS VARCHAR)",
        "department": f"CASE WHEN regexp_full_match({text}, '[0-9]{{3,4}}') THEN "
        f"left(lpad({text}, 4, '0'), 2) ELSE CASE lower(trim({text})) "
        f"{_municipality_to_department()} ELSE NULL END END",
        "grid": f"round(TRY_CAST({c} AS DOUBLE), 2)",
    }.get(action)
    if action == "drop":
        return None
    if sql is None:
        raise TreatmentError(reason=_("unknown treatment “%s”.") % action)
    return f"{sql} AS {c}"


def treated_sql(plan: TreatmentPlan, source: str, columns: list[tuple[str, str]],
                key: str) -> str:  # fmt: skip
    names = [name for name, _ in columns]
    unknown = (set(plan.actions) | set(plan.quasi)) - set(names)
    if unknown:
        raise TreatmentError(reason=_("no column named %s.") % ", ".join(unknown))
    selected = [
        sql
        for name, duck_type in columns
        if (sql := _column_sql(name, duck_type, plan.actions.get(name, "keep"), key))
    ]
    if not selected:
        raise TreatmentError(reason=_("it would remove every column."))
    query = f"SELECT {', '.join(selected)} FROM {source}"  # noqa: S608 (quoted names and literals)
    kept = [n for n in names if plan.actions.get(n, "keep") != "drop"]
    quasi = [quote_identifier(q) for q in plan.quasi if q in kept]
    if plan.aggregate:
        keys = ", ".join(quote_identifier(n) for n in kept)
        query = f"SELECT {keys}, count(*) AS {COUNT_COLUMN} FROM ({query}) GROUP BY ALL"  # noqa: S608 (quoted names and literals)
        if plan.k > 1:
            query += f" HAVING count(*) >= {int(plan.k)}"
    elif plan.k > 1 and quasi:
        query = (
            f"SELECT * EXCLUDE (__n) FROM (SELECT *, count(*) OVER "  # noqa: S608 (quoted names and literals)
            f"(PARTITION BY {', '.join(quasi)}) AS __n FROM ({query})) "
            f"WHERE __n >= {int(plan.k)}"
        )
    return query


def hash_key(secret: str, fallback: str) -> str:
    """The secret of keyed hashing: the setting, or one derived from SECRET_KEY."""
    if secret:
        return secret
    return hashlib.sha256(f"ceiba-privacy-hash:{fallback}".encode()).hexdigest()


def _k(connection: Any, source: str, quasi: list[str]) -> KAnonymity | None:
    present = {name for name, _ in describe(connection, source)}
    columns = [q for q in quasi if q in present]
    return k_anonymity(connection, source, columns) if columns else None


def apply_plan(
    path: Path, plan: TreatmentPlan, out_dir: Path, key: str
) -> tuple[Path, Path, TreatmentResult]:
    """Write the treated table as ``treated.parquet`` and ``treated.csv``."""
    source = f"read_parquet({quote_literal(str(path))})"
    parquet, csv = out_dir / "treated.parquet", out_dir / "treated.csv"
    with connect() as connection:
        columns = describe(connection, source)
        query = treated_sql(plan, source, columns, key)
        connection.execute(f"COPY ({query}) TO {quote_literal(str(parquet))} "
                           "(FORMAT parquet)")  # fmt: skip
        treated = f"read_parquet({quote_literal(str(parquet))})"
        connection.execute(f"COPY (SELECT * FROM {treated}) TO "  # noqa: S608 (quoted names and literals)
                           f"{quote_literal(str(csv))} (HEADER)")  # fmt: skip
        count = "SELECT count(*) FROM "
        result = TreatmentResult(
            rows_before=connection.execute(count + source).fetchone()[0],
            rows_after=connection.execute(count + treated).fetchone()[0],
            k_before=_k(connection, source, plan.quasi),
            k_after=_counts_k(connection, treated, plan)
            if plan.aggregate
            else _k(connection, treated, plan.quasi),
        )
    return parquet, csv, result


def _counts_k(connection: Any, source: str, plan: TreatmentPlan) -> KAnonymity:
    """k of a table of counts: its smallest count."""
    k, unique, groups, rows = connection.execute(
        f"SELECT coalesce(min({COUNT_COLUMN}), 0), coalesce(sum({COUNT_COLUMN}) "  # noqa: S608 (quoted names and literals)
        f"FILTER (WHERE {COUNT_COLUMN} = 1), 0), count(*), "
        f"coalesce(sum({COUNT_COLUMN}), 0) FROM {source}"
    ).fetchone()
    columns = [c for c in plan.quasi if plan.actions.get(c, "keep") != "drop"]
    return KAnonymity(columns, int(k), int(unique), int(groups), int(rows))
