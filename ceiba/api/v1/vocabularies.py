"""Controlled vocabularies: themes, places (INE codes), licences, frequencies."""

from typing import Annotated

from django.http import HttpRequest
from ninja import Path, Router

from ceiba.api.v1 import present
from ceiba.api.v1.params import reject_unknown
from ceiba.api.v1.schemas import (
    FrequencyListOut,
    LicenceListOut,
    PlaceDetailOut,
    PlaceListOut,
    ThemeListOut,
    ThemeOut,
)
from ceiba.catalog.selectors import (
    department_list,
    frequency_list,
    licence_list,
    place_children,
    place_get,
    theme_get,
    theme_list_all,
)

router = Router(tags=["vocabularies"])
Code = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,64}$")]


@router.get(
    "/themes", response=ThemeListOut, url_name="theme-list", summary="List themes"
)
def theme_list(request: HttpRequest) -> dict:
    """Local themes (what the portal shows) and the EU data themes they map to."""
    reject_unknown(request, ())
    themes = [present.theme_out(request, t) for t in theme_list_all()]
    return {"total": len(themes), "results": themes}


@router.get(
    "/themes/{code}", response=ThemeOut, url_name="theme-detail", summary="One theme"
)
def theme_detail(request: HttpRequest, code: Code) -> dict:
    reject_unknown(request, ())
    return present.theme_out(request, theme_get(code=code))


@router.get(
    "/places",
    response=PlaceListOut,
    url_name="place-list",
    summary="List departments",
)
def place_list(request: HttpRequest) -> dict:
    """Guatemala's 22 departments; each one's municipalities are in its detail."""
    reject_unknown(request, ())
    places = [present.place_out(request, p) for p in department_list()]
    return {"total": len(places), "results": places}


@router.get(
    "/places/{ref}",
    response=PlaceDetailOut,
    url_name="place-detail",
    summary="One place, with the places in it",
)
def place_detail(request: HttpRequest, ref: Code) -> dict:
    """A place by its slug (as in ``url``), with its municipalities."""
    reject_unknown(request, ())
    place = place_get(slug=ref)
    return {
        **present.place_out(request, place),
        "children": [
            present.place_out(request, p) for p in place_children(place=place)
        ],
    }


@router.get(
    "/licences",
    response=LicenceListOut,
    url_name="licence-list",
    summary="List licences",
)
def licence_list_view(request: HttpRequest) -> dict:
    reject_unknown(request, ())
    licences = [
        {"code": lic.code, "label": lic.label, "url": lic.url, "is_open": lic.is_open}
        for lic in licence_list()
    ]
    return {"total": len(licences), "results": licences}


@router.get(
    "/frequencies",
    response=FrequencyListOut,
    url_name="frequency-list",
    summary="List update frequencies",
)
def frequency_list_view(request: HttpRequest) -> dict:
    reject_unknown(request, ())
    frequencies = [
        {**present.term(f), "labels": f.labels, "period_days": f.period_days}
        for f in frequency_list()
    ]
    return {"total": len(frequencies), "results": frequencies}
