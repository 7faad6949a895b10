"""Search latency on SQLite FTS5 and PostgreSQL, at 10,000 and 100,000 datasets.

    .venv/bin/python bench/search.py [--sizes 10000,100000] [--databases sqlite,postgres]

Each database is created for the run (a SQLite file in a temporary folder; a
PostgreSQL database ``ceiba_bench_search`` on 127.0.0.1, dropped at the end), filled
with synthetic but realistic documents through the backend's bulk path, then asked
typical searches. Every search goes through the whole interface (normalising, ranking,
the page, the total and every facet's counts); the baseline, timed in the same run,
is the engine's bare match count for the same words or facet values.
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
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PG_DATABASE = "ceiba_bench_search"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
RUNS = 40
SEED = 20240601

SUBJECTS = [
    ("Establecimientos educativos", "educacion", "mineduc"),
    ("Matrícula escolar", "educacion", "mineduc"),
    ("Docentes por nivel educativo", "educacion", "mineduc"),
    ("Resultados de evaluaciones de graduandos", "educacion", "mineduc"),
    ("Casos de dengue", "salud", "mspas"),
    ("Vacunación infantil", "salud", "mspas"),
    ("Centros de salud y puestos de salud", "salud", "mspas"),
    ("Mortalidad materna", "salud", "mspas"),
    ("Nacimientos y defunciones", "salud", "ine"),
    ("Población por sexo y edad", "economia", "ine"),
    ("Índice de precios al consumidor", "economia", "ine"),
    ("Encuesta de empleo e ingresos", "trabajo", "ine"),
    ("Presupuesto municipal aprobado", "finanzas-publicas", "minfin"),
    ("Ejecución presupuestaria", "finanzas-publicas", "minfin"),
    ("Ingresos tributarios", "finanzas-publicas", "sat"),
    ("Compras y contrataciones públicas", "finanzas-publicas", "minfin"),
    ("Muertes violentas", "seguridad", "pnc"),
    ("Denuncias de delitos", "seguridad", "mp"),
    ("Hechos de tránsito", "seguridad", "pnc"),
    ("Precipitación y temperatura diaria", "agricultura", "insivumeh"),
    ("Estaciones meteorológicas", "agricultura", "insivumeh"),
    ("Producción de maíz y frijol", "agricultura", "maga"),
    ("Exportaciones de café y cardamomo", "economia", "banguat"),
    ("Tipo de cambio de referencia", "economia", "banguat"),
    ("Resultados electorales", "economia", "tse"),
    ("Padrón electoral", "economia", "tse"),
    ("Red vial y caminos rurales", "economia", "micivi"),
    ("Licencias de construcción", "economia", "municipalidad"),
    ("Cobertura de agua potable", "salud", "municipalidad"),
    ("Recolección de desechos sólidos", "salud", "municipalidad"),
]
# Zipf-like: a few subjects are common, most are rare.
SUBJECT_WEIGHTS = [1 / rank for rank in range(1, len(SUBJECTS) + 1)]
INSTITUTIONS = {
    "mineduc": "Ministerio de Educación MINEDUC",
    "mspas": "Ministerio de Salud Pública y Asistencia Social MSPAS",
    "ine": "Instituto Nacional de Estadística INE",
    "minfin": "Ministerio de Finanzas Públicas MINFIN",
    "sat": "Superintendencia de Administración Tributaria SAT",
    "pnc": "Policía Nacional Civil PNC",
    "mp": "Ministerio Público MP",
    "insivumeh": "Instituto Nacional de Sismología, Vulcanología, Meteorología e "
    "Hidrología INSIVUMEH",
    "maga": "Ministerio de Agricultura, Ganadería y Alimentación MAGA",
    "banguat": "Banco de Guatemala BANGUAT",
    "tse": "Tribunal Supremo Electoral TSE",
    "micivi": "Ministerio de Comunicaciones, Infraestructura y Vivienda CIV",
    "municipalidad": "Municipalidad ANAM",
    "segeplan": "Secretaría de Planificación y Programación SEGEPLAN",
    "conred": "Coordinadora Nacional para la Reducción de Desastres CONRED",
}
QUALIFIERS = [
    "por municipio",
    "por departamento",
    "por sexo y edad",
    "mensual",
    "anual",
    "del área rural y urbana",
    "por pueblo de pertenencia",
    "por nivel y sector",
]
SENTENCES = [
    "Datos abiertos publicados por la institución con base en sus registros "
    "administrativos.",
    "Incluye información desagregada a nivel {level} para el período {year}.",
    "Las cifras son preliminares y pueden cambiar en futuras actualizaciones.",
    "Fuente: registros oficiales consolidados por la unidad de información pública.",
    "Los datos se recopilan conforme a la Ley de Acceso a la Información Pública.",
    "Contiene códigos INE de departamento y municipio para cruzar con otras fuentes.",
    "Las variables están documentadas en el diccionario de datos adjunto.",
    "Se excluyen registros sin ubicación geográfica válida.",
]
KEYWORDS = [
    "estadísticas",
    "municipios",
    "departamentos",
    "salud pública",
    "educación",
    "presupuesto",
    "transparencia",
    "seguridad ciudadana",
    "clima",
    "agricultura",
    "elecciones",
    "población",
    "censo",
    "covid-19",
    "niñez",
    "mujeres",
    "pueblos indígenas",
    "agua",
    "infraestructura",
    "precios",
]
FORMATS = ["CSV", "CSV", "CSV", "XLSX", "XLSX", "JSON", "PDF", "GEOJSON", "ODS"]
FREQUENCIES = ["ANNUAL", "ANNUAL", "MONTHLY", "QUARTERLY", "IRREG", "DAILY", "WEEKLY"]
TEXT_QUERIES = [
    "escuelas",
    "salud",
    "presupuesto municipal",
    "dengue",
    "precios",
    "educación primaria",
    "muertes violentas",
    "agua potable",
    "estaciones",
    "exportaciones café",
    "población",
    "registros",
]


@dataclass(frozen=True)
class Scenario:
    name: str
    text: Callable[[random.Random], str]
    filters: Callable[[random.Random, "Corpus"], dict[str, list[str]]]
    page: int = 1


@dataclass(frozen=True)
class Corpus:
    departments: list[str]
    municipalities: list[tuple[str, str]]
    themes: list[str]
    licences: list[str]


def no_text(rng: random.Random) -> str:
    return ""


def some_text(rng: random.Random) -> str:
    return rng.choice(TEXT_QUERIES)


def no_filters(rng: random.Random, corpus: Corpus) -> dict[str, list[str]]:
    return {}


def two_facets(rng: random.Random, corpus: Corpus) -> dict[str, list[str]]:
    if rng.random() < 0.5:
        return {"theme": [rng.choice(corpus.themes)], "place": [rng.choice(corpus.departments)]}
    return {"institution": [rng.choice(list(INSTITUTIONS))], "format": ["CSV"]}


SCENARIOS = [
    Scenario("text + 2 facets, page 1", some_text, two_facets),
    Scenario("text + 2 facets, page 20", some_text, two_facets, page=20),
    Scenario("text only, page 1", some_text, no_filters),
    Scenario("2 facets only, page 1", no_text, two_facets),
    Scenario("everything (no text), page 1", no_text, no_filters),
]


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
        subject, theme, institution = rng.choices(SUBJECTS, weights=SUBJECT_WEIGHTS)[0]
        if rng.random() < 0.1:
            institution = rng.choice(list(INSTITUTIONS))
        places = rng.sample(corpus.municipalities, rng.choice([1, 1, 1, 2, 3]))
        year = rng.randint(2010, 2025)
        formats = rng.sample(FORMATS, rng.randint(1, 3))
        files = [f"{slug(subject)}_{year}_{i}.{fmt.lower()}" for i, fmt in enumerate(formats)]
        issued = epoch + timedelta(minutes=rng.randint(0, 6_000_000))
        sentences = rng.sample(SENTENCES, rng.randint(2, 5))
        description = " ".join(sentences).format(level="municipal", year=year)
        place_codes = {code for code, _ in places} | {code[:2] for code, _ in places}
        keywords = rng.sample(KEYWORDS, rng.randint(2, 5))
        yield SearchDocument(
            dataset_id=uuid.UUID(int=rng.getrandbits(128), version=4),
            title=f"{subject} {rng.choice(QUALIFIERS)} en {places[0][1]}, {year}",
            keywords=tuple(keywords),
            publisher=INSTITUTIONS[institution],
            body="\n".join([description, *(f"Datos {year}" for _ in files), *files]),
            facets={
                "theme": sorted({theme, rng.choice(corpus.themes)}),
                "institution": [institution],
                "place": sorted(place_codes | {"GT"}),
                "format": sorted(set(formats)),
                "licence": [rng.choice(corpus.licences)],
                "keyword": keywords,
                "frequency": [rng.choice(FREQUENCIES)],
            },
            issued=issued,
            modified=issued + timedelta(days=rng.randint(0, 400)),
            download_count=int(rng.paretovariate(1.0) * 10),
        )


def slug(text: str) -> str:
    from ceiba.search.text import fold

    return "_".join(fold(text))


def create_postgres_database(server: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
        conn.execute(f"CREATE DATABASE {PG_DATABASE}")


def drop_postgres_database(server: str) -> None:
    import psycopg
    from django.db import connections

    connections["postgres"].close()
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


def bare_query(alias: str, text: str, filters: dict[str, list[str]]) -> Callable[[], None]:
    """The engine alone: count the entries matching the words, else the facets."""
    from django.db import connections

    from ceiba.search.backends.postgres import tsquery_literal
    from ceiba.search.backends.sqlite_fts5 import fts_query
    from ceiba.search.text import terms

    words = list(dict.fromkeys(terms(text)))
    if words and alias == "sqlite":
        sql, params = "SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH %s", [
            fts_query(words, "all")
        ]
    elif words:
        sql = "SELECT COUNT(*) FROM search_entry WHERE vector @@ %s::tsquery"
        params = [tsquery_literal(words, "all")]
    elif filters:
        (f1, (v1,)), (f2, (v2,)) = filters.items()
        sql = (
            "SELECT COUNT(*) FROM search_facet a JOIN search_facet b"
            " ON b.entry_id = a.entry_id AND b.field = %s AND b.value = %s"
            " WHERE a.field = %s AND a.value = %s"
        )
        params = [f2, v2, f1, v1]
    else:
        sql, params = "SELECT COUNT(*) FROM search_entry", []

    def run() -> None:
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()

    return run


def measure(alias: str, corpus: Corpus, runs: int) -> dict[str, tuple[float, float, float]]:
    from ceiba.search.backends import get_backend
    from ceiba.search.query import SearchQuery

    backend = get_backend(alias)
    figures = {}
    for scenario in SCENARIOS:
        rng = random.Random(SEED)
        ours, bare = [], []
        for run in range(runs + 3):
            text, filters = scenario.text(rng), scenario.filters(rng, corpus)
            query = SearchQuery(text=text, filters=filters, page=scenario.page)
            ours_ms = timed(lambda q=query: backend.search(q))
            bare_ms = timed(bare_query(alias, text, filters))
            if run >= 3:  # the first runs warm the caches
                ours.append(ours_ms)
                bare.append(bare_ms)
        figures[scenario.name] = (
            statistics.median(ours),
            percentile(ours, 0.95),
            statistics.median(bare),
        )
    return figures


def fill(alias: str, corpus: Corpus, count: int, start: int) -> float:
    from ceiba.search.backends import get_backend

    backend = get_backend(alias)
    batch = list(documents(count, start, corpus))
    started = time.perf_counter()
    backend.index(batch)
    backend.optimise()
    return time.perf_counter() - started


def print_table(alias: str, size: int, seconds: float, added: int, figures: dict) -> None:
    print(f"\n{alias}, {size:,} datasets (indexed {added:,} in {seconds:.1f} s, "
          f"{added / seconds:,.0f} documents/s)")
    print(f"  {'search':<30} {'p50 ms':>8} {'p95 ms':>8} {'bare p50':>9} {'ratio':>7}")
    for name, (p50, p95, bare) in figures.items():
        print(f"  {name:<30} {p50:8.2f} {p95:8.2f} {bare:9.2f} {p50 / bare:6.1f}x")


def print_growth(alias: str, sizes: list[int], results: dict[int, dict]) -> None:
    small, large = sizes[0], sizes[-1]
    print(f"\n{alias}: latency growth from {small:,} to {large:,} datasets "
          f"({large / small:.0f}x the data)")
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
        print_table(alias, size, seconds, added, results[size])
    if len(sizes) > 1:
        print_growth(alias, sizes, results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--postgres-server", default=PG_SERVER)
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    databases = [d.strip() for d in args.databases.split(",") if d.strip()]
    with tempfile.TemporaryDirectory(prefix="ceiba-bench-search-") as folder:
        setup_django(Path(folder), f"{args.postgres_server}/{PG_DATABASE}")
        corpus = load_corpus()
        for alias in databases:
            if alias == "postgres":
                create_postgres_database(args.postgres_server)
            try:
                run_database(alias, sizes, corpus, args.runs)
            finally:
                if alias == "postgres":
                    drop_postgres_database(args.postgres_server)


if __name__ == "__main__":
    main()
