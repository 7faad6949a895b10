"""The quality history as a table: one row per day and institution (and the
country), the rows of ``/calidad/historial.csv`` and of the published dataset."""

import csv
import io
from collections.abc import Iterator

from ceiba.quality.figures import Figures, ranking
from ceiba.quality.indicators.registry import MAX_POINTS
from ceiba.quality.models import QualitySnapshot

COLUMNS = [
    "fecha", "institucion", "nombre", "conjuntos", "puntaje_promedio",
    "puntaje_maximo", "estrellas_promedio", "con_frecuencia_regular", "al_dia",
    "porcentaje_al_dia", "con_tablas", "validos", "porcentaje_validos", "enlaces",
    "enlaces_rotos", "licencia_abierta", "porcentaje_licencia_abierta",
    "formato_abierto", "porcentaje_formato_abierto", "portales_cosechados",
    "portales_sin_respuesta",
]  # fmt: skip
COUNTRY = "GT"


def figures_row(figures: Figures) -> list[object]:
    s = figures.snapshot
    institution = s.institution
    return [
        s.date.isoformat(),
        institution.slug if institution else COUNTRY,
        institution.name if institution else "Guatemala",
        s.datasets,
        figures.average_score,
        MAX_POINTS,
        figures.average_stars,
        s.periodic,
        s.up_to_date,
        figures.share_up_to_date,
        s.with_tables,
        s.valid,
        figures.share_valid,
        s.links,
        s.broken_links,
        s.open_licence,
        figures.share_open_licence,
        s.open_format,
        figures.share_open_format,
        s.sources,
        s.broken_sources,
    ]


def history_rows() -> Iterator[list[object]]:
    """The header, then every snapshot, by date, the country first each day."""
    yield COLUMNS
    rows = (
        QualitySnapshot.objects.select_related("institution")
        .order_by("date", "institution__slug")
        .iterator(chunk_size=2000)
    )
    for row in rows:
        yield [("" if v is None else v) for v in figures_row(Figures(row))]


def csv_lines(rows: Iterator[list[object]]) -> Iterator[str]:
    """Rows as CSV text, a line at a time (for streaming)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def ranking_rows() -> Iterator[list[object]]:
    """The national ranking of the latest day: a rank, then the history columns."""
    yield ["puesto", *COLUMNS]
    for position, figures in enumerate(ranking(), start=1):
        rank = position if figures.datasets else ""
        yield [rank, *[("" if v is None else v) for v in figures_row(figures)]]
