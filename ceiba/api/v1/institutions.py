"""Publishers: ministries, secretariats, municipalities…"""

from typing import Annotated

from django.http import HttpRequest
from ninja import Path, Query, Router, Schema
from pydantic import Field

from ceiba.api.v1 import present
from ceiba.api.v1.pagination import page_links, page_slice
from ceiba.api.v1.params import allowed_names, reject_unknown
from ceiba.api.v1.schemas import InstitutionOut, InstitutionPageOut
from ceiba.catalog.selectors import institution_get, institution_list

router = Router(tags=["institutions"])


class InstitutionPage(Schema):
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(50, ge=1, le=100)


@router.get(
    "/institutions",
    response=InstitutionPageOut,
    url_name="institution-list",
    summary="List institutions",
)
def institution_list_view(request: HttpRequest, paging: Query[InstitutionPage]) -> dict:
    """Every publishing institution, by name, with its count of published
    datasets."""
    reject_unknown(request, allowed_names(InstitutionPage))
    institutions = institution_list().select_related("parent")
    total = institutions.count()
    page = institutions[page_slice(paging.page, paging.page_size)]
    return {
        "total": total,
        "page": paging.page,
        "page_size": paging.page_size,
        **page_links(
            request, page=paging.page, page_size=paging.page_size, total=total
        ),
        "results": [present.institution_out(request, i) for i in page],
    }


@router.get(
    "/institutions/{slug}",
    response=InstitutionOut,
    url_name="institution-detail",
    summary="One institution",
)
def institution_detail(
    request: HttpRequest,
    slug: Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,80}$")],
) -> dict:
    reject_unknown(request, ())
    return present.institution_out(request, institution_get(slug=slug))
