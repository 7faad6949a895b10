"""Ingest speed: our typing path against DuckDB's own CSV → Parquet copy and against
PostgreSQL COPY, and our validation against the frictionless library.

    .venv/bin/python bench/ingest.py [--rows 5000000] [--validation-rows 200000]
                                     [--workdir DIR] [--skip-postgres]

One run generates a CSV (about 85 bytes a row: department and municipality codes
with leading zeros, d/m/Y dates, amounts with decimals, counts, text, Sí/No, and a
few planted errors), then times on that same file:

(a) DuckDB ``read_csv`` → Parquet (zstd), the practical limit here: the baseline.
(b) our path, as the pipeline runs it: ``read_table_file`` (detection, then the
    raw table: every cell text plus ``__row``), ``infer_schema``, ``materialize``
    (typed Parquet and normalised CSV) and ``validate`` (which reads the typed
    copy instead of parsing the cells again). It runs in a child process, whose
    peak RSS is reported.
(c) PostgreSQL ``COPY`` into a table of text columns (how CKAN's xloader loads),
    through psycopg's ``cursor.copy()``, on 127.0.0.1:5432 (user postgres, db test).
(d) validation alone on the first ``--validation-rows`` rows: ours against
    ``frictionless`` (the library), same schema; same errors, and the speed ratio.

Times are wall-clock; CPU seconds (user + system, all threads) are shown too, as
other work on the machine stretches wall time but not CPU time.
"""

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ceiba.ingest.materialize import PARQUET_OPTIONS, materialize  # noqa: E402
from ceiba.ingest.raw import read_table_file  # noqa: E402
from ceiba.ingest.schema import infer_schema  # noqa: E402
from ceiba.ingest.typing_rules import connect, quote_literal  # noqa: E402
from ceiba.ingest.validation import validate  # noqa: E402

PG_URL = "postgresql://postgres@127.0.0.1:5432/test"
COLUMNS = [
    ("correlativo", "Correlativo"),
    ("cod_depto", "Código de departamento"),
    ("cod_muni", "Código de municipio"),
    ("fecha", "Fecha de la compra"),
    ("monto", "Monto (Q)"),
    ("cantidad", "Cantidad"),
    ("descripcion", "Descripción"),
    ("activo", "¿Activo?"),
]
# Planted every so many rows: a missing amount, a bad amount, an impossible date,
# a negative amount (below the minimum) and a repeated correlativo (not unique).
GENERATOR = """
COPY (SELECT
  CASE WHEN i % 100003 = 99 THEN i ELSE i + 1 END AS correlativo,
  lpad((i % 22 + 1)::VARCHAR, 2, '0') AS cod_depto,
  lpad((i % 22 + 1)::VARCHAR, 2, '0') || lpad((i % 17 + 1)::VARCHAR, 2, '0')
    AS cod_muni,
  CASE WHEN i % 49999 = 11 THEN '31/02/2024'
       ELSE strftime(DATE '2015-01-01' + (hash(i) % 3650)::INT, '%d/%m/%Y') END
    AS fecha,
  CASE WHEN i % 10007 = 5 THEN 'N/D' WHEN i % 20011 = 7 THEN 'abc'
       WHEN i % 30011 = 13 THEN '-150.00'
       ELSE printf('%.2f', (hash(i * 7) % 100000000) / 100.0) END AS monto,
  (hash(i * 3) % 500)::VARCHAR AS cantidad,
  'Compra de insumos lote ' || (hash(i * 11) % 100000)::VARCHAR
    || ' proveedor ' || (i % 977)::VARCHAR AS descripcion,
  CASE WHEN i % 3 = 0 THEN 'No' ELSE 'Sí' END AS activo
FROM range({rows}) t(i)) TO {path} (HEADER)
"""
CONSTRAINTS = {
    "correlativo": {"required": True, "unique": True},
    "cod_muni": {"pattern": "[0-9]{4}"},
    "monto": {"minimum": 0},
}


class Clock:
    """Wall and CPU seconds (this process, every thread) of a block."""

    def __enter__(self) -> "Clock":
        self.wall, self.cpu = time.perf_counter(), _cpu()
        return self

    def __exit__(self, *_: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, _cpu() - self.cpu


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def generate(path: Path, rows: int) -> Path:
    with connect(path.parent) as connection:
        query = GENERATOR.format(rows=rows, path=quote_literal(str(path)))
        connection.execute(query).fetchall()
    return path


def write_raw(csv_path: Path, raw_path: Path) -> None:
    """The stand-in for the readers: every cell as text, ``__row`` = line number."""
    with connect(raw_path.parent) as connection:
        connection.execute(
            "COPY (SELECT ordinality + 1 AS __row, * EXCLUDE (ordinality) FROM "
            f"read_csv({quote_literal(str(csv_path))}, all_varchar = true, "
            "header = true) WITH ORDINALITY) "
            f"TO {quote_literal(str(raw_path))} ({PARQUET_OPTIONS})"
        ).fetchall()


def duckdb_baseline(csv_path: Path, folder: Path) -> Clock:
    with Clock() as clock, connect(folder) as connection:
        connection.execute(
            f"COPY (SELECT * FROM read_csv({quote_literal(str(csv_path))})) "
            f"TO {quote_literal(str(folder / 'baseline.parquet'))} ({PARQUET_OPTIONS})"
        ).fetchall()
    return clock


def our_path(csv_path: Path, folder: Path) -> dict[str, Any]:
    """(b), run in the child process; returns each stage's times and the peak RSS."""
    times = {}
    with Clock() as clock:
        (table,) = read_table_file(csv_path, filename=csv_path.name, out_dir=folder)
    times["raw table (read_table_file: detect and read)"] = (clock.wall, clock.cpu)
    raw, columns = table.path, [(c.name, c.title) for c in table.columns]
    with Clock() as clock:
        schema = infer_schema(raw, columns, table.detection)
    times["infer_schema"] = (clock.wall, clock.cpu)
    with Clock() as clock:
        materialize(raw, schema, folder / "table.parquet", folder / "table.csv")
    times["materialize (typed Parquet + CSV)"] = (clock.wall, clock.cpu)
    with Clock() as clock:
        report = validate(raw, schema, typed_path=folder / "table.parquet")
    times["validate (reading the typed copy)"] = (clock.wall, clock.cpu)
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent process.
    status = Path("/proc/self/status").read_text().splitlines()
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    peak *= 1024
    types = [(f["name"], f["type"], f.get("format")) for f in schema["fields"]]
    return {
        "times": times,
        "engine": table.detection.get("engine"),
        "peak_rss": peak,
        "types": types,
        "summary": report["summary"],
    }


def run_child(csv_path: Path, folder: Path) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", str(csv_path), str(folder)]
    output = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(output.stdout.strip().splitlines()[-1])


def postgres_copy(csv_path: Path, url: str) -> float | None:
    """COPY into text columns, as CKAN's xloader does; None when unreachable."""
    try:
        import psycopg

        connection = psycopg.connect(url, connect_timeout=5)
    except Exception as error:  # noqa: BLE001 (any failure means: skip)
        print(f"(c) PostgreSQL skipped: {error}")
        return None
    table = f"ceiba_bench_ingest_{int(time.time())}"
    columns = ", ".join(f'"{name}" text' for name, _ in COLUMNS)
    with connection:
        connection.execute(f'CREATE TABLE "{table}" ({columns})')
        connection.commit()
        try:
            started = time.perf_counter()
            with (
                connection.cursor() as cursor,
                cursor.copy(
                    f'COPY "{table}" FROM STDIN (FORMAT csv, HEADER true)'
                ) as copy,
                csv_path.open("rb") as source,
            ):
                while block := source.read(1 << 20):
                    copy.write(block)
            connection.commit()
            return time.perf_counter() - started
        finally:
            connection.execute(f'DROP TABLE IF EXISTS "{table}"')
            connection.commit()


def compare_validation(csv_path: Path, folder: Path) -> dict[str, Any]:
    """(d) Ours on the raw table against frictionless on the CSV, same schema."""
    import frictionless

    raw = folder / "small_raw.parquet"
    with Clock() as raw_clock:
        write_raw(csv_path, raw)
    schema = infer_schema(raw, COLUMNS, {})
    for field in schema["fields"]:
        field["constraints"] = CONSTRAINTS.get(field["name"], {})
    with Clock() as ours_clock:
        ours = validate(raw, schema, max_errors=100_000)
    resource_ = frictionless.Resource(
        path=csv_path.name,
        basepath=str(csv_path.parent),
        schema=frictionless.Schema.from_descriptor(schema),
    )
    with Clock() as theirs_clock:
        theirs = frictionless.validate(resource_, limit_errors=100_000)
    ours_list = [(e["type"], e["rowNumber"], e["fieldName"]) for e in ours["errors"]]
    theirs_list = [
        (e.type, e.row_number, getattr(e, "field_name", None))
        for e in theirs.tasks[0].errors
    ]
    return {
        "ours": ours_clock.wall,
        "raw": raw_clock.wall,
        "frictionless": theirs_clock.wall,
        "same": ours_list == theirs_list,
        "errors": len(ours_list),
        "theirs_errors": len(theirs_list),
        "summary": ours["summary"],
    }


def line(label: str, wall: float, cpu: float | None, baseline: float) -> str:
    cpu_text = f"cpu {cpu:6.2f} s" if cpu is not None else " " * 12
    return f"  {label:<62} {wall:7.2f} s  {cpu_text}  {wall / baseline:5.2f}×"


def print_report(args: argparse.Namespace, size: int, results: dict[str, Any]) -> None:
    base = results["baseline"]
    print(f"\nrows {args.rows:,}, CSV {size / 1e6:,.0f} MB, 2 DuckDB threads")
    print(
        line("(a) DuckDB read_csv → Parquet (baseline)", base.wall, base.cpu, base.wall)
    )
    ours = results["ours"]
    total_wall = sum(w for w, _ in ours["times"].values())
    total_cpu = sum(c for _, c in ours["times"].values())
    print("  (b) our path:")
    for name, (wall, cpu) in ours["times"].items():
        print(line(f"    {name}", wall, cpu, base.wall))
    print(line("    total", total_wall, total_cpu, base.wall))
    raw_wall, raw_cpu = next(iter(ours["times"].values()))
    typing = total_wall - raw_wall
    print(
        line("    total without the raw table", typing, total_cpu - raw_cpu, base.wall)
    )
    print(f"    reader engine: {ours['engine']}")
    print(f"    peak RSS of (b): {ours['peak_rss'] / 2**20:,.0f} MiB")
    print(f"    types: {ours['types']}")
    print(f"    validation summary: {ours['summary']}")
    if results.get("postgres") is not None:
        pg = results["postgres"]
        print(
            line("(c) PostgreSQL COPY (text columns, as xloader)", pg, None, base.wall)
        )
        print(
            f"    our total / COPY: {total_wall / pg:.2f}; without the raw table: "
            f"{typing / pg:.2f}"
        )
    print_validation(args, results["validation"])


def print_validation(args: argparse.Namespace, v: dict[str, Any]) -> None:
    print(f"(d) validation of {args.validation_rows:,} rows, same schema:")
    print(f"    ours (validate on the raw table): {v['ours']:.2f} s")
    print(f"    frictionless validate (CSV):      {v['frictionless']:.2f} s")
    print(
        f"    speed ratio: {v['frictionless'] / v['ours']:.0f}× "
        f"({v['frictionless'] / (v['ours'] + v['raw']):.0f}× counting the raw "
        f"table, {v['raw']:.2f} s)"
    )
    print(
        f"    same errors: {v['same']} ({v['errors']} ours, {v['theirs_errors']} "
        f"frictionless): {v['summary']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--validation-rows", type=int, default=200_000)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--pg-url", default=PG_URL)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(our_path(*args.child)))
        return
    with tempfile.TemporaryDirectory(prefix="ceiba-bench-", dir=args.workdir) as tmp:
        folder = Path(tmp)
        print(f"generating {args.rows:,} rows in {folder} …", flush=True)
        data = generate(folder / "data.csv", args.rows)
        results: dict[str, Any] = {"baseline": duckdb_baseline(data, folder)}
        results["ours"] = run_child(data, folder)
        if not args.skip_postgres:
            results["postgres"] = postgres_copy(data, args.pg_url)
        small = generate(folder / "small.csv", args.validation_rows)
        results["validation"] = compare_validation(small, folder)
        print_report(args, data.stat().st_size, results)


if __name__ == "__main__":
    main()
