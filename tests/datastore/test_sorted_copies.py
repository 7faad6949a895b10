"""Sorted copies answer sorted pages exactly as the table itself does: same rows,
same order of ties, same cursors, in both directions and under filters; and a
replaced table never reads its predecessor's copy."""

import os
import shutil
from pathlib import Path

import duckdb
import pytest

from ceiba.datastore.query import Filter, TableQuery, run_query
from ceiba.datastore.query.sortcopy import (
    build_sorted_copy,
    find_sorted_copy,
    remove_sorted_copies,
    sorted_copy_path,
)

ROWS = 30_000
TABLE = "grande"
SORTS = [
    [("monto", "desc")],
    [("monto", "asc")],
    [("anio", "desc")],  # few values: long runs of ties
    [("anio", "asc"), ("monto", "desc")],
    [("municipio", "asc")],
    [("fecha", "desc")],
]
FILTERS = [
    [],
    [Filter("departamento_codigo", "eq", "05"), Filter("anio", "gte", 2015)],
    [Filter("departamento_codigo", "eq", "99")],  # nothing matches
    [Filter("monto", "lt", -49_990)],  # a few rows, far from the top
]


def write_big_table(path: Path) -> Path:
    """Ties, empty cells (also in the sort columns) and row groups of 2,048 rows."""
    duckdb.sql(
        f"""COPY (SELECT lpad((i % 22 + 1)::VARCHAR, 2, '0') AS departamento_codigo,
              (2010 + i % 15)::BIGINT AS anio,
              CASE WHEN i % 97 = 3 THEN NULL
                   ELSE round((hash(i) % 10000000) / 100.0 - 50000, 0) END AS monto,
              CASE WHEN i % 89 = 1 THEN NULL ELSE 'Municipio ' || (i % 340) END
                AS municipio,
              DATE '2010-01-01' + ((i * 7) % 5400)::INTEGER AS fecha
            FROM range({ROWS}) AS t(i))
            TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE 4096)"""
    )
    return path


@pytest.fixture
def big(tmp_path: Path) -> dict[str, Path]:
    return {TABLE: write_big_table(tmp_path / "grande.parquet")}


def pages(tables, pool, limits, sort, filters, size=40, count=4):
    """The first ``count`` pages by cursor, then one page by offset."""
    rows, after = [], None
    for _ in range(count):
        query = TableQuery(TABLE, filters=filters, sort=sort, limit=size, after=after)
        result = run_query(query, tables, limits, pool=pool)
        rows.append(result.rows)
        after = result.next_cursor
        if after is None:
            break
    offset = TableQuery(TABLE, filters=filters, sort=sort, limit=size, offset=size)
    rows.append(run_query(offset, tables, limits, pool=pool).rows)
    return rows, after


@pytest.mark.parametrize("sort", SORTS, ids=[str(s) for s in SORTS])
def test_pages_from_a_sorted_copy_equal_pages_from_the_table(big, pool, limits, sort):
    table, column = big[TABLE], sort[0][0]
    expected = [pages(big, pool, limits, sort, filters) for filters in FILTERS]
    assert build_sorted_copy(table, column, row_group_rows=2048) is not None
    copy = find_sorted_copy(table, column)
    assert copy is not None and len(copy.ranges) > 10
    actual = [pages(big, pool, limits, sort, filters) for filters in FILTERS]
    assert actual == expected
    assert any(len(page) == 40 for result, _ in actual for page in result)


def test_a_deep_cursor_into_the_empty_cells_is_answered(big, pool, limits):
    sort = [("monto", "asc")]
    build_sorted_copy(big[TABLE], "monto", row_group_rows=2048)
    query = TableQuery(TABLE, sort=sort, limit=ROWS - 100, offset=0)
    near_end = run_query(query, big, limits.__class__(max_rows=ROWS), pool=pool)
    assert near_end.rows[-1]["monto"] is None  # the cursor sits among the empty
    tail = run_query(
        TableQuery(TABLE, sort=sort, limit=500, after=near_end.next_cursor),
        big,
        limits,
        pool=pool,
    )
    assert len(tail.rows) == 100
    assert all(row["monto"] is None for row in tail.rows)


def test_a_replaced_table_does_not_read_the_old_copy(big, pool, limits, tmp_path):
    table = big[TABLE]
    build_sorted_copy(table, "monto", row_group_rows=2048)
    old_copy = sorted_copy_path(table, "monto")
    replacement = tmp_path / "other.parquet"
    duckdb.sql(
        f"COPY (SELECT * REPLACE (-monto AS monto) FROM '{table}') TO '{replacement}' "
        "(FORMAT parquet)"
    )
    shutil.move(replacement, table)  # a new file under the same name
    os.utime(table, ns=(1, 1))
    assert find_sorted_copy(table, "monto") is None
    assert old_copy.exists()  # until a new one is built
    query = TableQuery(TABLE, sort=[("monto", "desc")], limit=3)
    top = run_query(query, big, limits, pool=pool).rows
    highest = duckdb.sql(f"SELECT max(monto) FROM '{table}'").fetchall()[0][0]
    assert top[0]["monto"] == highest  # the new file's values
    build_sorted_copy(table, "monto", row_group_rows=2048)
    assert not old_copy.exists()
    assert run_query(query, big, limits, pool=pool).rows == top


def test_copies_are_removed_with_their_table(big):
    table = big[TABLE]
    for column in ("monto", "anio"):
        build_sorted_copy(table, column)
    assert len(list((table.parent / ".sorted").glob("*.parquet"))) == 2
    remove_sorted_copies(table)
    assert not list((table.parent / ".sorted").glob("*.parquet"))


def test_small_tables_get_no_copy_on_their_own(big, pool, limits):
    query = TableQuery(TABLE, sort=[("monto", "desc")], limit=10)
    run_query(query, big, limits, pool=pool)
    assert not (big[TABLE].parent / ".sorted").exists()
