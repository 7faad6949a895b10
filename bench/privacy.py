"""Personal-data scan speed: our scanner against DuckDB's raw scan of the same columns.

    .venv/bin/python bench/privacy.py [--rows 5000000] [--workdir DIR]

One run writes two typed Parquet tables of ``--rows`` rows with DuckDB, then scans
each with ``ceiba.privacy.scan.scan_table`` (every detector on every column, plus
k-anonymity where quasi-identifiers are guessed) and, as the baseline in the same
run, reads the same columns with DuckDB (``sum(hash(column))`` of each column:
every value is decoded and hashed, nothing else is done):

(a) the table of the ingest benchmark (bench/ingest.py: codes with leading zeros,
    dates, amounts, counts, descriptions, yes/no), typed as ingest types it;
(b) a register of people: CUI (valid check digits), NIT, phone numbers in several
    formats, e-mail, names, free-text notes with identifiers inside, municipality,
    age and sex (k-anonymity on the last three).

Goal (issue 7): at least 1 million rows/s per table. Times are wall-clock on this
machine (2 cores shared), CPU seconds are shown too.
"""

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ceiba.settings")

import django  # noqa: E402

django.setup()

from ceiba.privacy.checksums import MUNICIPALITY_CODES  # noqa: E402
from ceiba.privacy.scan import connect, describe, scan_table  # noqa: E402
from ceiba.privacy.sql import quote_identifier, quote_literal  # noqa: E402

INGEST_TABLE = """
COPY (SELECT
  CASE WHEN i % 100003 = 99 THEN i ELSE i + 1 END AS correlativo,
  lpad((i % 22 + 1)::VARCHAR, 2, '0') AS cod_depto,
  lpad((i % 22 + 1)::VARCHAR, 2, '0') || lpad((i % 17 + 1)::VARCHAR, 2, '0')
    AS cod_muni,
  DATE '2015-01-01' + (hash(i) % 3650)::INT AS fecha,
  (hash(i * 7) % 100000000) / 100.0 AS monto,
  (hash(i * 3) % 500)::BIGINT AS cantidad,
  'Compra de insumos lote ' || (hash(i * 11) % 100000)::VARCHAR
    || ' proveedor ' || (i % 977)::VARCHAR AS descripcion,
  i % 3 <> 0 AS activo
FROM range({rows}) t(i)) TO {path} (FORMAT parquet, COMPRESSION zstd)
"""
GIVEN = "['José','María','Juan','Ana','Carlos','Rosa','Luis','Marta','Byron','Heidy']"
SURNAMES = "['Pérez','García','López','Xol','Caal','Tzul','Hernández','Pop','Cux']"
PEOPLE_TABLE = """
COPY (SELECT
  serial || CAST((
    (ascii(serial[1]) - 48) * 2 + (ascii(serial[2]) - 48) * 3
    + (ascii(serial[3]) - 48) * 4 + (ascii(serial[4]) - 48) * 5
    + (ascii(serial[5]) - 48) * 6 + (ascii(serial[6]) - 48) * 7
    + (ascii(serial[7]) - 48) * 8 + (ascii(serial[8]) - 48) * 9) % 11 AS VARCHAR)
    || muni AS dpi,
  (hash(i * 5) % 90000000 + 10000000)::VARCHAR || '-' || (i % 10)::VARCHAR AS nit,
  CASE i % 3 WHEN 0 THEN '5' || lpad((hash(i) % 1000)::VARCHAR, 3, '0') || '-'
         || lpad((hash(i * 2) % 10000)::VARCHAR, 4, '0')
       WHEN 1 THEN '+502 4' || lpad((hash(i) % 1000)::VARCHAR, 3, '0') || ' '
         || lpad((hash(i * 2) % 10000)::VARCHAR, 4, '0')
       ELSE '2' || lpad((hash(i) % 10000000)::VARCHAR, 7, '0') END AS telefono,
  'persona' || (i % 100000)::VARCHAR || '@gmail.com' AS correo,
  {given}[i % 10 + 1] || ' ' || {surnames}[(hash(i) % 9)::BIGINT + 1] || ' '
    || {surnames}[(hash(i * 3) % 9)::BIGINT + 1] AS nombre,
  CASE WHEN i % 20 = 0 THEN 'Llamar al tel. 5555-' || lpad((i % 10000)::VARCHAR, 4, '0')
       ELSE 'Solicitud atendida sin novedad, expediente ' || (i % 9999)::VARCHAR
       END AS observaciones,
  muni AS municipio,
  (hash(i * 13) % 90)::BIGINT AS edad,
  CASE WHEN i % 2 = 0 THEN 'Mujer' ELSE 'Hombre' END AS sexo
FROM (SELECT i, lpad((hash(i) % 100000000)::VARCHAR, 8, '0') AS serial,
             {codes}[i % {ncodes} + 1] AS muni FROM range({rows}) t(i)))
TO {path} (FORMAT parquet, COMPRESSION zstd)
"""


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def generate(folder: Path, rows: int) -> dict[str, Path]:
    codes = "[" + ",".join(f"'{c}'" for c in sorted(MUNICIPALITY_CODES)) + "]"
    paths = {"ingest": folder / "ingest.parquet", "people": folder / "people.parquet"}
    with connect() as connection:
        connection.execute(
            INGEST_TABLE.format(rows=rows, path=quote_literal(str(paths["ingest"])))
        )
        connection.execute(
            PEOPLE_TABLE.format(
                rows=rows,
                path=quote_literal(str(paths["people"])),
                given=GIVEN,
                surnames=SURNAMES,
                codes=codes,
                ncodes=len(MUNICIPALITY_CODES),
            )
        )
    return paths


def raw_scan(path: Path) -> tuple[float, float]:
    source = f"read_parquet({quote_literal(str(path))})"
    with connect() as connection:
        names = [name for name, _ in describe(connection, source)]
        reads = ", ".join(f"sum(hash({quote_identifier(n)}))" for n in names)
        wall, cpu = time.perf_counter(), _cpu()
        connection.execute(f"SELECT {reads} FROM {source}").fetchall()
        return time.perf_counter() - wall, _cpu() - cpu


def ours(path: Path) -> tuple[float, float, object]:
    wall, cpu = time.perf_counter(), _cpu()
    scan = scan_table(path)
    return time.perf_counter() - wall, _cpu() - cpu, scan


def report(name: str, path: Path, rows: int) -> None:
    base_wall, base_cpu = raw_scan(path)
    wall, cpu, scan = ours(path)
    print(f"\n({name}) {path.name}: {rows:,} rows, columns {scan.columns}")
    print(f"  DuckDB raw scan (baseline)  {base_wall:7.2f} s  cpu {base_cpu:6.2f} s  "
          f"{rows / base_wall / 1e6:6.2f} M rows/s")  # fmt: skip
    print(f"  our scan (every detector)   {wall:7.2f} s  cpu {cpu:6.2f} s  "
          f"{rows / wall / 1e6:6.2f} M rows/s  {wall / base_wall:5.1f}× the "
          f"baseline")  # fmt: skip
    print(f"  per CPU second: ours {rows / cpu / 1e6:.2f} M rows, DuckDB raw "
          f"{rows / base_cpu / 1e6:.2f} M rows; CPU ratio "
          f"{cpu / base_cpu:.1f}×")  # fmt: skip
    found = ", ".join(f"{f.column}:{f.kind}={f.count:,}" for f in scan.findings)
    print(f"  findings: {found or 'none'}")
    if scan.k_anonymity:
        k = scan.k_anonymity
        print(f"  k-anonymity on {k.columns}: k = {k.k}, unique rows {k.unique_rows:,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ceiba-bench-", dir=args.workdir) as tmp:
        print(f"generating {args.rows:,} rows twice in {tmp} …", flush=True)
        paths = generate(Path(tmp), args.rows)
        report("a", paths["ingest"], args.rows)
        report("b", paths["people"], args.rows)


if __name__ == "__main__":
    main()
