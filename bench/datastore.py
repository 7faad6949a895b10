"""Datastore query latency on a 5-million-row table, against bare DuckDB.

    .venv/bin/python bench/datastore.py [--rows 5000000] [--runs 30]
                                        [--row-group-size 122880] [--keep DIR]

A typed Parquet file like the ingest pipeline writes (INE codes as text, integers,
amounts, dates, booleans, free text) is generated for the run. Each case goes
through the whole interface (``run_query``: checks, plan, pooled sandbox, time
limit, rows as dictionaries, next cursor); the baseline, timed in the same run, is
DuckDB executing the very same SQL on a plain connection with the same view, with
nothing around it. A second baseline is the SQL a person would write by hand
(no tie-breaker, no hidden columns), where it differs.

Sorted pages are read from sorted copies of the table (``sortcopy.py``), which the
portal builds in the background the first time a big table is sorted by a column;
the run builds them first, and prints how long that took (once per column).
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ceiba.datastore.query import (  # noqa: E402
    Filter,
    Limits,
    SandboxPool,
    TableQuery,
    preview_table,
    run_query,
    run_sql,
)
from ceiba.datastore.query.plan import (  # noqa: E402
    Plan,
    page_statement,
    plan_query,
    rows_statement,
    total_statement,
    two_steps,
)
from ceiba.datastore.query.sandbox import ROW_ID  # noqa: E402
from ceiba.datastore.query.sortcopy import build_sorted_copy  # noqa: E402

TABLE = "presupuesto-municipal"
WARM_UP = 3
LIMITS = Limits(timeout_seconds=60, memory_limit="2GB", threads=2, max_rows=10_000)

GENERATE = """
COPY (
  SELECT lpad((i % 22 + 1)::VARCHAR, 2, '0') AS departamento_codigo,
         lpad((i % 22 + 1)::VARCHAR, 2, '0')
           || lpad(((i // 22) % 15 + 1)::VARCHAR, 2, '0') AS municipio_codigo,
         'Municipio ' || ((i // 22) % 340) AS municipio,
         (2010 + i % 15)::INTEGER AS anio,
         round((hash(i) % 10000000) / 100.0, 2)::DOUBLE AS monto,
         DATE '2010-01-01' + ((i * 7) % 5400)::INTEGER AS fecha,
         i % 3 = 0 AS ejecutado,
         'Proyecto de ' || (['agua potable', 'escuela', 'camino rural', 'salud',
           'drenaje'])[i % 5 + 1] || ' número ' || i AS descripcion
  FROM range({rows}) AS t(i)
) TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE {row_group_size})
"""

FILTERS = [Filter("departamento_codigo", "eq", "05"), Filter("anio", "gte", 2015)]
HAND_WRITTEN = {
    "filter+sort+page 1": (
        "SELECT * FROM t WHERE departamento_codigo = '05' AND anio >= 2015 "
        "ORDER BY monto DESC LIMIT 51"
    ),
    "filter+page 1 (file order)": (
        "SELECT * FROM t WHERE departamento_codigo = '05' LIMIT 51"
    ),
    "group-by 2 keys, 3 aggregates": (
        "SELECT departamento_codigo, anio, count(*), sum(monto), avg(monto) FROM t "
        "GROUP BY ALL ORDER BY ALL LIMIT 1001"
    ),
}


def generate(path: Path, rows: int, row_group_size: int) -> float:
    started = time.perf_counter()
    sql = GENERATE.format(rows=rows, path=path, row_group_size=row_group_size)
    duckdb.connect().execute(sql)
    return time.perf_counter() - started


def deep_cursor(
    query: TableQuery, tables: dict[str, Path], pool: SandboxPool, at: int
) -> str:
    """The cursor after row ``at`` of ``query`` (found once, by offset)."""
    probe = TableQuery(**{**query.__dict__, "offset": at - 50, "limit": 50})
    cursor = run_query(probe, tables, LIMITS, pool=pool).next_cursor
    assert cursor, "the table is too small for this deep page"
    return cursor


def cases(tables: dict[str, Path], pool: SandboxPool) -> dict[str, TableQuery]:
    by_amount = TableQuery(TABLE, filters=FILTERS, sort=[("monto", "desc")], limit=50)
    file_order = TableQuery(TABLE, filters=FILTERS[:1], limit=50)
    return {
        "filter+sort+page 1": by_amount,
        "filter+sort+page 1 +total": TableQuery(
            **{**by_amount.__dict__, "include_total": True}
        ),
        "filter+sort+deep keyset page (row 100,000)": TableQuery(
            **{
                **by_amount.__dict__,
                "after": deep_cursor(by_amount, tables, pool, 100_000),
            }
        ),
        "filter+sort by year+page 1": TableQuery(
            TABLE, filters=FILTERS, sort=[("anio", "desc")], limit=50
        ),
        "filter+page 1 (file order)": file_order,
        "filter+deep keyset page (file order, row 200,000)": TableQuery(
            **{
                **file_order.__dict__,
                "after": deep_cursor(file_order, tables, pool, 200_000),
            }
        ),
        "text search+page 1": TableQuery(TABLE, q="agua 1234", limit=50),
        "group-by 2 keys, 3 aggregates": TableQuery(
            TABLE,
            group_by=["departamento_codigo", "anio"],
            aggregates=[("count", None), ("sum", "monto"), ("avg", "monto")],
            limit=1000,
        ),
    }


def timings(actions: list[Callable[[], Any]], runs: int) -> list[list[float]]:
    """Milliseconds per run of each action; runs interleave the actions, so a
    busy moment of the machine weighs on all of them alike."""
    for _ in range(WARM_UP):
        for action in actions:
            action()
    samples: list[list[float]] = [[] for _ in actions]
    for _ in range(runs):
        for action, times in zip(actions, samples, strict=True):
            started = time.perf_counter()
            action()
            times.append((time.perf_counter() - started) * 1000)
    return samples


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]
    return {"p50": round(statistics.median(ordered), 1), "p95": round(p95, 1)}


def raw_connection(path: Path) -> duckdb.DuckDBPyConnection:
    """Bare DuckDB: the same views, no sandbox, no limits but the threads."""
    connection = duckdb.connect(config={"threads": LIMITS.threads})
    connection.execute(
        f'CREATE VIEW "{TABLE}" AS SELECT * EXCLUDE (file_row_number), '
        f"file_row_number AS {ROW_ID} "
        f"FROM read_parquet('{path}', file_row_number = true)"
    )
    connection.execute(f"CREATE VIEW t AS SELECT * FROM read_parquet('{path}')")
    return connection


def measure_case(
    name: str, query: TableQuery, tables: dict, pool: SandboxPool, raw: Any, runs: int
) -> dict[str, Any]:
    sandbox = pool.get({TABLE: tables[TABLE]}, LIMITS)
    plan = plan_query(query, sandbox.columns(TABLE), LIMITS)
    actions = [
        lambda: run_query(query, tables, LIMITS, pool=pool),
        lambda: same_statements(raw, plan, query),
    ]
    if name in HAND_WRITTEN:
        actions.append(lambda: raw.execute(HAND_WRITTEN[name]).fetchall())
    samples = [summary(times) for times in timings(actions, runs)]
    row = {"case": name, "ours": samples[0], "duckdb_same_sql": samples[1]}
    row["ratio"] = round(samples[0]["p50"] / samples[1]["p50"], 2)
    if len(samples) > 2:
        row["duckdb_hand_sql"] = samples[2]
    return row


def same_statements(raw: Any, plan: Plan, query: TableQuery) -> None:
    """The statements ``run_query`` sends, sent to bare DuckDB."""
    sql, params, _ = page_statement(
        plan, limit=query.limit, offset=query.offset, after=query.after
    )
    records = raw.execute(sql, list(params)).fetchall()[: query.limit]
    if two_steps(plan) and records:
        raw.execute(rows_statement(plan, [r[-1] for r in records])).fetchall()
    if query.include_total:
        total, total_params = total_statement(plan)
        raw.execute(total, list(total_params)).fetchall()


def extra_cases(tables: dict, pool: SandboxPool, runs: int) -> list[dict[str, Any]]:
    """The preview (page + sums + distinct counts) and the SQL endpoint."""
    params = {"departamento_codigo": "05", "_sort_desc": "monto", "_size": "25"}

    def cold_preview() -> None:
        from ceiba.datastore.query import preview as module

        module._STATS_CACHE = module._LruCache(module.STATS_CACHE_SIZE)
        preview_table(TABLE, tables, params, limits=LIMITS, pool=pool, stats_seconds=30)

    def warm_preview() -> None:
        preview_table(TABLE, tables, params, limits=LIMITS, pool=pool, stats_seconds=30)

    sql = (
        "SELECT departamento_codigo, anio, count(*) AS n, sum(monto) AS total "
        f'FROM "{TABLE}" GROUP BY ALL ORDER BY ALL'
    )
    cold, warm, endpoint = timings(
        [cold_preview, warm_preview, lambda: run_sql(sql, tables, LIMITS)], runs
    )
    return [
        {"case": "preview page+sums+distinct (cold)", "ours": summary(cold)},
        {"case": "preview page+sums+distinct (cached)", "ours": summary(warm)},
        {"case": "SQL endpoint group-by (fresh sandbox)", "ours": summary(endpoint)},
    ]


def report(rows: list[dict[str, Any]]) -> None:
    """A table of milliseconds: ours, DuckDB with the same SQL, their ratio (p50),
    and DuckDB with hand-written SQL (p50)."""
    print(f"{'case':50} {'ours p50 / p95':>16} {'duckdb p50 / p95':>18}", end="")
    print(f" {'ratio':>6} {'by hand':>8}")
    for row in rows:
        ours, same = row["ours"], row.get("duckdb_same_sql")
        hand = row.get("duckdb_hand_sql")
        duck = f"{same['p50']:>8} / {same['p95']:<7}" if same else ""
        print(
            f"{row['case']:50} {ours['p50']:>8} / {ours['p95']:<7}{duck:>18} "
            f"{row.get('ratio', ''):>6} {hand['p50'] if hand else '':>8}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--row-group-size", type=int, default=122_880)
    parser.add_argument("--keep", type=Path, help="folder to keep the Parquet file in")
    parser.add_argument("--json", action="store_true", help="print JSON instead")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="ceiba-bench-"))
    path = folder / f"{TABLE}.parquet"
    if not path.exists():
        seconds = generate(path, args.rows, args.row_group_size)
        size = path.stat().st_size / 1e6
        print(f"generated {args.rows:,} rows in {seconds:.1f} s ({size:.0f} MB)")
    tables, pool = {TABLE: path}, SandboxPool()
    for column in ("monto", "anio"):
        started = time.perf_counter()
        build_sorted_copy(path, column)
        seconds = time.perf_counter() - started
        print(f"sorted copy by {column}: {seconds:.1f} s (once)")
    raw = raw_connection(path)
    rows = [
        measure_case(name, query, tables, pool, raw, args.runs)
        for name, query in cases(tables, pool).items()
    ]
    rows += extra_cases(tables, pool, max(5, args.runs // 3))
    print(json.dumps(rows, indent=1)) if args.json else report(rows)
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"{os.cpu_count()} CPUs, load average after the run: {load}")


if __name__ == "__main__":
    main()
