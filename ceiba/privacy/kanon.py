"""k-anonymity of a table for a set of quasi-identifier columns.

Rows are grouped by the values of those columns: ``k`` is the size of the smallest
group (a row in a group of one is unique: whoever knows those few facts about a
person finds their row), ``unique_rows`` counts the rows alone in their group.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ceiba.privacy.exceptions import QuasiColumnsError
from ceiba.privacy.sql import quote_identifier


@dataclass(frozen=True)
class KAnonymity:
    columns: list[str]
    k: int
    unique_rows: int
    groups: int
    rows: int

    def as_json(self) -> dict[str, Any]:
        return {
            "columns": self.columns,
            "k": self.k,
            "unique_rows": self.unique_rows,
            "groups": self.groups,
            "rows": self.rows,
        }


def k_anonymity(connection: Any, source: str, columns: Sequence[str]) -> KAnonymity:
    present = {
        row[0]
        for row in connection.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()  # noqa: S608 (quoted names and literals)
    }
    missing = [c for c in columns if c not in present]
    if missing:
        raise QuasiColumnsError(columns=", ".join(missing))
    keys = ", ".join(quote_identifier(c) for c in columns)
    k, unique, groups, rows = connection.execute(
        "SELECT coalesce(min(n), 0), coalesce(sum(n) FILTER (WHERE n = 1), 0), "  # noqa: S608 (quoted names and literals)
        f"count(*), coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM {source} "
        f"GROUP BY {keys})"
    ).fetchone()
    return KAnonymity(list(columns), int(k), int(unique), int(groups), int(rows))
