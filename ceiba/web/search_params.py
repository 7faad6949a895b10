"""Reading a search from the query string and writing links that change it.

Every facet, sort and page is a plain link, so search works without JavaScript.
"""

from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

FACETS = ("theme", "institution", "place", "format", "licence", "keyword", "frequency")
FACET_TITLES = {
    "theme": _("Theme"),
    "institution": _("Institution"),
    "place": _("Place"),
    "format": _("Format"),
    "licence": _("Licence"),
    "keyword": _("Keyword"),
    "frequency": _("Update frequency"),
}
SORTS = {
    "relevance": _("Relevance"),
    "newest": _("Newest"),
    "updated": _("Recently updated"),
    "name": _("Name"),
    "downloads": _("Most downloaded"),
}
MAX_QUERY_CHARS = 500


@dataclass(frozen=True)
class SearchParams:
    text: str
    filters: dict[str, list[str]]
    sort: str
    page: int
    match: str

    @classmethod
    def from_querydict(cls, params: QueryDict) -> "SearchParams":
        filters = {
            name: sorted({v for v in params.getlist(name) if v})[:10]
            for name in FACETS
            if params.getlist(name)
        }
        sort = params.get("sort", "")
        try:
            page = max(1, min(int(params.get("page", "1")), 10_000))
        except ValueError:
            page = 1
        return cls(
            text=" ".join(params.get("q", "").split())[:MAX_QUERY_CHARS],
            filters={k: v for k, v in filters.items() if v},
            sort=sort
            if sort in SORTS
            else ("relevance" if params.get("q") else "newest"),
            page=page,
            match="any" if params.get("match") == "any" else "all",
        )

    def to_querydict(self) -> QueryDict:
        query = QueryDict(mutable=True)
        if self.text:
            query["q"] = self.text
        for name, values in self.filters.items():
            query.setlist(name, values)
        query["sort"] = self.sort
        if self.match == "any":
            query["match"] = "any"
        if self.page > 1:
            query["page"] = str(self.page)
        return query

    def url(self, **changes: object) -> str:
        params = SearchParams(
            text=changes.get("text", self.text),  # type: ignore[arg-type]
            filters=changes.get("filters", self.filters),  # type: ignore[arg-type]
            sort=changes.get("sort", self.sort),  # type: ignore[arg-type]
            page=changes.get("page", 1),  # type: ignore[arg-type]
            match=changes.get("match", self.match),  # type: ignore[arg-type]
        )
        return "?" + params.to_querydict().urlencode()

    def with_filter(self, name: str, value: str) -> str:
        values = sorted({*self.filters.get(name, []), value})
        return self.url(filters={**self.filters, name: values})

    def without_filter(self, name: str, value: str) -> str:
        values = [v for v in self.filters.get(name, []) if v != value]
        filters = {k: v for k, v in self.filters.items() if k != name}
        if values:
            filters[name] = values
        return self.url(filters=filters)
