"""Facet values as people read them: labels for codes, and links to narrow or widen."""

from dataclasses import dataclass

from ceiba.catalog.selectors import (
    frequency_list,
    institution_list,
    licence_list,
    place_labels,
    theme_list_all,
)
from ceiba.search.selectors import FacetCount, SearchResults
from ceiba.web.search_params import FACET_TITLES, FACETS, SearchParams


@dataclass(frozen=True)
class FacetLink:
    value: str
    label: str
    count: int
    url: str
    active: bool


@dataclass(frozen=True)
class FacetGroup:
    name: str
    title: str
    links: list[FacetLink]


def _labels(name: str, values: list[str]) -> dict[str, str]:
    if name == "theme":
        return {t.code: t.label for t in theme_list_all()}
    if name == "institution":
        return dict(
            institution_list().filter(slug__in=values).values_list("slug", "name")
        )
    if name == "place":
        return place_labels(codes=values)
    if name == "licence":
        return {lic.code: lic.label for lic in licence_list()}
    if name == "frequency":
        return {f.code: f.label for f in frequency_list()}
    return {}


def facet_groups(
    results: SearchResults, params: SearchParams, hidden: set[str], limit: int = 12
) -> list[FacetGroup]:
    groups = []
    for name in FACETS:
        if name in hidden:
            continue
        counts: list[FacetCount] = results.facets.get(name, [])[:limit]
        active = set(params.filters.get(name, []))
        values = [c.value for c in counts] + sorted(active - {c.value for c in counts})
        labels = _labels(name, values)
        links = [
            FacetLink(
                value=c.value,
                label=labels.get(c.value, c.value),
                count=c.count,
                url=(
                    params.without_filter(name, c.value)
                    if c.value in active
                    else params.with_filter(name, c.value)
                ),
                active=c.value in active,
            )
            for c in counts
        ]
        if links:
            groups.append(
                FacetGroup(name=name, title=str(FACET_TITLES[name]), links=links)
            )
    return groups


def active_filters(params: SearchParams) -> list[FacetLink]:
    """The filters in force, each with the link that removes it."""
    chips = []
    for name, values in params.filters.items():
        labels = _labels(name, values)
        chips.extend(
            FacetLink(
                value=value,
                label=f"{FACET_TITLES[name]}: {labels.get(value, value)}",
                count=0,
                url=params.without_filter(name, value),
                active=True,
            )
            for value in values
        )
    return chips
