"""What the Atom feeds say: new and updated datasets (for the portal, an
institution or a theme) and the versions of one dataset."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from ceiba.catalog import selectors
from ceiba.common.markdown import render_markdown
from ceiba.interop import uris

FEED_SIZE = 50


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    link: str
    updated: dt.datetime
    published: dt.datetime | None
    summary: str
    author: str
    categories: list[str] = field(default_factory=list)


def _newest(queryset: QuerySet) -> list[Any]:
    return list(
        queryset.select_related("publisher").order_by("-modified", "-issued")[
            :FEED_SIZE
        ]
    )


def datasets_all() -> list[Any]:
    return _newest(selectors.dataset_list_public())


def datasets_of_institution(institution: Any) -> list[Any]:
    return _newest(selectors.dataset_list_public(publisher_id=institution.pk))


def datasets_of_theme(theme: Any) -> list[Any]:
    """A local theme's datasets; an EU theme's include those of its local themes."""
    queryset = selectors.dataset_list_public().filter(
        Q(themes__code=theme.code) | Q(themes__eu_theme_id=theme.code)
    )
    return _newest(queryset.distinct())


def dataset_entry(dataset: Any) -> Entry:
    updated = dataset.modified or dataset.issued or dataset.updated_at
    return Entry(
        id=uris.dataset_uri(dataset),
        title=dataset.title,
        link=uris.dataset_page(dataset),
        updated=updated,
        published=dataset.issued,
        summary=render_markdown(dataset.description),
        author=dataset.publisher.name,
        categories=list(dataset.keywords),
    )


def version_entry(dataset: Any, version: Any) -> Entry:
    title = gettext("Version %(number)s: %(change)s") % {
        "number": version.number,
        "change": version.get_kind_display(),
    }
    changed = [c.get("field") or c.get("title", "") for c in version.changes]
    names = ", ".join(str(name) for name in changed if name)
    summary = gettext("Changed: %(names)s") % {"names": names} if names else ""
    return Entry(
        id=uris.version_page(dataset, version.number),
        title=title,
        link=uris.version_page(dataset, version.number),
        updated=version.created_at,
        published=version.created_at,
        summary=summary,
        author=dataset.publisher.name,
    )
