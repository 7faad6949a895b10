"""A dataset's history: every version, with what changed, and each snapshot."""

from typing import Annotated

from django.http import HttpRequest
from ninja import Path, Query, Router, Schema
from pydantic import Field

from ceiba.api.v1 import present
from ceiba.api.v1.datasets import RefPath
from ceiba.api.v1.lookups import dataset_for_request
from ceiba.api.v1.pagination import page_links, page_slice
from ceiba.api.v1.params import allowed_names, reject_unknown
from ceiba.api.v1.schemas import VersionDetailOut, VersionPageOut
from ceiba.catalog.selectors import version_get, version_list

router = Router(tags=["versions"])


class VersionPage(Schema):
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(20, ge=1, le=100)


@router.get(
    "/datasets/{ref}/versions",
    response=VersionPageOut,
    url_name="version-list",
    summary="The history of a dataset",
)
def version_list_view(
    request: HttpRequest, ref: RefPath, paging: Query[VersionPage]
) -> dict:
    """Versions, newest first, each with the changes it made (before and after)."""
    reject_unknown(request, allowed_names(VersionPage))
    dataset = dataset_for_request(request, ref)
    versions = version_list(dataset=dataset)
    total = versions.count()
    page = versions[page_slice(paging.page, paging.page_size)]
    return {
        "total": total,
        "page": paging.page,
        "page_size": paging.page_size,
        **page_links(
            request, page=paging.page, page_size=paging.page_size, total=total
        ),
        "results": [present.version_out(request, dataset, v) for v in page],
    }


@router.get(
    "/datasets/{ref}/versions/{number}",
    response=VersionDetailOut,
    url_name="version-detail",
    summary="One version of a dataset",
)
def version_detail(
    request: HttpRequest,
    ref: RefPath,
    number: Annotated[int, Path(ge=1, le=2_147_483_647)],
) -> dict:
    """A version: what changed and the whole dataset as it was after the change."""
    reject_unknown(request, ())
    dataset = dataset_for_request(request, ref)
    version = version_get(dataset=dataset, number=number)
    return {
        **present.version_out(request, dataset, version),
        "snapshot": version.snapshot if isinstance(version.snapshot, dict) else {},
    }
