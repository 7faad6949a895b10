"""What a person's SQL may use, checked on DuckDB's own parse tree.

DuckDB parses the text (``extract_statements`` splits and types the statements,
``json_serialize_sql`` gives the tree of a SELECT); we walk the tree and list every
table, table function and function it names. Allowed: the portal's tables (by id),
the query's own CTEs, a few generating table functions and every function except
those that read settings, the catalog or the environment.

This check gives clear errors; it is not the safety boundary. The sandbox is: even
SQL that fooled this walk could reach no file, no setting and no other table.
"""

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import duckdb

from ceiba.datastore.query.errors import QueryError

TABLE_FUNCTIONS = frozenset({"range", "generate_series", "unnest"})
FORBIDDEN_FUNCTIONS = frozenset(
    {"getenv", "current_setting", "current_query", "which_secret", "query", "sql"}
)
FORBIDDEN_PREFIXES = ("duckdb_", "pragma_", "pg_", "read_", "parquet_", "json_execute")


@dataclass
class References:
    """Names a SELECT uses, lower-cased as DuckDB compares them."""

    tables: set[tuple[str, str, str]] = field(
        default_factory=set
    )  # catalog, schema, name
    table_functions: set[str] = field(default_factory=set)
    functions: set[str] = field(default_factory=set)
    ctes: set[str] = field(default_factory=set)
    shows: int = 0


def single_select(connection: duckdb.DuckDBPyConnection, sql: str) -> str:
    """The one SELECT statement of ``sql``, or QueryError saying why not."""
    try:
        statements = connection.extract_statements(sql)
    except duckdb.Error as error:
        raise QueryError("syntax_error", detail=_first_line(error)) from error
    if not statements:
        raise QueryError("syntax_error", detail="empty query")
    if len(statements) > 1:
        raise QueryError("multiple_statements")
    if statements[0].type != duckdb.StatementType.SELECT:
        raise QueryError("not_select")
    return statements[0].query


def parse_tree(connection: duckdb.DuckDBPyConnection, sql: str) -> dict[str, Any]:
    """DuckDB's parse tree of one SELECT (bound as a value, never executed)."""
    text = connection.execute("SELECT json_serialize_sql(?)", [sql]).fetchone()
    tree = json.loads(text[0]) if text else {"error": True}
    if tree.get("error"):
        raise QueryError("not_select")
    return tree


def references(tree: Any) -> References:
    found = References()
    for node in _nodes(tree):
        _collect(node, found)
    return found


def check_references(found: References, tables: Mapping[str, Any]) -> list[str]:
    """The ids of the portal tables the query uses; QueryError for anything else."""
    forbidden = sorted(
        {name for name in found.functions if _forbidden(name)}
        | (found.table_functions - TABLE_FUNCTIONS)
    )
    if found.shows or forbidden:
        raise QueryError("forbidden_function", function=(forbidden or ["SHOW"])[0])
    by_lower = {table_id.lower(): table_id for table_id in tables}
    used = set()
    for catalog, schema, name in sorted(found.tables):
        if catalog or schema or name not in by_lower.keys() | found.ctes:
            raise QueryError(
                "unknown_table", table=".".join(filter(None, (schema, name)))
            )
        if name in by_lower:
            used.add(by_lower[name])
    return sorted(used)


def _forbidden(function: str) -> bool:
    return function in FORBIDDEN_FUNCTIONS or function.startswith(FORBIDDEN_PREFIXES)


def _nodes(tree: Any) -> Iterator[dict[str, Any]]:
    """Every object of the tree, depth first."""
    stack = [tree]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _collect(node: dict[str, Any], found: References) -> None:
    kind = node.get("type")
    if kind == "BASE_TABLE":
        found.tables.add(
            (
                str(node.get("catalog_name") or "").lower(),
                str(node.get("schema_name") or "").lower(),
                str(node.get("table_name") or "").lower(),
            )
        )
    elif kind == "TABLE_FUNCTION":
        function = node.get("function") or {}
        found.table_functions.add(str(function.get("function_name", "")).lower())
    elif kind == "SHOW_REF" and node.get("table_name"):
        found.shows += 1
    elif "function_name" in node and node.get("class") in ("FUNCTION", "WINDOW"):
        found.functions.add(str(node["function_name"]).lower())
    if isinstance(node.get("cte_map"), dict):
        for entry in node["cte_map"].get("map", []):
            found.ctes.add(str(entry.get("key", "")).lower())


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else ""
