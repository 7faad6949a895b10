"""Datasets: the list (filters, sort, pages), search with facets, and one dataset
with its files, tables and their data dictionaries."""

from typing import Annotated, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Path, Query, Router, Schema
from pydantic import Field

from ceiba.api.v1 import present
from ceiba.api.v1.lookups import (
    DATASET_REF,
    dataset_changed_at,
    dataset_for_request,
    set_last_modified,
)
from ceiba.api.v1.pagination import page_links
from ceiba.api.v1.params import allowed_names, reject_unknown
from ceiba.api.v1.schemas import DatasetOut, DatasetPageOut, SearchOut, TableListOut
from ceiba.catalog.selectors import dataset_list_by_ids
from ceiba.quality.selectors import quality_for_datasets
from ceiba.search.selectors import SearchQuery, SearchResults, dataset_search

router = Router(tags=["datasets"])

FACETS = ("theme", "institution", "place", "format", "licence", "keyword", "frequency")
MAX_PAGE_SIZE = 100
FacetValue = Annotated[str, Field(min_length=1, max_length=255)]
FacetValues = list[FacetValue]
FACET_HELP = "Repeat to require several values (all must match)."


class DatasetFilters(Schema):
    q: str = Field(
        "", max_length=500, description="Words to find in titles, keywords, etc."
    )
    theme: FacetValues = Field(
        [], max_length=20, description="Theme code. " + FACET_HELP
    )
    institution: FacetValues = Field(
        [], max_length=20, description="Institution slug. " + FACET_HELP
    )
    place: FacetValues = Field(
        [], max_length=20, description="INE place code (01, 0101…). " + FACET_HELP
    )
    format: FacetValues = Field([], max_length=20, description="File format (CSV…).")
    licence: FacetValues = Field([], max_length=20, description="SPDX licence id.")
    keyword: FacetValues = Field([], max_length=20, description="Keyword.")
    frequency: FacetValues = Field(
        [], max_length=20, description="Update frequency code (ANNUAL…)."
    )
    match: Literal["all", "any"] = Field(
        "all", description="Whether all the words of q must match, or any."
    )
    sort: Literal["relevance", "newest", "updated", "name", "downloads"] | None = Field(
        None, description="Order; relevance when q is given, else newest."
    )
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


ALLOWED = allowed_names(DatasetFilters)


def search_datasets(
    request: HttpRequest, filters: DatasetFilters
) -> tuple[SearchResults, dict]:
    """Run the search and build the page envelope (without facets)."""
    reject_unknown(request, ALLOWED)
    text = filters.q.replace("\x00", "")
    query = SearchQuery(
        text=text,
        filters={name: getattr(filters, name) for name in FACETS},
        sort=filters.sort or ("relevance" if text.strip() else "newest"),
        page=filters.page,
        page_size=filters.page_size,
        match=filters.match,
    )
    results = dataset_search(query=query)
    datasets = dataset_list_by_ids(ids=results.dataset_ids)
    quality = quality_for_datasets([d.pk for d in datasets])
    body = {
        "total": results.total,
        "page": filters.page,
        "page_size": filters.page_size,
        **page_links(
            request,
            page=filters.page,
            page_size=filters.page_size,
            total=results.total,
        ),
        "results": [
            present.dataset_summary(request, d, quality.get(d.pk)) for d in datasets
        ],
    }
    return results, body


@router.get(
    "/datasets",
    response=DatasetPageOut,
    url_name="dataset-list",
    summary="List published datasets",
)
def dataset_list(request: HttpRequest, filters: Query[DatasetFilters]) -> dict:
    """Published datasets, filtered by facets and words, in pages."""
    _, body = search_datasets(request, filters)
    return body


@router.get(
    "/search", response=SearchOut, url_name="search", summary="Search with facets"
)
def search(request: HttpRequest, filters: Query[DatasetFilters]) -> dict:
    """The dataset list plus, for each facet, the values found among all matches
    and how many datasets have each."""
    results, body = search_datasets(request, filters)
    body["facets"] = {
        name: [
            {"value": f.value, "count": f.count} for f in results.facets.get(name, [])
        ]
        for name in FACETS
    }
    return body


RefPath = Annotated[
    str, Path(pattern=DATASET_REF, description="The dataset's slug or id.")
]


@router.get(
    "/datasets/{ref}",
    response=DatasetOut,
    url_name="dataset-detail",
    summary="One dataset",
)
def dataset_detail(request: HttpRequest, ref: RefPath, response: HttpResponse) -> dict:
    """A dataset with its files, their tables and data dictionaries. Drafts are
    found only with a token of a member of the publishing institution."""
    reject_unknown(request, ())
    dataset = dataset_for_request(request, ref)
    set_last_modified(response, dataset_changed_at(dataset))
    quality = quality_for_datasets([dataset.pk]).get(dataset.pk)
    return present.dataset_out(request, dataset, quality)


@router.get(
    "/datasets/{ref}/tables",
    response=TableListOut,
    url_name="dataset-tables",
    summary="The tables of a dataset",
)
def dataset_tables(request: HttpRequest, ref: RefPath) -> dict:
    """Every queryable table of the dataset's current files."""
    reject_unknown(request, ())
    dataset = dataset_for_request(request, ref)
    tables = present.dataset_tables(request, dataset)
    return {"total": len(tables), "results": tables}
