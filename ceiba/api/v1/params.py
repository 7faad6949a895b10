"""Query-string helpers shared by the routers: unknown parameters are refused, and
list parameters may be repeated (``?sort=a&sort=-b``) or comma-separated."""

from collections.abc import Collection, Iterable

from django.http import HttpRequest
from pydantic import BaseModel

from ceiba.api.v1.errors import UnknownParameterError


def allowed_names(*models: type[BaseModel]) -> frozenset[str]:
    """The query-string names the ``models`` accept (their aliases, if any)."""
    return frozenset(
        field.alias or name
        for model in models
        for name, field in model.model_fields.items()
    )


def reject_unknown(request: HttpRequest, allowed: Collection[str]) -> None:
    """Refuse parameters the operation does not know, so a typo is not ignored."""
    unknown = sorted(set(request.GET) - set(allowed))
    if unknown:
        raise UnknownParameterError(name=unknown[0][:100])


def split_names(values: Iterable[str], known: Collection[str] = ()) -> list[str]:
    """Names from repeated or comma-separated values; a value that is itself a
    known name (a column called ``"a,b"``) is kept whole."""
    names: list[str] = []
    for value in values:
        if value in known:
            names.append(value)
        else:
            names.extend(part.strip() for part in value.split(",") if part.strip())
    return names
