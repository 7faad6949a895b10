"""What every search backend does, the same on every engine.

``test_sqlite_fts5.py`` and ``test_postgres.py`` run this suite against their engine.
Documents go straight into the backend, so it needs nothing from the catalog.
"""

import uuid
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.utils.module_loading import import_string

from ceiba.search.backends.base import SearchBackend
from ceiba.search.conditions import (
    ALWAYS,
    NEVER,
    AllOf,
    AnyOf,
    FieldIs,
    HasValue,
    InRange,
    IsPublic,
    Not,
)
from ceiba.search.documents import SearchDocument
from ceiba.search.query import FacetCount, SearchQuery, SearchResults

START = datetime(2024, 1, 1, tzinfo=UTC)

HOSTILE_QUERIES = [
    '"',
    '"""',
    "'",
    "*",
    "escuela*",
    "NEAR(escuela salud)",
    "NEAR",
    "AND",
    "OR NOT",
    "-salud",
    "salud -escuela",
    "(((",
    "escuela) OR (",
    "{title}: escuela",
    "title:escuela",
    "^escuela",
    "escuela & salud | !agua",
    "'escuela':* <-> salud",
    "\\",
    "\x00",
    "🙂 🏫",
    "ǅ ﬁ ß ΣΑΣ",
    "١٢٣",
    "e" * 300,
    "escuela " * 2_000,
    "x" * 10_000,
]


def on_day(number: int) -> datetime:
    return START + timedelta(days=number)


def doc(
    title: str,
    *,
    keywords: Iterable[str] = (),
    publisher: str = "",
    body: str = "",
    facets: dict[str, list[str]] | None = None,
    day: int = 0,
    updated_day: int | None = None,
    downloads: int = 0,
    slug: str = "",
    public: bool = True,
    publisher_id: int | None = None,
) -> SearchDocument:
    issued = START + timedelta(days=day)
    modified = START + timedelta(days=day if updated_day is None else updated_day)
    return SearchDocument(
        dataset_id=uuid.uuid4(),
        title=title,
        keywords=tuple(keywords),
        publisher=publisher,
        body=body,
        facets=facets or {},
        issued=issued,
        modified=modified,
        download_count=downloads,
        slug=slug,
        public=public,
        publisher_id=publisher_id,
    )


@pytest.mark.django_db
class BackendContract:
    backend_path: str

    @pytest.fixture
    def backend(self) -> SearchBackend:
        return import_string(self.backend_path)()

    @pytest.fixture
    def titles(self) -> dict[uuid.UUID, str]:
        return {}

    @pytest.fixture
    def index(
        self, backend: SearchBackend, titles: dict[uuid.UUID, str]
    ) -> Callable[..., list[SearchDocument]]:
        def index(*documents: SearchDocument) -> list[SearchDocument]:
            titles.update((d.dataset_id, d.title) for d in documents)
            backend.index(documents)
            return list(documents)

        return index

    @pytest.fixture
    def find(
        self, backend: SearchBackend, titles: dict[uuid.UUID, str]
    ) -> Callable[..., list[str]]:
        def find(text: str = "", **options: Any) -> list[str]:
            results = backend.search(SearchQuery(text=text, **options))
            return [titles[i] for i in results.dataset_ids]

        return find

    # Language

    def test_accents_and_case_do_not_matter(self, index, find):
        index(doc("Educación básica"), doc("CAMIÓN de basura"), doc("Salud"))
        assert find("educacion") == ["Educación básica"]
        assert find("EDUCACIÓN BÁSICA") == ["Educación básica"]
        assert find("Camion") == ["CAMIÓN de basura"]

    def test_plural_and_singular_meet(self, index, find):
        index(doc("Escuela pública"), doc("Población por municipio"), doc("Agua"))
        assert find("escuelas") == ["Escuela pública"]
        assert find("escuelas publicas") == ["Escuela pública"]
        assert find("poblaciones") == ["Población por municipio"]

    def test_stopwords_are_not_required(self, index, find):
        index(doc("Escuelas de Guatemala"), doc("Escuelas"))
        assert find("las escuelas de la guatemala") == ["Escuelas de Guatemala"]

    def test_finds_by_institution_name_and_acronym(self, index, find):
        mspas = "Ministerio de Salud Pública y Asistencia Social MSPAS"
        index(doc("Vacunación", publisher=mspas), doc("Vacunas", publisher="MINEDUC"))
        assert find("mspas") == ["Vacunación"]
        assert find("asistencia social") == ["Vacunación"]

    def test_finds_by_file_name_and_file_title(self, index, find):
        body = "Inscritos por año.\nMatrícula escolar\nmatricula_escolar_2023.csv"
        index(doc("Inscripción", body=body), doc("Otro"))
        assert find("matricula") == ["Inscripción"]
        assert find("2023") == ["Inscripción"]
        assert find("csv") == ["Inscripción"]

    def test_finds_by_keyword(self, index, find):
        index(doc("Casos", keywords=["covid-19", "pandemia"]), doc("Otro"))
        assert find("covid") == ["Casos"]
        assert find("pandemias") == ["Casos"]

    # Ranking

    def test_title_ranks_first_then_keywords_then_institution_then_body(
        self, index, find
    ):
        index(
            doc("Informe", body="agua " * 50, day=4),
            doc("Tarifas", publisher="Empresa Municipal de Agua", day=3),
            doc("Consumo", keywords=["agua"], day=2),
            doc("Agua potable", day=1),
        )
        assert find("agua") == ["Agua potable", "Consumo", "Tarifas", "Informe"]

    def test_all_words_in_the_title_beat_words_spread_across_fields(self, index, find):
        index(
            doc("Escuelas", publisher="Rurales SA", day=2),
            doc("Escuelas rurales", day=1),
        )
        assert find("escuelas rurales") == ["Escuelas rurales", "Escuelas"]

    def test_without_words_relevance_means_newest(self, index, find):
        index(doc("Viejo", day=1), doc("Nuevo", day=9), doc("Medio", day=5))
        assert find() == ["Nuevo", "Medio", "Viejo"]
        assert find("de la y") == ["Nuevo", "Medio", "Viejo"]

    # All words, or any

    def test_all_words_must_match_by_default(self, index, find):
        index(
            doc("Escuelas rurales"), doc("Hospitales rurales"), doc("Escuelas urbanas")
        )
        assert find("escuelas rurales") == ["Escuelas rurales"]
        assert find("escuelas hospitales") == []

    def test_any_word_is_the_broader_search(self, index, find):
        index(doc("Escuelas rurales"), doc("Hospitales rurales"), doc("Mercados"))
        found = find("escuelas rurales", match="any")
        assert found[0] == "Escuelas rurales"
        assert sorted(found) == ["Escuelas rurales", "Hospitales rurales"]

    # Facets

    @pytest.fixture
    def faceted(self, index) -> list[SearchDocument]:
        return index(
            doc(
                "Casos de dengue",
                body="Vigilancia epidemiológica de la salud",
                facets={
                    "theme": ["salud"],
                    "institution": ["mspas"],
                    "place": ["GT", "01", "0101"],
                    "format": ["CSV"],
                },
            ),
            doc(
                "Salud escolar",
                facets={
                    "theme": ["educacion", "salud"],
                    "institution": ["mineduc"],
                    "place": ["GT", "01"],
                    "format": ["CSV", "XLSX"],
                },
            ),
            doc(
                "Escuelas",
                facets={
                    "theme": ["educacion"],
                    "institution": ["mineduc"],
                    "place": ["GT", "02"],
                    "format": ["XLSX"],
                },
            ),
        )

    def test_facet_counts_cover_every_match_not_only_the_page(self, backend, faceted):
        results = backend.search(SearchQuery(page_size=1))
        assert results.total == 3
        assert len(results.dataset_ids) == 1
        assert results.facets["theme"] == [
            FacetCount("educacion", 2),
            FacetCount("salud", 2),
        ]
        assert results.facets["institution"] == [
            FacetCount("mineduc", 2),
            FacetCount("mspas", 1),
        ]
        assert results.facets["place"] == [
            FacetCount("GT", 3),
            FacetCount("01", 2),
            FacetCount("0101", 1),
            FacetCount("02", 1),
        ]
        assert results.facets["licence"] == []

    def test_facet_counts_follow_the_words(self, backend, faceted):
        results = backend.search(SearchQuery(text="salud"))
        assert results.total == 2
        assert results.facets["institution"] == [
            FacetCount("mineduc", 1),
            FacetCount("mspas", 1),
        ]

    def test_filters_combine_with_and(self, faceted, find):
        assert sorted(find(filters={"theme": ["salud"]})) == [
            "Casos de dengue",
            "Salud escolar",
        ]
        assert find(filters={"theme": ["salud", "educacion"]}) == ["Salud escolar"]
        assert find(filters={"theme": ["salud"], "institution": ["mineduc"]}) == [
            "Salud escolar"
        ]
        assert find("dengue", filters={"place": ["01"]}) == ["Casos de dengue"]
        assert find("dengue", filters={"place": ["02"]}) == []

    def test_filtered_facet_counts_describe_the_filtered_set(self, backend, faceted):
        results = backend.search(SearchQuery(filters={"place": ["01"]}))
        assert results.facets["format"] == [FacetCount("CSV", 2), FacetCount("XLSX", 1)]

    def test_unknown_facets_and_values(self, backend, faceted, find):
        assert find(filters={"theme": ["no-existe"]}) == []
        assert len(find(filters={"colour": ["red"]})) == 3
        empty = backend.search(SearchQuery(filters={"theme": ["no-existe"]}))
        assert empty.total == 0
        assert all(counts == [] for counts in empty.facets.values())

    def test_at_most_fifty_values_per_facet(self, backend, index):
        index(
            *(
                doc(f"D{i}", facets={"keyword": [f"k{i:02d}", "comun"]})
                for i in range(60)
            )
        )
        keywords = backend.search(SearchQuery()).facets["keyword"]
        assert len(keywords) == 50
        assert keywords[0] == FacetCount("comun", 60)
        assert keywords[1:3] == [FacetCount("k00", 1), FacetCount("k01", 1)]

    # Conditions (the CKAN API's fq)

    def test_any_of_values_and_clauses(self, faceted, find):
        either = AnyOf((HasValue("institution", "mspas"), HasValue("format", "XLSX")))
        assert sorted(find(where=either)) == [
            "Casos de dengue",
            "Escuelas",
            "Salud escolar",
        ]
        values = AnyOf(
            (HasValue("institution", "mspas"), HasValue("institution", "nadie"))
        )
        assert find(where=values) == ["Casos de dengue"]
        mixed = AnyOf(
            (
                AllOf((HasValue("theme", "salud"), HasValue("format", "XLSX"))),
                HasValue("place", "02"),
            )
        )
        assert sorted(find(where=mixed)) == ["Escuelas", "Salud escolar"]

    def test_not_excludes(self, faceted, find):
        assert sorted(find(where=Not(HasValue("institution", "mspas")))) == [
            "Escuelas",
            "Salud escolar",
        ]
        both = AllOf((HasValue("theme", "educacion"), Not(HasValue("theme", "salud"))))
        assert find(where=both) == ["Escuelas"]
        assert len(find(where=Not(HasValue("theme", "no-existe")))) == 3
        assert (
            find(
                where=Not(
                    AnyOf((HasValue("format", "CSV"), HasValue("format", "XLSX")))
                )
            )
            == []
        )

    def test_constants(self, faceted, find):
        assert len(find(where=ALWAYS)) == 3
        assert find(where=NEVER) == []
        assert len(find(where=Not(NEVER))) == 3
        assert find(where=AllOf((HasValue("theme", "no-existe"), ALWAYS))) == []

    def test_conditions_and_filters_combine(self, faceted, find):
        found = find(
            filters={"theme": ["educacion"]},
            where=Not(HasValue("format", "CSV")),
        )
        assert found == ["Escuelas"]

    def test_facet_counts_follow_conditions(self, backend, faceted):
        results = backend.search(
            SearchQuery(where=Not(HasValue("institution", "mspas")))
        )
        assert results.total == 2
        assert results.facets["institution"] == [FacetCount("mineduc", 2)]
        assert results.facets["format"] == [FacetCount("XLSX", 2), FacetCount("CSV", 1)]
        either = AnyOf((HasValue("place", "0101"), HasValue("place", "02")))
        results = backend.search(SearchQuery(where=either))
        assert results.facets["theme"] == [
            FacetCount("educacion", 1),
            FacetCount("salud", 1),
        ]

    def test_name_and_id(self, index, find):
        first, _second = index(doc("Uno", slug="uno"), doc("Dos", slug="dos"))
        assert find(where=FieldIs("name", "uno")) == ["Uno"]
        assert find(where=FieldIs("id", str(first.dataset_id))) == ["Uno"]
        assert find(where=FieldIs("id", "no-es-un-uuid")) == []
        assert find(where=Not(FieldIs("name", "uno"))) == ["Dos"]
        either = AnyOf((FieldIs("name", "dos"), FieldIs("id", str(first.dataset_id))))
        assert sorted(find(where=either)) == ["Dos", "Uno"]

    def test_date_ranges(self, index, find):
        index(doc("Viejo", day=1), doc("Medio", day=5), doc("Nuevo", day=9))
        assert find(where=InRange("updated_at", start=on_day(5))) == ["Nuevo", "Medio"]
        assert find(
            where=InRange("updated_at", start=on_day(5), include_start=False)
        ) == ["Nuevo"]
        assert find(where=InRange("created_at", end=on_day(5), include_end=False)) == [
            "Viejo"
        ]
        assert find(where=InRange("created_at", start=on_day(2), end=on_day(8))) == [
            "Medio"
        ]
        assert find(
            where=Not(InRange("updated_at", start=on_day(2), end=on_day(8)))
        ) == [
            "Nuevo",
            "Viejo",
        ]
        assert len(find(where=InRange("updated_at"))) == 3

    def test_odd_condition_values(self, index, find):
        index(doc("Escuela", slug="escuela", facets={"keyword": ["escuela"]}))
        for value in [
            "\x00",
            "a\x00b",
            "x" * 1_000,
            "'; DROP TABLE search_entry; --",
            "%s",
        ]:
            assert find(where=HasValue("keyword", value)) == []
            assert find(where=FieldIs("name", value)) == []
            assert find(where=Not(HasValue("keyword", value))) == ["Escuela"]

    # Drafts

    @pytest.fixture
    def drafts(self, index) -> list[SearchDocument]:
        return index(
            doc("Publicado", publisher_id=1, facets={"theme": ["salud"]}),
            doc(
                "Borrador uno",
                public=False,
                publisher_id=1,
                facets={"theme": ["salud"]},
            ),
            doc("Borrador dos", public=False, publisher_id=2),
        )

    def test_drafts_are_found_only_when_asked_for(self, backend, drafts, find):
        assert find() == ["Publicado"]
        assert find("borrador") == []
        assert find("borrador", drafts_of=(1,)) == ["Borrador uno"]
        assert sorted(find(drafts_of=(1, 3))) == ["Borrador uno", "Publicado"]
        assert sorted(find(all_drafts=True)) == [
            "Borrador dos",
            "Borrador uno",
            "Publicado",
        ]
        assert backend.search(SearchQuery()).facets["theme"] == [FacetCount("salud", 1)]
        with_drafts = backend.search(SearchQuery(drafts_of=(1,)))
        assert with_drafts.facets["theme"] == [FacetCount("salud", 2)]

    def test_is_public(self, drafts, find):
        assert find(where=IsPublic(), all_drafts=True) == ["Publicado"]
        assert sorted(find(where=Not(IsPublic()), all_drafts=True)) == [
            "Borrador dos",
            "Borrador uno",
        ]
        assert find(where=Not(IsPublic())) == []

    # Sorting and paging

    def test_sorts(self, index, find):
        index(
            doc("Bosques", day=1, updated_day=30, downloads=5),
            doc("Árboles urbanos", day=3, updated_day=10, downloads=50),
            doc("agua potable", day=2, updated_day=20, downloads=0),
        )
        assert find(sort="newest") == ["Árboles urbanos", "agua potable", "Bosques"]
        assert find(sort="updated") == ["Bosques", "agua potable", "Árboles urbanos"]
        assert find(sort="name") == ["agua potable", "Árboles urbanos", "Bosques"]
        assert find(sort="downloads") == ["Árboles urbanos", "Bosques", "agua potable"]
        assert find("bosques arboles agua", sort="name", match="any") == [
            "agua potable",
            "Árboles urbanos",
            "Bosques",
        ]

    def test_paging(self, backend, index, find):
        index(*(doc(f"Dato {n}", day=n) for n in range(5)))
        assert find(page_size=2) == ["Dato 4", "Dato 3"]
        assert find(page_size=2, page=3) == ["Dato 0"]
        last = backend.search(SearchQuery(page_size=2, page=3))
        assert (last.total, last.num_pages, last.has_next, last.has_previous) == (
            5,
            3,
            False,
            True,
        )

    @pytest.mark.parametrize("text", ["", "censo"])
    def test_pages_of_equal_datasets_neither_repeat_nor_skip(
        self, backend, index, text
    ):
        documents = index(*(doc("Censo") for _ in range(25)))
        seen = []
        for page in (1, 2, 3):
            query = SearchQuery(text=text, page=page, page_size=10)
            seen += backend.search(query).dataset_ids
        assert sorted(seen) == sorted(d.dataset_id for d in documents)

    def test_a_page_past_the_end_is_empty_with_the_right_total(self, backend, index):
        index(*(doc(f"Dato {n}") for n in range(3)))
        results = backend.search(SearchQuery(text="dato", page=7, page_size=2))
        assert results.dataset_ids == []
        assert results.total == 3
        assert results.num_pages == 2

    def test_bad_paging_and_sorting_are_corrected(self, backend, index):
        index(doc("Dato", day=1), doc("Otro", day=2))
        results = backend.search(SearchQuery(page=0, page_size=0, sort="bogus"))
        assert (results.query.page, results.query.page_size) == (1, 1)
        assert results.query.sort == "relevance"
        assert results.total == 2
        assert results.has_next and not results.has_previous

    # Hostile input

    @pytest.mark.parametrize("text", HOSTILE_QUERIES)
    def test_never_fails_on_what_people_type(self, backend, index, text):
        index(doc("Escuela y salud", body="agua"))
        for match in ("all", "any"):
            results = backend.search(SearchQuery(text=text, match=match))
            assert isinstance(results, SearchResults)
            assert results.total in (0, 1)

    @pytest.mark.parametrize(
        "value",
        ["\x00", "a\x00b", "x" * 1_000, "'; DROP TABLE search_entry; --", "%s", "%"],
    )
    def test_never_fails_on_odd_filter_values(self, backend, index, value):
        index(doc("Escuela", facets={"keyword": ["escuela"]}))
        for name in ("keyword", "theme", "bogus"):
            results = backend.search(SearchQuery(filters={name: [value, "escuela"]}))
            assert results.total == (1 if name == "bogus" else 0)

    def test_indexes_documents_with_odd_characters(self, index, find):
        odd = "D'Agostino \\ \"comillas\" 'x' {title}: NEAR(a b) * ^ 🙂"
        long_body = " ".join(f"palabra{n}" for n in range(30_000))
        facets = {"keyword": ["a\x00b", "x" * 1_000, "%s"]}
        index(
            doc(odd, keywords=["'", "\\"], body=long_body, facets=facets), doc("Otro")
        )
        assert find("agostino comillas") == [odd]
        assert find("palabra5") == [odd]

    # Keeping the index current

    def test_reindexing_replaces_text_and_facets(self, backend, index, find, titles):
        (first,) = index(doc("Escuelas", facets={"theme": ["educacion"]}))
        renamed = doc("Hospitales", facets={"theme": ["salud"]})
        index(replace(renamed, dataset_id=first.dataset_id))
        assert find("escuelas") == []
        assert find("hospitales") == ["Hospitales"]
        results = backend.search(SearchQuery())
        assert results.total == 1
        assert results.facets["theme"] == [FacetCount("salud", 1)]

    def test_delete(self, backend, index, find):
        kept, gone = index(
            doc("Escuelas", facets={"theme": ["educacion"]}),
            doc("Escuelas rurales", facets={"theme": ["educacion"]}),
        )
        backend.delete([gone.dataset_id, uuid.uuid4()])
        assert find("escuelas") == ["Escuelas"]
        assert backend.search(SearchQuery()).facets["theme"] == [
            FacetCount("educacion", 1)
        ]

    def test_rebuild_leaves_exactly_the_given_documents(
        self, backend, index, find, titles
    ):
        _, changed = index(doc("Antiguo"), doc("Escuelas"))
        updated, new = replace(changed, title="Hospitales"), doc("Nuevo")
        titles.update({updated.dataset_id: updated.title, new.dataset_id: new.title})
        done: list[int] = []
        assert backend.rebuild([updated, new], progress=done.append) == 2
        assert sum(done) == 2
        assert sorted(find()) == ["Hospitales", "Nuevo"]
        assert find("escuelas") == []
        assert find("antiguo") == []
