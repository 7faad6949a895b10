"""Quality at scale: the full recompute of a 100,000-dataset catalog, and the
dashboard pages rendered from the stored figures.

    .venv/bin/python bench/quality.py [--size 100000] [--database sqlite|postgres]
                                      [--runs 40]

A fresh database (a SQLite file in a temporary folder, or a PostgreSQL database
``ceiba_bench_quality`` on 127.0.0.1, dropped at the end) is migrated and filled in
bulk with synthetic datasets: themes, places, files with revisions, links with
their last check, tables with validation reports, harvested portals with their
last check, 180 days of figures.

- Recompute: ``dataset_quality_recompute()`` then ``quality_snapshot_refresh()``
  (every score, stars, freshness and validity flag, and every figure). Goal: under
  60 s. Baseline in the same run: one raw SQL aggregate over the same tables (per
  dataset: its files, links, tables and themes), which reads the same rows but
  scores nothing and writes nothing.
- Pages: ``/calidad/`` and ``/calidad/<institution>/`` (the first of the ranking,
  and the one with the most datasets) through Django's test client
  (whole middleware stack), p95 over ``--runs``, warm (figures already drawn) and
  cold (cache emptied before each request). Goal: under 100 ms. Baseline: the
  sign-in page (the base layout and a form, no catalog query), in the same run.
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PG_SERVER = "postgres://postgres@127.0.0.1:5432"
PG_DATABASE = "ceiba_bench_quality"
SEED = 20250601
INSTITUTIONS = 120
SOURCES = 30
HISTORY_DAYS = 180
BATCH = 2000
FORMATS = ["CSV", "CSV", "XLSX", "JSON", "PDF", "GEOJSON", "ODS", "XLS", "PARQUET"]
FREQUENCIES = ["ANNUAL", "MONTHLY", "QUARTERLY", "IRREG", "DAILY", "WEEKLY", None]
LICENCES = ["CC-BY-4.0", "CC-BY-4.0", "CC0-1.0", "other-open", "notspecified"]


def setup_django(folder: Path, database_url: str | None) -> None:
    os.environ.pop("DATABASE_URL", None)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ["CEIBA_DATA_DIR"] = str(folder)
    os.environ["CEIBA_TASKS"] = "immediate"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ceiba.settings")
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    # No collectstatic here: serve the stylesheets' plain names.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


def postgres_admin(statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(statement)


def _institutions() -> list[int]:
    from ceiba.catalog.models import Institution

    Institution.objects.bulk_create(
        Institution(
            slug=f"institucion-{n}", name=f"Institución {n:03d}", kind_id="ministry"
        )
        for n in range(INSTITUTIONS)
    )
    return list(Institution.objects.values_list("pk", flat=True))


def _sources(rng: random.Random, publishers: list[int]) -> None:
    """Harvested portals with their last check, a few of them not answering."""
    from ceiba.harvest.models import HarvestSource
    from ceiba.quality.models import SourceStatus

    sources = HarvestSource.objects.bulk_create(
        HarvestSource(
            name=f"Portal {n}",
            url=f"https://portal-{n}.example.gt/",
            type="ckan",
            institution_id=publishers[n % len(publishers)],
        )
        for n in range(SOURCES)
    )
    SourceStatus.objects.bulk_create(
        SourceStatus(
            source=source,
            url=source.url,
            checked_at=dt.datetime.now(dt.UTC),
            ok=(ok := rng.random() < 0.9),
            is_broken=not ok,
            reason="" if ok else "timeout",
        )
        for source in sources
    )


def _dataset(
    rng: random.Random, n: int, publishers: list[int], now: dt.datetime
) -> object:
    from ceiba.catalog.models import Dataset

    issued = now - dt.timedelta(days=rng.randint(1, 1500))
    return Dataset(
        id=uuid.UUID(int=rng.getrandbits(128), version=4),
        slug=f"conjunto-{n}",
        title=f"Conjunto de datos {n}",
        description="Datos abiertos." if rng.random() < 0.9 else "",
        keywords=["datos", "municipios"][: rng.randint(0, 2)],
        publisher_id=rng.choice(
            publishers[: 1 + int(rng.paretovariate(1.2)) % len(publishers)]
        ),
        licence_id=rng.choice(LICENCES),
        frequency_id=rng.choice(FREQUENCIES),
        contact_email="datos@example.gt" if rng.random() < 0.6 else "",
        temporal_start=dt.date(2020, 1, 1) if rng.random() < 0.5 else None,
        status="published" if rng.random() < 0.95 else "draft",
        issued=issued,
        modified=issued,
        data_updated_at=issued + dt.timedelta(days=rng.randint(0, 30)),
    )


def _files(rng: random.Random, dataset_id: uuid.UUID, rows: dict[str, list]) -> None:
    from ceiba.catalog.models import Distribution, DistributionRevision
    from ceiba.datastore.models import DatastoreTable
    from ceiba.quality.models import LinkStatus

    for position in range(rng.choice([1, 1, 1, 2, 2, 3])):
        file_format = rng.choice(FORMATS)
        distribution = Distribution(
            id=uuid.UUID(int=rng.getrandbits(128), version=4),
            dataset_id=dataset_id,
            title=f"Archivo {position}",
            kind="link" if rng.random() < 0.2 else "file",
            format=file_format,
            media_type="text/csv" if file_format == "CSV" else "",
            access_url="https://datos.example.gt/archivo.csv",
            position=position,
        )
        rows["distributions"].append(distribution)
        if distribution.kind == "link":
            rows["links"].append(
                LinkStatus(
                    distribution_id=distribution.id,
                    url=distribution.access_url,
                    checked_at=dt.datetime.now(dt.UTC),
                    ok=rng.random() < 0.9,
                    is_broken=rng.random() < 0.1,
                    byte_size=1000,
                )
            )
            continue
        revision = DistributionRevision(
            distribution_id=distribution.id, number=1, storage_name="x",
            filename="a.csv",
            byte_size=1000, sha256="0" * 64, format=file_format, media_type="text/csv",
        )  # fmt: skip
        rows["revisions"].append(revision)
        if file_format in {"CSV", "XLSX"}:
            rows["tables"].append(
                (
                    revision,
                    DatastoreTable(
                        position=0,
                        name="datos",
                        parquet_name="x",
                        csv_name="x",
                        row_count=10,
                        schema={"fields": []},
                        validation={"valid": rng.random() < 0.8},
                    ),
                )  # fmt: skip
            )


def _flush(rows: dict[str, list]) -> None:
    from ceiba.catalog.models import Dataset, Distribution, DistributionRevision
    from ceiba.datastore.models import DatastoreTable
    from ceiba.quality.models import LinkStatus

    Dataset.objects.bulk_create(rows["datasets"], batch_size=BATCH)
    Dataset.themes.through.objects.bulk_create(rows["themes"], batch_size=BATCH)
    Dataset.places.through.objects.bulk_create(rows["places"], batch_size=BATCH)
    Distribution.objects.bulk_create(rows["distributions"], batch_size=BATCH)
    DistributionRevision.objects.bulk_create(rows["revisions"], batch_size=BATCH)
    for revision, table in rows["tables"]:
        table.revision_id = revision.pk
    DatastoreTable.objects.bulk_create([t for _, t in rows["tables"]], batch_size=BATCH)
    LinkStatus.objects.bulk_create(rows["links"], batch_size=BATCH)
    for values in rows.values():
        values.clear()


def fill(size: int) -> float:
    from django.db import transaction
    from django.utils import timezone

    from ceiba.catalog.models import Dataset

    rng = random.Random(SEED)
    started = time.perf_counter()
    publishers = _institutions()
    _sources(rng, publishers)
    now = timezone.now()
    rows: dict[str, list] = {k: [] for k in
                             ("datasets", "themes", "places", "distributions",
                              "revisions", "tables", "links")}  # fmt: skip
    themes, places = Dataset.themes.through, Dataset.places.through
    for n in range(size):
        dataset = _dataset(rng, n, publishers, now)
        rows["datasets"].append(dataset)
        if rng.random() < 0.7:
            rows["themes"].append(themes(dataset_id=dataset.id, theme_id="educacion"))
        if rng.random() < 0.6:
            rows["places"].append(places(dataset_id=dataset.id, place_id="GT"))
        _files(rng, dataset.id, rows)
        if len(rows["datasets"]) >= 10_000:
            with transaction.atomic():
                _flush(rows)
    with transaction.atomic():
        _flush(rows)
    return time.perf_counter() - started


def baseline_sql() -> float:
    """One aggregate over the same tables: per dataset, its files, links, tables,
    valid tables and themes."""
    from django.db import connection

    sql = """
        SELECT d.id, d.publisher_id, COUNT(DISTINCT f.id),
               COUNT(DISTINCT l.distribution_id), COUNT(DISTINCT t.id),
               COUNT(DISTINCT th.theme_id)
        FROM catalog_dataset d
        LEFT JOIN catalog_distribution f ON f.dataset_id = d.id AND f.deleted_at IS NULL
        LEFT JOIN quality_linkstatus l ON l.distribution_id = f.id AND l.is_broken
        LEFT JOIN catalog_distributionrevision r ON r.distribution_id = f.id
        LEFT JOIN datastore_datastoretable t ON t.revision_id = r.id
        LEFT JOIN catalog_dataset_themes th ON th.dataset_id = d.id
        GROUP BY d.id, d.publisher_id
    """
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        cursor.fetchall()
    return time.perf_counter() - started


def recompute() -> tuple[float, int]:
    from ceiba.quality.services import (
        dataset_quality_recompute,
        quality_snapshot_refresh,
    )

    started = time.perf_counter()
    count = dataset_quality_recompute()
    quality_snapshot_refresh()
    return time.perf_counter() - started, count


def history() -> None:
    """180 earlier days of figures, copied from today's, for the charts."""
    from django.utils import timezone

    from ceiba.quality.models import QualitySnapshot

    today = list(QualitySnapshot.objects.filter(date=timezone.localdate()))
    rows = []
    for back in range(1, HISTORY_DAYS):
        for row in today:
            copy = QualitySnapshot(
                **{
                    f.attname: getattr(row, f.attname)
                    for f in row._meta.concrete_fields
                }
            )
            copy.pk, copy.date = None, row.date - dt.timedelta(days=back)
            copy.up_to_date = max(0, row.up_to_date - back)
            rows.append(copy)
    QualitySnapshot.objects.bulk_create(rows, batch_size=BATCH)


def analyze() -> None:
    """Give PostgreSQL's planner the statistics its autovacuum would have gathered
    after a bulk load (the server here runs with autovacuum off; without them it
    guesses row counts of freshly filled tables and picks slow plans). SQLite is
    left as it runs in production: without statistics."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def p95(function: Callable[[], object], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(3 + runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    times = times[3:]
    return statistics.median(times), statistics.quantiles(
        times, n=20, method="inclusive"
    )[-1]


def pages(runs: int) -> dict[str, tuple[float, float]]:
    """Warm: the figures drawn once, as every visitor after the first sees them.
    Cold: the cache emptied before each request, as right after a change."""
    from django.core.cache import cache
    from django.test import Client

    from ceiba.quality.figures import ranking

    client = Client()
    ranked = ranking()
    top = ranked[0].institution.slug
    largest = max(ranked, key=lambda f: f.datasets).institution.slug

    def get(url: str, cold: bool = False) -> Callable[[], None]:
        def run() -> None:
            if cold:
                cache.clear()
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return run

    urls = ["/calidad/", f"/calidad/{top}/", f"/calidad/{largest}/"]
    return {
        **{url: p95(get(url), runs) for url in urls},
        **{f"{url} (cold)": p95(get(url, cold=True), runs) for url in urls},
        "/cuenta/entrar/ (baseline)": p95(get("/cuenta/entrar/"), runs),
    }


def run(size: int, runs: int) -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    filled = fill(size)
    print(f"Filled {size:,} datasets in {filled:.1f} s")
    base = baseline_sql()
    seconds, count = recompute()
    print(f"\nFull recompute of {count:,} datasets (scores + figures): {seconds:.1f} s"
          f"  (goal < 60 s)")  # fmt: skip
    print(f"Baseline, one raw SQL aggregate over the same tables: {base:.2f} s")
    print(f"Ratio recompute / baseline: {seconds / base:.1f}×")
    history()
    analyze()
    print(f"\nDashboard pages, {runs} runs each (median / p95 ms, goal p95 < 100;")
    print("warm = figures already drawn, cold = cache emptied before each request):")
    figures = pages(runs)
    baseline_p95 = figures["/cuenta/entrar/ (baseline)"][1]
    for url, (median, high) in figures.items():
        print(
            f"  {url:32} {median:7.1f} {high:7.1f}"
            f"   {high / baseline_p95:4.1f}× baseline"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ceiba-bench-quality-") as folder:
        url = None
        if args.database == "postgres":
            postgres_admin(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
            postgres_admin(f"CREATE DATABASE {PG_DATABASE}")
            url = f"{PG_SERVER}/{PG_DATABASE}"
        setup_django(Path(folder), url)
        try:
            print(f"Database: {args.database}")
            run(args.size, args.runs)
        finally:
            if args.database == "postgres":
                from django.db import connections

                connections.close_all()
                postgres_admin(f"DROP DATABASE IF EXISTS {PG_DATABASE}")


if __name__ == "__main__":
    main()
