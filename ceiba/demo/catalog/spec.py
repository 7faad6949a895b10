"""The shapes of the demo catalog's content: institutions, datasets and their files.

Plain frozen dataclasses, no Django: the content modules next to this one fill them
in, ``ceiba.demo.files`` turns a file's ``Table`` or ``Points`` into bytes and
``ceiba.demo.services`` writes everything through the catalog's services.
"""

from dataclasses import dataclass
from typing import Literal

Geo = Literal["departamento", "municipio", ""]
Period = Literal["anio", "trimestre", "mes", "dia", ""]

# Monthly factors of Guatemala's rainy season (May to October).
RAINY_SEASON = (0.05, 0.05, 0.1, 0.3, 0.9, 1.0, 0.75, 0.8, 1.0, 0.9, 0.3, 0.1)

LAIP = "Ley de Acceso a la Información Pública, Decreto 57-2008, artículo 10"


@dataclass(frozen=True)
class DemoInstitution:
    """A real Guatemalan institution, as the demo presents it."""

    slug: str
    name: str
    acronym: str
    kind: str
    place: str
    description: str
    website: str = ""
    parent: str = ""

    @property
    def email(self) -> str:
        """A contact address under the reserved ``.example`` domain: no mail leaves."""
        return f"uip@{self.slug}.demo.example"

    @property
    def contact_name(self) -> str:
        return f"Unidad de Información Pública, {self.acronym or self.name}"


@dataclass(frozen=True)
class Measure:
    """A numeric column: values drawn between ``low`` and ``high``.

    ``growth`` is the yearly drift (0.03 is 3 % more each year); rates use 0.
    ``season`` holds twelve monthly factors for monthly tables (rain, dengue…).
    """

    name: str
    low: float
    high: float
    decimals: int = 0
    growth: float = 0.03
    season: tuple[float, ...] = ()


@dataclass(frozen=True)
class Category:
    """A column of labels; the table has one row per label (and per place, period)."""

    column: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table: one row per period × place × category combination.

    ``within`` restricts places to these department codes (departments, or their
    municipalities). ``semicolon`` writes ``;`` separators and decimal commas, as
    many ministries publish.
    """

    measures: tuple[Measure, ...]
    years: tuple[int, int]
    geo: Geo = "departamento"
    period: Period = "anio"
    categories: tuple[Category, ...] = ()
    within: tuple[str, ...] = ()
    semicolon: bool = False


@dataclass(frozen=True)
class Points:
    """A GeoJSON layer of ``count`` points spread over departments."""

    feature: str
    count: int
    measures: tuple[Measure, ...] = ()
    within: tuple[str, ...] = ()
    year: int | None = None


@dataclass(frozen=True)
class DemoFile:
    """A generated file. With ``earlier_filename`` it is first uploaded under that
    name covering one year less, then replaced: its history shows two revisions."""

    filename: str
    title: str
    content: Table | Points
    earlier_filename: str = ""


@dataclass(frozen=True)
class DemoLink:
    url: str
    title: str
    format: str = "HTML"


@dataclass(frozen=True)
class DemoDataset:
    """A dataset of the demo. ``summary`` is Markdown; the demo notice is added."""

    slug: str
    publisher: str
    title: str
    summary: str
    themes: tuple[str, ...]
    keywords: tuple[str, ...]
    frequency: str
    files: tuple[DemoFile, ...]
    places: tuple[str, ...] = ("GT",)
    licence: str = "CC-BY-4.0"
    sdg_targets: tuple[str, ...] = ()
    legal_basis: str = LAIP
    links: tuple[DemoLink, ...] = ()
    update_note: str = ""
    later_keywords: tuple[str, ...] = ()

    @property
    def years(self) -> tuple[int, int] | None:
        """The period the files cover, once every file has its latest revision."""
        spans = [_span(f.content) for f in self.files]
        found = [s for s in spans if s is not None]
        if not found:
            return None
        return min(s[0] for s in found), max(s[1] for s in found)

    @property
    def has_replacements(self) -> bool:
        return any(f.earlier_filename for f in self.files)

    @property
    def is_updated_later(self) -> bool:
        """Whether a later metadata edit shows up in the dataset's history."""
        return self.has_replacements or bool(self.update_note or self.later_keywords)


def _span(content: Table | Points) -> tuple[int, int] | None:
    if isinstance(content, Table):
        return content.years
    return (content.year, content.year) if content.year else None
