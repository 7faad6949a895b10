"""Links between pages: ``next`` and ``previous`` are absolute URLs of the same
request with another ``page`` (lists) or ``cursor`` (table rows)."""

from django.http import HttpRequest


def url_with(request: HttpRequest, **changes: str | int | None) -> str:
    """This request's absolute URL with some parameters changed (None removes)."""
    query = request.GET.copy()
    for name, value in changes.items():
        if value is None:
            query.pop(name, None)
        else:
            query[name] = str(value)
    encoded = query.urlencode()
    return request.build_absolute_uri(request.path + (f"?{encoded}" if encoded else ""))


def page_links(
    request: HttpRequest, *, page: int, page_size: int, total: int
) -> dict[str, str | None]:
    last = max(1, -(-total // page_size))
    return {
        "next": url_with(request, page=page + 1) if page < last else None,
        "previous": (url_with(request, page=min(page - 1, last)) if page > 1 else None),
    }


def page_slice(page: int, page_size: int) -> slice:
    start = (page - 1) * page_size
    return slice(start, start + page_size)
