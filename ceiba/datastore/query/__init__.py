"""Read-only queries over the datastore's Parquet tables, run by DuckDB in a sandbox.

Pure library code: tables come as ``{table_id: Path}``, limits as ``Limits``; no
models and no settings are read here.

- ``run_query(TableQuery, tables)``: structured queries (filters, text search,
  columns, sort, keyset pages, distinct values, groups) → ``QueryResult``;
- ``run_sql(sql, tables)``: the SQL endpoint (one SELECT) → ``QueryResult``;
- ``export_query(TableQuery, tables, "csv"|"json"|"xlsx"|"parquet")`` → ``Export``;
- ``preview_table(table_id, tables, query_string)`` → ``TablePreview``;
- every refusal is a ``QueryError`` with a stable ``code``.
"""

from ceiba.datastore.query.errors import QueryError
from ceiba.datastore.query.exports import MEDIA_TYPES, Export, export_query
from ceiba.datastore.query.fieldtypes import Field, ckan_type, schema_type
from ceiba.datastore.query.filters import OPERATORS, Filter
from ceiba.datastore.query.preview import (
    PreviewColumn,
    TablePreview,
    parse_params,
    preview_table,
)
from ceiba.datastore.query.sandbox import (
    DEFAULT_LIMITS,
    EXPORT_LIMITS,
    Limits,
    Sandbox,
    SandboxPool,
    shared_pool,
)
from ceiba.datastore.query.search import run_query, table_columns
from ceiba.datastore.query.sql import run_sql
from ceiba.datastore.query.tablequery import (
    AGGREGATES,
    QueryResult,
    TableQuery,
)

__all__ = [
    "AGGREGATES",
    "DEFAULT_LIMITS",
    "EXPORT_LIMITS",
    "MEDIA_TYPES",
    "OPERATORS",
    "Export",
    "Field",
    "Filter",
    "Limits",
    "PreviewColumn",
    "QueryError",
    "QueryResult",
    "Sandbox",
    "SandboxPool",
    "TablePreview",
    "TableQuery",
    "ckan_type",
    "export_query",
    "parse_params",
    "preview_table",
    "run_query",
    "run_sql",
    "schema_type",
    "shared_pool",
    "table_columns",
]
