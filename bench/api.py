"""The CKAN API under load: package_show and package_search, 32 clients, against a
static baseline serving the same JSON in the same run.

    .venv/bin/python bench/api.py [--datasets 100000] [--clients 32] [--seconds 10]
                                  [--workers CORES] [--threads 4]

A catalog of ``--datasets`` published datasets (SQLite, the embedded default) is
bulk-created in a temporary folder and indexed; the portal is then served as in
production, by ``ceiba serve --workers N`` (granian), with rate limits off. The
whole catalog is read once first through package_search (as harvesters do), so
answers come from the stored bodies (that pass is timed too). The baseline is
granian with the same workers serving, from memory, the bytes our ``package_show``
answered for the
same datasets: the difference is our overhead (routing, middleware, queries,
serializing). Clients are threads with keep-alive ``http.client`` connections in
this process, on the same machine; each workload runs ``--seconds``. Searches run
twice: while their results fill the cache, then in the steady state.
"""

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PORT, BASELINE_PORT = free_port(), free_port()
WORDS = [
    "escuelas",
    "matricula",
    "salud",
    "dengue",
    "presupuesto",
    "municipal",
    "poblacion",
    "vacunacion",
    "precios",
    "exportaciones",
    "empleo",
    "agua",
    "transito",
    "delitos",
    "lluvia",
    "maiz",
    "cafe",
]
INSTITUTIONS = ("mineduc", "mspas", "minfin", "ine", "maga", "pnc", "sat", "banguat")

BASELINE_APP = """
import json, os
bodies = json.load(open(os.environ["BASELINE_BODIES"]))
blobs = {k: v.encode() for k, v in bodies.items()}
def app(environ, start):
    query = environ.get("QUERY_STRING", "")
    body = blobs.get(query.partition("id=")[2]) or next(iter(blobs.values()))
    start("200 OK", [("Content-Type", "application/json"),
                     ("Content-Length", str(len(body)))])
    return [body]
"""


def setup(folder: Path) -> None:
    os.environ.pop("DATABASE_URL", None)
    os.environ["CEIBA_DATA_DIR"] = str(folder)
    os.environ["CEIBA_API_RATE_LIMIT_ANON"] = "0"
    os.environ["CEIBA_TASKS"] = "immediate"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ceiba.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def fill(count: int) -> list[str]:
    """Bulk-create published datasets (and their index entries); their names."""
    from ceiba.catalog.models import Dataset, Institution, Theme
    from ceiba.search.backends import get_backend
    from ceiba.search.documents import SearchDocument

    kinds = "ministry"
    institutions = [
        Institution.objects.create(
            slug=s, name=f"Institución {s.upper()}", kind_id=kinds
        )
        for s in INSTITUTIONS
    ]
    themes = list(Theme.objects.filter(is_local=True).values_list("code", flat=True))
    rng = random.Random(42)
    epoch = datetime(2015, 1, 1, tzinfo=UTC)
    datasets, documents, links = [], [], []
    through = Dataset.themes.through
    for n in range(count):
        words = rng.sample(WORDS, 3)
        institution = rng.choice(institutions)
        issued = epoch + timedelta(minutes=rng.randint(0, 5_000_000))
        dataset = Dataset(
            id=uuid.UUID(int=rng.getrandbits(128), version=4),
            slug=f"conjunto-{n}",
            title=" ".join(words).capitalize() + f" {n}",
            description=" ".join(rng.choices(WORDS, k=30)),
            keywords=words[:2],
            publisher=institution,
            licence_id="CC-BY-4.0",
            status="published",
            issued=issued,
            modified=issued,
        )
        theme = rng.choice(themes)
        datasets.append(dataset)
        links.append(through(dataset_id=dataset.id, theme_id=theme))
        documents.append(
            SearchDocument(
                dataset_id=dataset.id,
                title=dataset.title,
                keywords=tuple(dataset.keywords),
                publisher=institution.name,
                body=dataset.description,
                facets={
                    "theme": [theme],
                    "institution": [institution.slug],
                    "licence": ["CC-BY-4.0"],
                    "keyword": list(dataset.keywords),
                },
                issued=issued,
                modified=issued,
            )
        )
    Dataset.objects.bulk_create(datasets, batch_size=2000)
    through.objects.bulk_create(links, batch_size=5000)
    get_backend().rebuild(documents)
    return [d.slug for d in datasets]


def start_server(command: list[str], port: int, **env: str) -> subprocess.Popen:
    process = subprocess.Popen(  # noqa: S603 (our interpreter, our code)
        command, cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL
    )
    for _ in range(600):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            connection.request("GET", "/api/3")
            connection.getresponse().read()
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the server did not start")


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=30)


def load(
    port: int, paths: Callable[[random.Random], str], clients: int, seconds: float
):
    """Requests per second and latencies (ms) of ``clients`` keep-alive clients."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client(number: int) -> None:
        rng = random.Random(number)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while time.perf_counter() < stop:
            started = time.perf_counter()
            connection.request("GET", paths(rng))
            response = connection.getresponse()
            response.read()
            mine.append((time.perf_counter() - started) * 1000)
            if response.status != 200:
                errors[0] += 1
                if errors[0] == 1:
                    print("first error:", response.status, paths(rng))
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies),
        "p95": latencies[int(len(latencies) * 0.95) - 1],
        "errors": errors[0],
    }


def fetch(port: int, path: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    return connection.getresponse().read().decode()


def warm(port: int, total: int) -> float:
    """Walk the whole catalog through package_search, as harvesters do, so later
    answers come from stored bodies; the seconds it took."""
    began = time.perf_counter()
    for start in range(0, total, 1000):
        body = fetch(
            port, f"/api/3/action/package_search?rows=1000&start={start}&sort=name+asc"
        )
        assert json.loads(body)["success"], body[:300]
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--datasets", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--threads", type=int, default=4)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup(Path(folder))
        began = time.perf_counter()
        names = fill(options.datasets)
        print(
            f"{len(names):,} datasets created and indexed in "
            f"{time.perf_counter() - began:.0f} s"
        )
        sample = random.Random(1).sample(names, min(500, len(names)))
        workers, threads = str(options.workers), str(options.threads)
        portal = start_server(
            [sys.executable, "-m", "ceiba", "serve", "--no-worker", "--port",
             str(PORT), "--workers", workers, "--threads", threads],
            PORT,
        )  # fmt: skip
        try:
            seconds = warm(PORT, len(names))
            print(
                f"whole catalog read once through package_search (every package "
                f"serialized and stored) in {seconds:.0f} s: "
                f"{len(names) / seconds:,.0f} packages/s"
            )
            bodies = {
                n: fetch(PORT, f"/api/3/action/package_show?id={n}") for n in sample
            }
            (Path(folder) / "bodies.json").write_text(json.dumps(bodies))
            (Path(folder) / "baseline_app.py").write_text(BASELINE_APP)
            baseline = start_server(
                [str(Path(sys.executable).parent / "granian"), "--interface", "wsgi",
                 "--host", "127.0.0.1", "--port", str(BASELINE_PORT),
                 "--workers", workers, "--blocking-threads", threads,
                 "--working-dir", folder, "baseline_app:app"],
                BASELINE_PORT,
                BASELINE_BODIES=str(Path(folder) / "bodies.json"),
            )  # fmt: skip
            try:
                run(options, sample)
            finally:
                stop_server(baseline)
        finally:
            stop_server(portal)


def run(options: argparse.Namespace, sample: list[str]) -> None:
    def show(rng: random.Random) -> str:
        return f"/api/3/action/package_show?id={rng.choice(sample)}"

    def search(rng: random.Random) -> str:
        kind = rng.random()
        if kind < 0.5:
            return f"/api/3/action/package_search?q={rng.choice(WORDS)}&rows=10"
        if kind < 0.8:
            return (
                f"/api/3/action/package_search?fq=organization:"
                f"{rng.choice(INSTITUTIONS)}&rows=10"
            )
        return f"/api/3/action/package_search?rows=10&start={rng.randint(0, 90_000)}"

    clients, seconds = options.clients, options.seconds
    results = {
        "baseline (static JSON)": load(BASELINE_PORT, show, clients, seconds),
        "package_show": load(PORT, show, clients, seconds),
        # Searches are kept in the cache until the index changes: the first run
        # fills it (each worker process has its own), the second is the steady state.
        "package_search (cold)": load(PORT, search, clients, seconds),
        "package_search": load(PORT, search, clients, seconds),
    }
    print(
        f"\n{clients} clients, {seconds:g} s each; granian, {options.workers} "
        f"workers of {options.threads} threads (ceiba serve) for both servers"
    )
    print(f"{'workload':<26}{'req/s':>10}{'p50 ms':>10}{'p95 ms':>10}{'errors':>8}")
    for name, r in results.items():
        print(
            f"{name:<26}{r['rps']:>10.0f}{r['p50']:>10.1f}{r['p95']:>10.1f}"
            f"{r['errors']:>8}"
        )
    base = results["baseline (static JSON)"]["rps"]
    print(
        f"\npackage_show: {results['package_show']['rps'] / base:.2f}× the baseline's "
        "requests per second (goal: ≥ 1000 req/s)"
    )
    print(
        f"package_search p95: {results['package_search']['p95']:.1f} ms once its "
        f"cache is filled, {results['package_search (cold)']['p95']:.1f} ms while "
        "filling it (goal: ≤ 50 ms)"
    )


if __name__ == "__main__":
    main()
