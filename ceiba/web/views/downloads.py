"""File downloads: the stable "latest" address and each revision's permanent one."""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_safe

from ceiba.catalog import selectors
from ceiba.catalog.models import DistributionKind, DistributionRevision
from ceiba.catalog.services import distribution_record_download
from ceiba.catalog.storage import blob_open
from ceiba.web.ranges import ranged_file_response

LATEST_CACHE = "public, max-age=60"
PERMANENT_CACHE = "public, max-age=31536000, immutable"


def _is_first_request(request: HttpRequest) -> bool:
    """A resumed download (a Range past the first byte) is not a new download."""
    wanted = request.headers.get("Range", "")
    return request.method == "GET" and (not wanted or wanted.startswith("bytes=0-"))


def _serve(
    request: HttpRequest, revision: DistributionRevision, cache_control: str
) -> HttpResponse:
    return ranged_file_response(
        request,
        handle=blob_open(revision.storage_name),
        size=revision.byte_size,
        filename=revision.filename,
        content_type=revision.media_type or "application/octet-stream",
        etag=f'"{revision.sha256}"',
        last_modified=revision.created_at.timestamp(),
        cache_control=cache_control,
    )


@require_safe
def distribution_latest(
    request: HttpRequest, slug: str, distribution_id: str
) -> HttpResponse:
    """Always the current version of a file (or the link it points to)."""
    dataset = selectors.dataset_get(slug=slug, actor=request.user)
    distribution = selectors.distribution_get(
        dataset=dataset, distribution_id=distribution_id
    )
    if _is_first_request(request):
        distribution_record_download(distribution=distribution)
    if distribution.kind == DistributionKind.LINK:
        return HttpResponseRedirect(distribution.access_url)
    selectors.revision_check_served(revision=distribution.current_revision)
    cache = LATEST_CACHE if dataset.is_published else "private, no-store"
    return _serve(request, distribution.current_revision, cache)


@require_safe
def distribution_revision(
    request: HttpRequest, slug: str, distribution_id: str, number: int, filename: str
) -> HttpResponse:
    """One revision of a file, forever at the same address (also after removal)."""
    dataset = selectors.dataset_get(slug=slug, actor=request.user)
    distribution = selectors.distribution_get(
        dataset=dataset, distribution_id=distribution_id, include_removed=True
    )
    revision = selectors.revision_get(distribution=distribution, number=number)
    if _is_first_request(request):
        distribution_record_download(distribution=distribution)
    cache = PERMANENT_CACHE if dataset.is_published else "private, no-store"
    return _serve(request, revision, cache)
