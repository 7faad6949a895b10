"""Search latency on SQLite FTS5 and PostgreSQL, at 10,000 and 100,000 datasets.

    .venv/bin/python bench/search.py [--sizes 10000,100000]
                                     [--databases sqlite,postgres] [--runs 40]

Each database is created for the run (a SQLite file in a temporary folder; a
PostgreSQL database ``ceiba_bench_search`` on 127.0.0.1, dropped at the end), filled
with synthetic but realistic documents through the backend's bulk path, then asked
typical searches. Every search goes through the whole interface (normalising, ranking,
the page, the total and every facet's counts); the baseline, timed in the same run,
is the engine's bare count of the same words (FTS5 MATCH, tsvector @@), or of the
same two facet values, or of all entries.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PG_DATABASE = "ceiba_bench_search"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
RUNS = 40
WARM_UP = 3
SEED = 20240601


def table(text: str) -> list[list[str]]:
    """Rows of ``a | b | c`` lines."""
    lines = text.strip().splitlines()
    return [[cell.strip() for cell in line.split("|")] for line in lines]


def cells(text: str) -> list[str]:
    return [cell for row in table(text) for cell in row]


# Dataset subjects with their theme and publisher, most common first (Zipf-like).
SUBJECTS = table("""
Establecimientos educativos | educacion | mineduc
Población por sexo y edad | economia | ine
Casos de dengue | salud | mspas
Presupuesto municipal aprobado | finanzas-publicas | minfin
Matrícula escolar | educacion | mineduc
Índice de precios al consumidor | economia | ine
Ejecución presupuestaria | finanzas-publicas | minfin
Vacunación infantil | salud | mspas
Muertes violentas | seguridad | pnc
Precipitación y temperatura diaria | agricultura | insivumeh
Centros de salud y puestos de salud | salud | mspas
Docentes por nivel educativo | educacion | mineduc
Nacimientos y defunciones | salud | ine
Compras y contrataciones públicas | finanzas-publicas | minfin
Denuncias de delitos | seguridad | mp
Encuesta de empleo e ingresos | trabajo | ine
Ingresos tributarios | finanzas-publicas | sat
Estaciones meteorológicas | agricultura | insivumeh
Producción de maíz y frijol | agricultura | maga
Resultados electorales | economia | tse
Hechos de tránsito | seguridad | pnc
Exportaciones de café y cardamomo | economia | banguat
Cobertura de agua potable | salud | municipalidad
Tipo de cambio de referencia | economia | banguat
Mortalidad materna | salud | mspas
Red vial y caminos rurales | economia | micivi
Padrón electoral | economia | tse
Licencias de construcción | economia | municipalidad
Recolección de desechos sólidos | salud | municipalidad
Resultados de evaluaciones de graduandos | educacion | mineduc
""")
SUBJECT_WEIGHTS = [1 / rank for rank in range(1, len(SUBJECTS) + 1)]
INSTITUTIONS = dict(
    table("""
mineduc | Ministerio de Educación MINEDUC
mspas | Ministerio de Salud Pública y Asistencia Social MSPAS
ine | Instituto Nacional de Estadística INE
minfin | Ministerio de Finanzas Públicas MINFIN
sat | Superintendencia de Administración Tributaria SAT
pnc | Policía Nacional Civil PNC
mp | Ministerio Público MP
insivumeh | Instituto de Sismología, Vulcanología, Meteorología e Hidrología
maga | Ministerio de Agricultura, Ganadería y Alimentación MAGA
banguat | Banco de Guatemala BANGUAT
tse | Tribunal Supremo Electoral TSE
micivi | Ministerio de Comunicaciones, Infraestructura y Vivienda CIV
municipalidad | Asociación Nacional de Municipalidades ANAM
segeplan | Secretaría de Planificación y Programación SEGEPLAN
conred | Coordinadora Nacional para la Reducción de Desastres CONRED
""")
)
QUALIFIERS = cells("""
por municipio | por departamento | por sexo y edad | mensual | anual
del área rural y urbana | por pueblo de pertenencia | por nivel y sector
""")
SENTENCES = cells("""
Datos abiertos publicados por la institución con base en sus registros administrativos.
Incluye información desagregada a nivel municipal para el período {year}.
Las cifras son preliminares y pueden cambiar en futuras actualizaciones.
Fuente: registros oficiales consolidados por la unidad de información pública.
Los datos se recopilan conforme a la Ley de Acceso a la Información Pública.
Contiene códigos INE de departamento y municipio para cruzar con otras fuentes.
Las variables están documentadas en el diccionario de datos adjunto.
Se excluyen registros sin ubicación geográfica válida.
""")
KEYWORDS = cells("""
estadísticas | municipios | departamentos | salud pública | educación
presupuesto | transparencia | seguridad ciudadana | clima | agricultura
elecciones | población | censo | covid-19 | niñez | mujeres | agua
pueblos indígenas | infraestructura | precios
""")
FORMATS = ["CSV", "CSV", "CSV", "XLSX", "XLSX", "JSON", "PDF", "GEOJSON", "ODS"]
FREQUENCIES = ["ANNUAL", "ANNUAL", "MONTHLY", "QUARTERLY", "IRREG", "DAILY", "WEEKLY"]
# What people type: from a few rare words to one in a third of the datasets.
TEXT_QUERIES = cells("""
dengue | presupuesto municipal | vacunación infantil | precios al consumidor
muertes violentas | agua potable | estaciones meteorológicas | exportaciones café
matrícula escolar | mixco | resultados electorales 2019 | salud
""")


@dataclass(frozen=True)
class Corpus:
    departments: list[str]
    municipalities: list[tuple[str, str]]
    themes: list[str]
    licences: list[str]


@dataclass(frozen=True)
class Scenario:
    name: str
    with_text: bool
    with_facets: bool
    page: int = 1

    def query(self, rng: random.Random, corpus: Corpus) -> tuple[str, dict]:
        text = rng.choice(TEXT_QUERIES) if self.with_text else ""
        return text, (two_facets(rng, corpus) if self.with_facets else {})


SCENARIOS = [
    Scenario("text + 2 facets, page 1", with_text=True, with_facets=True),
    Scenario("text + 2 facets, page 20", with_text=True, with_facets=True, page=20),
    Scenario("text only, page 1", with_text=True, with_facets=False),
    Scenario("2 facets only, page 1", with_text=False, with_facets=True),
    Scenario("everything (no text), page 1", with_text=False, with_facets=False),
]


def two_facets(rng: random.Random, corpus: Corpus) -> dict[str, list[str]]:
    if rng.random() < 0.5:
        return {
            "theme": [rng.choice(corpus.themes)],
            "place": [rng.choice(corpus.departments)],
        }
    return {"institution": [rng.choice(list(INSTITUTIONS))], "format": ["CSV"]}


def setup_django(folder: Path, pg_url: str) -> None:
    os.environ.pop("DATABASE_URL", None)
    os.environ["CEIBA_DATA_DIR"] = str(folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ceiba.settings")
    import dj_database_url
    import django
    from django.conf import settings

    settings.DATABASES["sqlite"] = {**settings.DATABASES["default"]}
    settings.DATABASES["postgres"] = dj_database_url.parse(pg_url)
    django.setup()


def load_corpus() -> Corpus:
    from ceiba.catalog.vocabularies.licences import LICENCES
    from ceiba.catalog.vocabularies.places import DEPARTMENTS, MUNICIPALITIES
    from ceiba.catalog.vocabularies.themes import LOCAL_THEMES

    return Corpus(
        departments=[d.code for d in DEPARTMENTS],
        municipalities=[(m.code, m.es) for m in MUNICIPALITIES],
        themes=[t.code for t in LOCAL_THEMES],
        licences=[lic.code for lic in LICENCES][:4],
    )


def documents(count: int, start: int, corpus: Corpus) -> Iterator[Any]:
    from ceiba.search.documents import SearchDocument

    epoch = datetime(2012, 1, 1, tzinfo=UTC)
    for n in range(start, start + count):
        rng = random.Random(SEED + n)
        subject, theme, institution = rng.choices(SUBJECTS, SUBJECT_WEIGHTS)[0]
        if rng.random() < 0.1:
            institution = rng.choice(list(INSTITUTIONS))
        places = rng.sample(corpus.municipalities, rng.choice([1, 1, 1, 2, 3]))
        year = rng.randint(2010, 2025)
        formats = rng.sample(FORMATS, rng.randint(1, 3))
        stem = "_".join(subject.lower().split()[:3])
        files = [f"{stem}_{year}_{i}.{f.lower()}" for i, f in enumerate(formats)]
        description = " ".join(rng.sample(SENTENCES, rng.randint(2, 5)))
        keywords = rng.sample(KEYWORDS, rng.randint(2, 5))
        issued = epoch + timedelta(minutes=rng.randint(0, 6_000_000))
        yield SearchDocument(
            dataset_id=uuid.UUID(int=rng.getrandbits(128), version=4),
            title=f"{subject} {rng.choice(QUALIFIERS)} en {places[0][1]}, {year}",
            keywords=tuple(keywords),
            publisher=INSTITUTIONS[institution],
            body="\n".join([description.format(year=year), *files]),
            facets={
                "theme": sorted({theme, rng.choice(corpus.themes)}),
                "institution": [institution],
                "place": sorted(
                    {"GT", *(c for c, _ in places), *(c[:2] for c, _ in places)}
                ),
                "format": sorted(set(formats)),
                "licence": [rng.choice(corpus.licences)],
                "keyword": keywords,
                "frequency": [rng.choice(FREQUENCIES)],
            },
            issued=issued,
            modified=issued + timedelta(days=rng.randint(0, 400)),
            download_count=int(rng.paretovariate(1.0) * 10),
        )


def postgres_admin(server: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(statement)


def bare_query(alias: str, text: str, filters: dict[str, list[str]]) -> Callable:
    """The engine alone: count the entries with the words, else the two facet values,
    else all of them."""
    from django.db import connections

    from ceiba.search.backends.postgres import tsquery_literal
    from ceiba.search.backends.sqlite_fts5 import fts_query
    from ceiba.search.text import terms

    words = list(dict.fromkeys(terms(text)))
    if words and alias == "sqlite":
        sql = "SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH %s"
        params = [fts_query(words, "all")]
    elif words:
        sql = "SELECT COUNT(*) FROM search_entry WHERE vector @@ %s::tsquery"
        params = [tsquery_literal(words, "all")]
    elif filters:
        value = "(SELECT id FROM search_facet_value WHERE field = %s AND value = %s)"
        sql = (
            "SELECT COUNT(*) FROM search_facet a JOIN search_facet b"
            f" ON b.entry_id = a.entry_id WHERE a.value_id = {value}"
            f" AND b.value_id = {value}"
        )
        params = [item for name, (value,) in filters.items() for item in (name, value)]
    else:
        sql, params = "SELECT COUNT(*) FROM search_entry", []

    def run() -> None:
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()

    return run


def timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


def measure(alias: str, corpus: Corpus, runs: int) -> dict[str, tuple[float, ...]]:
    from ceiba.search.backends import get_backend
    from ceiba.search.query import SearchQuery

    backend = get_backend(alias)
    figures = {}
    for scenario in SCENARIOS:
        rng = random.Random(SEED)
        ours, bare = [], []
        for _ in range(WARM_UP + runs):
            text, filters = scenario.query(rng, corpus)
            query = SearchQuery(text=text, filters=filters, page=scenario.page)
            ours.append(timed(lambda q=query: backend.search(q)))
            bare.append(timed(bare_query(alias, text, filters)))
        ours, bare = ours[WARM_UP:], bare[WARM_UP:]
        p95 = statistics.quantiles(ours, n=20, method="inclusive")[-1]
        figures[scenario.name] = (statistics.median(ours), p95, statistics.median(bare))
    return figures


def fill(alias: str, corpus: Corpus, count: int, start: int) -> float:
    from ceiba.search.backends import get_backend

    backend = get_backend(alias)
    batch = list(documents(count, start, corpus))
    started = time.perf_counter()
    backend.index(batch)
    backend.optimise()
    return time.perf_counter() - started


def index_megabytes(alias: str) -> float:
    from django.db import connections

    sql = {
        "sqlite": "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'search%'",
        "postgres": "SELECT SUM(pg_total_relation_size(c.oid)) FROM pg_class c"
        " WHERE c.relname LIKE 'search%' AND c.relkind = 'r'",
    }[alias]
    with connections[alias].cursor() as cursor:
        cursor.execute(sql)
        return float(cursor.fetchone()[0]) / 1e6


def print_table(
    alias: str, size: int, added: int, seconds: float, figures: dict
) -> None:
    print(
        f"\n{alias}, {size:,} datasets: indexed {added:,} in {seconds:.1f} s"
        f" ({added / seconds:,.0f}/s), index {index_megabytes(alias):.0f} MB"
    )
    print(f"  {'search':<30} {'p50 ms':>8} {'p95 ms':>8} {'bare p50':>9} {'ratio':>7}")
    for name, (p50, p95_, bare) in figures.items():
        print(f"  {name:<30} {p50:8.2f} {p95_:8.2f} {bare:9.2f} {p50 / bare:6.1f}x")


def print_growth(alias: str, sizes: list[int], results: dict[int, dict]) -> None:
    small, large = sizes[0], sizes[-1]
    print(
        f"\n{alias}: latency from {small:,} to {large:,} datasets ({large // small}x)"
    )
    print(f"  {'search':<30} {'p50':>7} {'p95':>7}")
    for name in results[small]:
        (p50a, p95a, _), (p50b, p95b, _) = results[small][name], results[large][name]
        print(f"  {name:<30} {p50b / p50a:6.1f}x {p95b / p95a:6.1f}x")


def run_database(alias: str, sizes: list[int], corpus: Corpus, runs: int) -> None:
    from django.core.management import call_command

    call_command("migrate", "search", database=alias, verbosity=0)
    results: dict[int, dict] = {}
    indexed = 0
    for size in sizes:
        seconds = fill(alias, corpus, size - indexed, indexed)
        added, indexed = size - indexed, size
        results[size] = measure(alias, corpus, runs)
        print_table(alias, size, added, seconds, results[size])
    if len(sizes) > 1:
        print_growth(alias, sizes, results)


@contextmanager
def database(alias: str, server: str) -> Iterator[None]:
    """A PostgreSQL database for the run (SQLite's is in the temporary folder)."""
    if alias == "postgres":
        postgres_admin(server, f"DROP DATABASE IF EXISTS {PG_DATABASE}")
        postgres_admin(server, f"CREATE DATABASE {PG_DATABASE}")
    try:
        yield
    finally:
        if alias == "postgres":
            from django.db import connections

            connections["postgres"].close()
            postgres_admin(server, f"DROP DATABASE IF EXISTS {PG_DATABASE}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--postgres-server", default=PG_SERVER)
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    with tempfile.TemporaryDirectory(prefix="ceiba-bench-search-") as folder:
        setup_django(Path(folder), f"{args.postgres_server}/{PG_DATABASE}")
        corpus = load_corpus()
        for alias in [d.strip() for d in args.databases.split(",") if d.strip()]:
            with database(alias, args.postgres_server):
                run_database(alias, sizes, corpus, args.runs)


if __name__ == "__main__":
    main()
