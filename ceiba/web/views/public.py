"""Public pages: home, dataset, history, institutions, themes and places."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from ceiba.catalog import selectors
from ceiba.common.markdown import render_markdown
from ceiba.datastore.selectors import datastore_tables_for_distribution
from ceiba.interop import dcat, schemaorg
from ceiba.interop.negotiation import rdf_format_for
from ceiba.web.citation import citation_for
from ceiba.web.views.search import search_context


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/home.html",
        {
            "themes": selectors.theme_list_local(),
            "institutions": selectors.institution_list().filter(dataset_count__gt=0)[
                :18
            ],
            "newest": selectors.dataset_list_newest(limit=6),
            "most_downloaded": selectors.dataset_list_most_downloaded(limit=6),
            "dataset_total": selectors.dataset_list_public().count(),
            "catalog_jsonld": schemaorg.script_json(schemaorg.data_catalog()),
        },
    )


def _dataset_context(request: HttpRequest, slug: str) -> dict[str, Any]:
    dataset = selectors.dataset_get(slug=slug, actor=request.user)
    english = (
        dataset.translations.get("en", {}) if request.LANGUAGE_CODE == "en" else {}
    )
    versions = list(selectors.version_list(dataset=dataset)[:5])
    tables = [
        (file, table)
        for file in dataset.live_distributions
        for table in datastore_tables_for_distribution(distribution_id=file.pk)
    ]
    url = request.build_absolute_uri(dataset.get_absolute_url())
    return {
        "dataset": dataset,
        "title": english.get("title") or dataset.title,
        "description_html": render_markdown(
            english.get("description") or dataset.description
        ),
        "files": dataset.live_distributions,
        "tables": tables,
        "versions": versions,
        "citation": citation_for(dataset, url=url, version=versions[0].number),
        "dataset_jsonld": schemaorg.script_json(
            schemaorg.dataset_jsonld(
                dataset, tables=[t for _, t in tables], version=versions[0].number
            )
        ),
    }


@require_safe
def dataset_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The dataset's page, or its DCAT-AP RDF when the Accept header prefers
    Turtle, RDF/XML or JSON-LD to HTML (content negotiation)."""
    rdf_format = rdf_format_for(request.headers.get("Accept", ""))
    if rdf_format is None:
        context = _dataset_context(request, slug)
        response = render(request, "web/dataset_detail.html", context)
    else:
        dataset = selectors.dataset_get(slug=slug, actor=request.user)
        versions = selectors.version_list(dataset=dataset)
        body = dcat.dataset_rdf(dataset, versions=versions, rdf_format=rdf_format)
        content_type = f"{rdf_format.media_type}; charset=utf-8"
        response = HttpResponse(body, content_type=content_type)
    patch_vary_headers(response, ["Accept"])
    return response


@require_safe
def dataset_history(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = selectors.dataset_get(slug=slug, actor=request.user)
    return render(
        request,
        "web/dataset_history.html",
        {"dataset": dataset, "versions": selectors.version_list(dataset=dataset)},
    )


@require_safe
def version_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    dataset = selectors.dataset_get(slug=slug, actor=request.user)
    version = selectors.version_get(dataset=dataset, number=number)
    withheld = selectors.revisions_withheld(dataset=dataset)
    files = [
        {**file, "withheld": withheld.get((file["id"], file.get("revision")), "")}
        for file in version.snapshot.get("files", [])
    ]
    return render(
        request,
        "web/version_detail.html",
        {"dataset": dataset, "version": version, "files": files},
    )


@require_safe
def institution_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/institution_list.html",
        {"institutions": selectors.institution_list()},
    )


@require_safe
def institution_detail(request: HttpRequest, slug: str) -> HttpResponse:
    institution = selectors.institution_get(slug=slug)
    context = search_context(request, fixed={"institution": [institution.slug]})
    return render(
        request, "web/institution_detail.html", {"institution": institution, **context}
    )


@require_safe
def theme_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "web/theme_list.html", {"themes": selectors.theme_list_local()}
    )


@require_safe
def theme_detail(request: HttpRequest, code: str) -> HttpResponse:
    theme = selectors.theme_get(code=code)
    context = search_context(request, fixed={"theme": [theme.code]})
    return render(request, "web/theme_detail.html", {"theme": theme, **context})


@require_safe
def place_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "web/place_list.html", {"departments": selectors.department_list()}
    )


@require_safe
def place_detail(request: HttpRequest, slug: str) -> HttpResponse:
    place = selectors.place_get(slug=slug)
    context = search_context(request, fixed={"place": [place.code]})
    children = selectors.place_children(place=place)
    return render(
        request,
        "web/place_detail.html",
        {"place": place, "children": children, **context},
    )
