"""The dataset search page, also embedded in institution, theme and place pages."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ceiba.catalog.selectors import dataset_list_by_ids
from ceiba.search.selectors import SearchQuery, dataset_search
from ceiba.web.facets import active_filters, facet_groups
from ceiba.web.search_params import SORTS, SearchParams


def search_context(
    request: HttpRequest, fixed: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    """Run the search the query string asks for, within ``fixed`` filters."""
    fixed = fixed or {}
    params = SearchParams.from_querydict(request.GET)
    params = SearchParams(
        text=params.text,
        filters={k: v for k, v in params.filters.items() if k not in fixed},
        sort=params.sort,
        page=params.page,
        match=params.match,
    )
    results = dataset_search(
        query=SearchQuery(
            text=params.text,
            filters={**params.filters, **fixed},
            sort=params.sort,
            page=params.page,
            page_size=settings.CEIBA_PAGE_SIZE,
            match=params.match,
        )
    )
    return {
        "params": params,
        "results": results,
        "datasets": dataset_list_by_ids(ids=results.dataset_ids),
        "facets": facet_groups(results, params, hidden=set(fixed)),
        "active_filters": active_filters(params),
        "sorts": [(key, label, params.url(sort=key)) for key, label in SORTS.items()],
        "previous_url": params.url(page=params.page - 1)
        if results.has_previous
        else "",
        "next_url": params.url(page=params.page + 1) if results.has_next else "",
        "broader_url": params.url(match="any") if params.match == "all" else "",
        "unfiltered_url": params.url(filters={}) if params.filters else "",
    }


def dataset_search_view(request: HttpRequest) -> HttpResponse:
    return render(request, "web/search.html", search_context(request))
