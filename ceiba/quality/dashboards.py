"""What the quality dashboards show, each figure with its explanation: read from
the stored daily figures, so a page costs a handful of small queries."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.formats import get_format
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ceiba.catalog.exceptions import InstitutionNotFoundError
from ceiba.catalog.models import Institution
from ceiba.quality.charts import LineChart, line_chart
from ceiba.quality.figures import Figures, history, ranking
from ceiba.quality.indicators.registry import MAX_POINTS
from ceiba.quality.models import DatasetQuality, SourceStatus


@dataclass(frozen=True)
class FigureCard:
    key: str
    label: str | Promise
    value: float | int | None
    unit: str
    detail: str | Promise
    explanation: str | Promise


@dataclass(frozen=True)
class TableRow:
    """A table row already formatted for the page: a header cell and the others."""

    key: str
    header: str
    cells: tuple[str, ...]
    link: str = ""

    @property
    def number_cells(self) -> SafeString:
        """The cells as ``<td class="num">`` elements, drawn here because hundreds
        of them cost a template (or ``format_html_join``) more than the rest of
        the page; every cell is escaped."""
        return mark_safe(  # noqa: S308 - built from escaped text only
            "".join(f'<td class="num">{escape(cell)}</td>' for cell in self.cells)
        )


@dataclass
class Dashboard:
    institution: Institution | None
    figures: Figures | None
    cards: list[FigureCard] = field(default_factory=list)
    charts: list[LineChart] = field(default_factory=list)
    series: list[Figures] = field(default_factory=list)
    ranking: list[TableRow] = field(default_factory=list)
    table: list[TableRow] = field(default_factory=list)
    out_of_date: list[DatasetQuality] = field(default_factory=list)
    broken: list[DatasetQuality] = field(default_factory=list)
    broken_sources: list[SourceStatus] = field(default_factory=list)
    max_score: int = MAX_POINTS


def _cards(f: Figures) -> list[FigureCard]:
    return [
        FigureCard(
            "datasets", _("Published datasets"), f.datasets, "", "",
            _("Datasets anyone can see and download. Drafts and deleted datasets "
              "do not count."),
        ),
        FigureCard(
            "up_to_date", _("Up to date"), f.share_up_to_date, "%",
            _("%(n)s of %(total)s with a regular frequency")
            % {"n": f.up_to_date, "total": f.periodic},
            _("Of the datasets that declare a regular update frequency (daily, "
              "monthly, yearly…), the share whose data was updated within that "
              "period plus 20 %. A change of files counts; an edit of the "
              "description does not. The others are marked “out of date”."),
        ),
        FigureCard(
            "average_score", _("Average metadata quality"), f.average_score,
            f"/{MAX_POINTS}", "",
            _("The average of the datasets' metadata quality scores, by the method "
              "of the European data portal (MQA): points for being findable, "
              "accessible, interoperable, reusable and described in context, out "
              "of 405."),
        ),
        FigureCard(
            "valid", _("Valid tables"), f.share_valid, "%",
            ngettext("%(n)s of %(total)s dataset with tables",
                     "%(n)s of %(total)s datasets with tables", f.with_tables)
            % {"n": f.valid, "total": f.with_tables},
            _("Of the datasets whose files the portal turned into tables, the share "
              "whose every table passed validation (no rows with errors)."),
        ),
        FigureCard(
            "broken_links", _("Broken links"), f.broken_links, "",
            ngettext("of %(total)s link checked", "of %(total)s links checked", f.links)
            % {"total": f.links},
            _("Links to files on other websites that did not answer when the portal "
              "last checked them (checked every day)."),
        ),
        *_source_cards(f),
        FigureCard(
            "open_licence", _("Open licence"), f.share_open_licence, "%",
            ngettext("%(n)s dataset", "%(n)s datasets", f.open_licence)
            % {"n": f.open_licence},
            _("The share of datasets whose licence lets anyone reuse the data, "
              "also commercially (such as CC BY 4.0 or CC0)."),
        ),
        FigureCard(
            "open_format", _("Open format"), f.share_open_format, "%",
            ngettext("%(n)s dataset", "%(n)s datasets", f.open_format)
            % {"n": f.open_format},
            _("The share of datasets with at least one file in an open format "
              "(CSV, JSON, ODS…) that any program can open without a licence."),
        ),
    ]  # fmt: skip


def _source_cards(f: Figures) -> list[FigureCard]:
    """Only where portals are harvested: elsewhere the figure means nothing."""
    if not f.sources:
        return []
    return [
        FigureCard(
            "broken_sources", _("Harvested portals not answering"), f.broken_sources,
            "",
            ngettext("of %(total)s portal checked", "of %(total)s portals checked",
                     f.sources) % {"total": f.sources},
            _("Portals whose catalogs this portal gathers that did not answer when "
              "the portal last checked their address (checked every day). Their "
              "datasets stay listed, but may fall out of date until they answer."),
        )
    ]  # fmt: skip


def _charts(series: list[Figures]) -> list[LineChart]:
    return [
        line_chart(key="up_to_date", title=_("Up to date (%)"), series=series,
                   value=lambda f: f.share_up_to_date, maximum=100, unit="%"),
        line_chart(key="average_score", title=_("Average metadata quality (points)"),
                   series=series, value=lambda f: f.average_score, maximum=MAX_POINTS),
        line_chart(key="valid", title=_("Valid tables (%)"), series=series,
                   value=lambda f: f.share_valid, maximum=100, unit="%"),
        line_chart(key="open_format", title=_("Open format (%)"), series=series,
                   value=lambda f: f.share_open_format, maximum=100, unit="%"),
        line_chart(key="broken_links", title=_("Broken links"), series=series,
                   value=lambda f: f.broken_links),
    ]  # fmt: skip


def _formatters() -> tuple[Callable[[object], str], Callable[[object], str]]:
    """Numbers in the page's language, fast: the tables hold hundreds of them."""
    decimal = get_format("DECIMAL_SEPARATOR")
    thousands = get_format("THOUSAND_SEPARATOR")

    def integer(value: object) -> str:
        return "—" if value is None else f"{value:,}".replace(",", thousands)

    def one_decimal(value: object) -> str:
        if value is None:
            return "—"
        text = f"{value:,.1f}".replace(",", "\0").replace(".", decimal)
        return text.replace("\0", thousands)

    return integer, one_decimal


def _day_label() -> Callable[[dt.date], str]:
    """``date_format(day, "j M Y")``, with the month names looked up once."""
    months = [date_format(dt.date(2000, month, 1), "M") for month in range(1, 13)]
    return lambda day: f"{day.day} {months[day.month - 1]} {day.year}"


def _day_rows(series: list[Figures]) -> list[TableRow]:
    integer, number = _formatters()
    label = _day_label()
    return [
        TableRow(
            key=f.date.isoformat(),
            header=label(f.date),
            cells=(
                integer(f.datasets),
                number(f.share_up_to_date),
                number(f.average_score),
                number(f.share_valid),
                number(f.share_open_format),
                integer(f.broken_links),
            ),
        )  # fmt: skip
        for f in reversed(series)
    ]


def _ranking_rows(ranked: list[Figures]) -> list[TableRow]:
    integer, number = _formatters()
    return [
        TableRow(
            key=str(position) if f.datasets else "—",
            header=f.institution.name,
            link=f.institution.slug,
            cells=(
                integer(f.datasets),
                number(f.average_score),
                number(f.share_up_to_date),
                number(f.share_valid),
                number(f.share_open_licence),
                number(f.share_open_format),
                integer(f.broken_links),
            ),
        )  # fmt: skip
        for position, f in enumerate(ranked, start=1)
    ]


def _public_of(institution: Institution) -> QuerySet[DatasetQuality]:
    return (
        DatasetQuality.objects.filter(publisher=institution, is_public=True)
        .select_related("dataset")
        .only("due_at", "broken_links", "dataset__slug", "dataset__title")
    )


def dashboard_institution_get(*, slug: str) -> Institution:
    """The institution of a dashboard, without the count of its datasets that the
    catalog's selector adds (the figures carry it; counting tens of thousands of
    datasets would cost more than the rest of the page)."""
    institution = Institution.objects.filter(slug=slug, deleted_at__isnull=True).first()
    if institution is None:
        raise InstitutionNotFoundError()
    return institution


def dashboard_get(*, institution: Institution | None = None) -> Dashboard:
    series = history(institution=institution)
    figures = series[-1] if series else None
    board = Dashboard(institution=institution, figures=figures, series=series)
    if figures is None:
        return board
    board.cards = _cards(figures)
    board.charts = _charts(series)
    board.table = _day_rows(series)
    if institution is None:
        board.ranking = _ranking_rows(ranking(date=figures.date))
    else:
        public = _public_of(institution)
        board.out_of_date = list(
            public.filter(due_at__lt=timezone.now()).order_by("due_at")[:50]
        )
        board.broken = list(
            public.filter(broken_links__gt=0).order_by("-broken_links")[:50]
        )
        if figures.broken_sources:
            board.broken_sources = list(
                SourceStatus.objects.filter(
                    source__institution=institution,
                    source__active=True,
                    source__url=F("url"),
                    is_broken=True,
                ).select_related("source")
            )
    return board
