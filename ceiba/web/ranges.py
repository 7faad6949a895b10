"""File responses that resume: ETag, Last-Modified, conditional GET and byte ranges."""

import re
from collections.abc import Iterator
from email.utils import formatdate
from typing import IO

from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import parse_http_date_safe

_RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024


def _parse_range(header: str, size: int) -> tuple[int, int] | None | bool:
    """The byte span (start, end inclusive) asked for.

    None means serve the whole file; False means the range cannot be satisfied.
    """
    match = _RANGE_RE.match(header.strip())
    if not match:
        return None  # several or malformed ranges: RFC 9110 allows the whole file
    first, last = match.groups()
    if first == "" and last == "":
        return None
    if first == "":
        length = int(last)
        if length == 0:
            return False
        return max(size - length, 0), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or start > end:
        return False
    return start, end


def _not_modified(request: HttpRequest, etag: str, last_modified: float) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        tags = [t.strip() for t in if_none_match.split(",")]
        return "*" in tags or etag in tags or f"W/{etag}" in tags
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and int(last_modified) <= since


def _range_applies(request: HttpRequest, etag: str, last_modified: float) -> bool:
    if_range = request.headers.get("If-Range")
    if if_range is None:
        return True
    if if_range.startswith('"'):
        return if_range == etag
    date = parse_http_date_safe(if_range)
    return date is not None and int(last_modified) <= date


def _iter_slice(handle: IO[bytes], start: int, length: int) -> Iterator[bytes]:
    try:
        handle.seek(start)
        remaining = length
        while remaining > 0:
            chunk = handle.read(min(CHUNK, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        handle.close()


def ranged_file_response(
    request: HttpRequest,
    *,
    handle: IO[bytes],
    size: int,
    filename: str,
    content_type: str,
    etag: str,
    last_modified: float,
    cache_control: str,
) -> HttpResponse:
    """Serve ``handle`` honouring conditional requests, Range and If-Range."""
    headers = {
        "ETag": etag,
        "Last-Modified": formatdate(last_modified, usegmt=True),
        "Accept-Ranges": "bytes",
        "Cache-Control": cache_control,
    }
    if _not_modified(request, etag, last_modified):
        handle.close()
        response: HttpResponse = HttpResponseNotModified()
    else:
        wanted = request.headers.get("Range")
        span = (
            _parse_range(wanted, size)
            if wanted and _range_applies(request, etag, last_modified)
            else None
        )
        if span is False:
            handle.close()
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
        elif span:
            start, end = span
            response = FileResponse(
                _iter_slice(handle, start, end - start + 1),
                status=206,
                as_attachment=True,
                filename=filename,
                content_type=content_type,
            )
            response["Content-Range"] = f"bytes {start}-{end}/{size}"
            response["Content-Length"] = str(end - start + 1)
        else:
            response = FileResponse(
                handle, as_attachment=True, filename=filename, content_type=content_type
            )
            response["Content-Length"] = str(size)
    for name, value in headers.items():
        response[name] = value
    return response
