"""DCAT-AP documents: the catalog (paged with Hydra) and each dataset."""

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect

from ceiba.api.formats.http import document, public_read
from ceiba.catalog import selectors
from ceiba.interop import dcat, reads


def _format(extension: str) -> dcat.RdfFormat:
    rdf_format = dcat.FORMATS.get(extension)
    if rdf_format is None:
        raise Http404()
    return rdf_format


@public_read
def catalog_document(request: HttpRequest, extension: str) -> HttpResponse:
    """A page of the catalog: ``?page=N&page_size=M`` (at most 1,000 a page)."""
    rdf_format = _format(extension)
    number, size = reads.page_params(
        request.GET.get("page"), request.GET.get("page_size")
    )
    page = reads.catalog_page(number=number, size=size)
    graph = dcat.catalog_graph(page, extension=extension)
    return document(dcat.serialize(graph, rdf_format), rdf_format.media_type)


@public_read
def dataset_document(request: HttpRequest, slug: str, extension: str) -> HttpResponse:
    rdf_format = _format(extension)
    dataset = selectors.dataset_get(slug=slug, actor=request.user)
    versions = selectors.version_list(dataset=dataset)
    body = dcat.dataset_rdf(dataset, versions=versions, rdf_format=rdf_format)
    return document(
        body, rdf_format.media_type, last_modified=reads.last_change(dataset)
    )


@public_read
def dataset_identifier(request: HttpRequest, dataset_id: str) -> HttpResponse:
    """A dataset's permanent identifier: 303 See Other to its page (which answers
    RDF too, by content negotiation)."""
    dataset = selectors.dataset_get_by_id(dataset_id=dataset_id, actor=None)
    response = HttpResponseRedirect(dataset.get_absolute_url())
    response.status_code = 303
    return response


@public_read
def catalog_identifier(request: HttpRequest) -> HttpResponse:
    response = HttpResponseRedirect("/catalog.ttl")
    response.status_code = 303
    return response
