"""Line charts drawn on the server as SVG geometry: no JavaScript, no library.

A template draws the ``<svg>`` from a ``LineChart``; the same figures are always
given as a table too, for screen readers and for people who prefer numbers.
"""

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.functional import Promise

from ceiba.quality.figures import Figures

WIDTH, HEIGHT = 640, 180
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 10, 26


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class LineChart:
    key: str
    title: str | Promise
    unit: str
    points: str
    last_value: float | None
    first_date: dt.date | None
    last_date: dt.date | None
    ticks: list[Tick]
    dots: list[tuple[float, float]]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    bottom_y: int = HEIGHT - BOTTOM
    right_x: int = WIDTH - RIGHT

    @property
    def is_empty(self) -> bool:
        return not self.points


def _scale_max(values: Sequence[float], fixed: float | None) -> float:
    if fixed is not None:
        return fixed
    top = max(values, default=0)
    return max(1.0, top * 1.1)


def line_chart(
    *,
    key: str,
    title: str | Promise,
    series: Sequence[Figures],
    value: Callable[[Figures], float | None],
    maximum: float | None = None,
    unit: str = "",
) -> LineChart:
    """A chart of ``value`` over the days of ``series`` (days without a value leave
    a gap in the dots but the line joins the known ones)."""
    known = [(f.date, v) for f in series if (v := value(f)) is not None]
    top = _scale_max([v for _, v in known], maximum)
    span_x = WIDTH - LEFT - RIGHT
    span_y = HEIGHT - TOP - BOTTOM
    count = max(len(series) - 1, 1)
    index = {f.date: i for i, f in enumerate(series)}
    coords = [
        (
            round(LEFT + span_x * index[date] / count, 1),
            round(TOP + span_y * (1 - v / top), 1),
        )
        for date, v in known
    ]
    ticks = [
        Tick(y=round(TOP + span_y * (1 - fraction), 1), label=f"{top * fraction:.0f}")
        for fraction in (0, 0.5, 1)
    ]
    return LineChart(
        key=key,
        title=title,
        unit=unit,
        points=" ".join(f"{x},{y}" for x, y in coords),
        last_value=known[-1][1] if known else None,
        first_date=series[0].date if series else None,
        last_date=series[-1].date if series else None,
        ticks=ticks,
        dots=coords[-1:] if coords else [],
    )
