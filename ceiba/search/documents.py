"""What the search index holds for a dataset, and how each part weighs.

This is the one declaration both backends follow: the text fields in rank order with
their weights, the facets, and ``document_for_dataset`` that builds a document from a
dataset loaded by ``ceiba.catalog.selectors``.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID

from ceiba.search import text

if TYPE_CHECKING:
    from ceiba.catalog.models import Dataset, Distribution, Place

# A field keeps at most this many terms, so a huge description cannot bloat the
# index (PostgreSQL refuses a tsvector over 1 MB).
MAX_FIELD_TERMS = 10_000
MAX_FACET_VALUE_LENGTH = 255


@dataclass(frozen=True)
class SearchField:
    """A text field: ``weight`` feeds FTS5's bm25() and PostgreSQL's ts_rank()."""

    name: str
    weight: float
    pg_label: str


# In rank order: a match in an earlier field always ranks first (see "tier" in
# backends/base.py); the weights order results within a tier.
SEARCH_FIELDS: tuple[SearchField, ...] = (
    SearchField("title", 1.0, "A"),
    SearchField("keywords", 0.5, "B"),
    SearchField("publisher", 0.3, "C"),
    SearchField("body", 0.1, "D"),
)

FACETS: tuple[str, ...] = (
    "theme",
    "institution",
    "place",
    "format",
    "licence",
    "keyword",
    "frequency",
)


@dataclass(frozen=True)
class SearchDocument:
    dataset_id: UUID
    title: str
    issued: datetime
    modified: datetime
    keywords: tuple[str, ...] = ()
    publisher: str = ""  # the institution's name and acronym
    body: str = ""  # description, file titles and file names
    facets: dict[str, list[str]] = field(default_factory=dict)
    download_count: int = 0
    slug: str = ""
    # A draft is indexed too, found only by those who may see it (its publisher's
    # members, portal administrators).
    public: bool = True
    publisher_id: int | None = None
    # When the catalog record was created and last changed; issued and modified
    # when not given.
    created_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def title_sort(self) -> str:
        """The title as sorted by name: folded words, so accents and signs do not
        move it (``¿Dónde…?`` sorts under d)."""
        return " ".join(text.fold(self.title))

    def field_text(self, name: str) -> str:
        if name == "keywords":
            return "\n".join(self.keywords)
        return str(getattr(self, name))

    def field_terms(self) -> dict[str, list[str]]:
        """Each search field's normalised terms, the only text a backend indexes."""
        return {
            f.name: text.terms(self.field_text(f.name))[:MAX_FIELD_TERMS]
            for f in SEARCH_FIELDS
        }

    def facet_rows(self) -> list[tuple[str, str]]:
        """Each (facet, value) once, cut to the length the index keeps."""
        rows = (
            (name, value.replace("\x00", "")[:MAX_FACET_VALUE_LENGTH])
            for name in FACETS
            for value in self.facets.get(name, ())
            if value
        )
        return list(dict.fromkeys(rows))


def document_for_dataset(dataset: "Dataset") -> SearchDocument:
    """The document of a live dataset, public or draft, loaded with its details
    (publisher, licence, frequency, themes, places with their parents, live
    distributions)."""
    files = _live_distributions(dataset)
    publisher = dataset.publisher
    issued = dataset.issued or dataset.created_at
    return SearchDocument(
        dataset_id=dataset.id,
        title=dataset.title,
        keywords=tuple(dataset.keywords or ()),
        publisher=" ".join(filter(None, [publisher.name, publisher.acronym])),
        body="\n".join(_body_parts(dataset.description, files)),
        facets=_facets(dataset, files),
        issued=issued,
        modified=dataset.modified or issued,
        download_count=dataset.download_count,
        slug=dataset.slug,
        public=dataset.is_published,
        publisher_id=dataset.publisher_id,
        created_at=dataset.created_at,
        updated_at=dataset.updated_at,
    )


def _live_distributions(dataset: "Dataset") -> list["Distribution"]:
    live = getattr(dataset, "live_distributions", None)
    if live is not None:
        return list(live)
    return [d for d in dataset.distributions.all() if d.deleted_at is None]


def _body_parts(description: str, files: Iterable["Distribution"]) -> Iterator[str]:
    yield description
    for distribution in files:
        yield distribution.title
        if distribution.current_revision is not None:
            yield distribution.current_revision.filename


def _facets(dataset: "Dataset", files: list["Distribution"]) -> dict[str, list[str]]:
    return {
        "theme": sorted(theme.code for theme in dataset.themes.all()),
        "institution": [dataset.publisher.slug],
        "place": sorted({code for p in dataset.places.all() for code in _lineage(p)}),
        "format": sorted({d.format.upper() for d in files if d.format}),
        "licence": [dataset.licence_id] if dataset.licence_id else [],
        "keyword": list(dataset.keywords or ()),
        "frequency": [dataset.frequency_id] if dataset.frequency_id else [],
    }


def _lineage(place: "Place | None") -> Iterator[str]:
    """A place's code and its ancestors' codes: a municipality is also found under
    its department and the country."""
    seen: set[str] = set()
    while place is not None and place.code not in seen:
        seen.add(place.code)
        yield place.code
        place = place.parent
