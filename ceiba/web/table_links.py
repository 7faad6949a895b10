"""Links that change a table preview: sort by a column, filter by a value, page.

Plain links in Datasette's query-string convention, so the preview needs no script.
"""

import re
from typing import Any

from django.http import QueryDict

from ceiba.datastore.query.preview import TablePreview

_PAGING = ("_page", "_next")


class TableLinks:
    def __init__(self, params: QueryDict, preview: TablePreview) -> None:
        self.params = params
        self.preview = preview

    def _with(self, drop: tuple[str, ...] = (), **values: Any) -> str:
        query = self.params.copy()
        for name in (*drop, *_PAGING):
            query.pop(name, None)
        for name, value in values.items():
            query[name] = str(value)
        encoded = query.urlencode()
        return f"?{encoded}" if encoded else "?"

    def sort(self, column: str) -> str:
        """Ascending first; a second click on the sorted column reverses it."""
        if self.preview.sort == (column, "asc"):
            return self._with(drop=("_sort",), _sort_desc=column)
        return self._with(drop=("_sort_desc",), _sort=column)

    def sort_state(self, column: str) -> str:
        if self.preview.sort and self.preview.sort[0] == column:
            return "ascending" if self.preview.sort[1] == "asc" else "descending"
        return "none"

    def filter(self, column: str, value: Any) -> str:
        query = self.params.copy()
        for name in _PAGING:
            query.pop(name, None)
        query.setlist(column, [str(value)])
        return "?" + query.urlencode()

    def active_filters(self) -> list[tuple[str, str, str]]:
        """(column, value, link that removes it) for each filter in force."""
        chips = []
        for column, values in self.preview.filters.items():
            for value in values:
                query = self.params.copy()
                query.setlist(column, [v for v in values if v != value])
                for name in _PAGING:
                    query.pop(name, None)
                chips.append((column, value, "?" + query.urlencode()))
        return chips

    def page(self, number: int) -> str:
        return self._with(_page=number)

    @property
    def has_next(self) -> bool:
        return self.preview.page * self.preview.page_size < self.preview.total

    @property
    def num_pages(self) -> int:
        size = self.preview.page_size
        return max(1, (self.preview.total + size - 1) // size)

    def export(self) -> str:
        """The query string of the current filters and search, for downloads."""
        query = self.params.copy()
        for name in (*_PAGING, "_size", "_sort", "_sort_desc"):
            query.pop(name, None)
        encoded = query.urlencode()
        return f"?{encoded}" if encoded else ""


NUMERIC_TYPES = {"integer", "number"}
# Numbers that identify rather than count: summing them means nothing.
NOT_SUMMED = re.compile(
    r"(^|_)(anio|ano|year|mes|month|dia|day|codigo|cod|code|id)(_|$)"
)
LINKABLE_TYPES = {"string", "integer", "boolean", "date"}
MAX_LINKED_LENGTH = 80


def columns_for_page(links: TableLinks) -> list[dict[str, Any]]:
    return [
        {
            "name": c.name,
            "title": c.title or c.name,
            "type": c.type,
            "sort_url": links.sort(c.name),
            "aria_sort": links.sort_state(c.name),
        }
        for c in links.preview.columns
    ]


def rows_for_page(links: TableLinks) -> list[list[dict[str, Any]]]:
    """Each cell with its value, and a link that keeps only rows with that value."""
    columns = links.preview.columns
    return [
        [
            _cell(links, column.name, column.type, row.get(column.name))
            for column in columns
        ]
        for row in links.preview.rows
    ]


def _cell(links: TableLinks, name: str, kind: str, value: Any) -> dict[str, Any]:
    linkable = (
        value is not None
        and kind in LINKABLE_TYPES
        and len(str(value)) <= MAX_LINKED_LENGTH
    )
    return {
        "value": value,
        "numeric": kind in NUMERIC_TYPES,
        "link": links.filter(name, value) if linkable else "",
    }


def totals_for_page(links: TableLinks) -> list[dict[str, Any]]:
    """Sums of numeric columns over the filtered rows ([] when none were computed)."""
    columns = links.preview.columns
    if not any(c.sum is not None for c in columns):
        return []
    return [
        {
            "value": None if NOT_SUMMED.search(c.name) else c.sum,
            "numeric": c.type in NUMERIC_TYPES,
        }
        for c in columns
    ]
