"""Harvest speed: a generated CKAN portal of 10,000 datasets served from 127.0.0.1.

    .venv/bin/python bench/harvest.py [--datasets 10000] [--page-size 500]

One run, in a temporary folder with its own SQLite database (migrated for the
run), the database task backend (search indexing is queued for the worker, as in
production) and the fixture portal of tests/harvest (realistic CKAN 2.10 packages
with two resources each), times:

(a) the baseline: reading every page of ``package_search`` through the same
    fetcher (outbound guard included) and parsing the JSON, nothing else: the
    source's own response time;
(b) the first full harvest (every dataset created with its links and published as
    one version; the new records of a page in one transaction), in datasets per
    second (goal ≥ 200/s);
(c) a re-harvest after 1 % of the datasets changed at the source (incremental:
    only those are read in full, then the id listing);
(d) a re-harvest with nothing changed.

For (b)–(d) the run measures the time spent waiting for the source apart from our
processing, and the ratio of the whole run to the baseline (a).
"""

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def setup_django(folder: Path, page_size: int) -> None:
    os.environ.pop("DATABASE_URL", None)
    os.environ["CEIBA_DATA_DIR"] = str(folder)
    os.environ["CEIBA_OUTBOUND_ALLOW"] = "127.0.0.1"
    os.environ["CEIBA_HARVEST_PAGE_SIZE"] = str(page_size)
    os.environ["CEIBA_LOG_LEVEL"] = "WARNING"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ceiba.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def baseline(url: str, page_size: int) -> tuple[float, int]:
    """Every page, fetched and parsed, nothing else."""
    from ceiba.harvest.fetch import Fetcher

    fetcher = Fetcher()
    started, start, count = time.monotonic(), 0, 1
    while start < count:
        body = fetcher.json(
            f"{url}/api/3/action/package_search?start={start}&rows={page_size}"
            "&sort=metadata_modified+desc"
        )
        count = body["result"]["count"]
        start += page_size
    return time.monotonic() - started, fetcher.requests


def run(source, label: str, reference: float, datasets: int) -> None:
    from ceiba.harvest.services import harvest_run

    started = time.monotonic()
    job = harvest_run(source=source)
    total = time.monotonic() - started
    assert job.state == "done", job.error
    print(
        f"{label:<28} {total:7.2f} s  {datasets / total:8.0f} datasets/s  "
        f"source {job.fetch_seconds:6.2f} s  ours {total - job.fetch_seconds:6.2f} s "
        f"({(total - job.fetch_seconds) / total:4.0%})  "
        f"×{total / reference:5.1f} baseline  "
        f"[new {job.new}, updated {job.updated}, unchanged {job.unchanged}]"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--datasets", type=int, default=10_000)
    parser.add_argument("--page-size", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ceiba-bench-harvest-") as folder:
        setup_django(Path(folder), args.page_size)
        from ceiba.catalog import services
        from ceiba.harvest.actor import harvest_actor
        from ceiba.harvest.services import harvest_source_create
        from tests.harvest.fixtures.ckan import CkanPortal, package
        from tests.harvest.server import Site

        actor = harvest_actor()
        services.institution_create(
            actor=actor,
            slug="minfin",
            name="Ministerio de Finanzas",
            kind_id="ministry",
        )
        portal = CkanPortal([package(n) for n in range(args.datasets)])
        site = Site().start()
        try:
            url = portal.mount(site)
            source = harvest_source_create(
                actor=actor, url=url, type="ckan", institution="minfin"
            )
            reference, requests = baseline(url, args.page_size)
            print(f"{args.datasets} datasets, {requests} pages of {args.page_size}")
            print(f"{'(a) baseline: pages only':<28} {reference:7.2f} s")
            run(source, "(b) first full harvest", reference, args.datasets)
            now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
            for number in range(0, args.datasets, 100):
                changed = package(number, modified=now, notes=f"Revisado {number}.")
                portal.packages[changed["id"]] = changed
            run(source, "(c) re-harvest, 1% changed", reference, args.datasets)
            run(source, "(d) re-harvest, no change", reference, args.datasets)
        finally:
            site.stop()


if __name__ == "__main__":
    main()
