"""Organizations (our institutions), groups (our themes) and tags (keywords)."""

from collections import Counter
from typing import Any

from django.db.models import QuerySet

from ceiba.api.ckan import lookups
from ceiba.api.ckan.call import Call
from ceiba.api.ckan.errors import MissingParameterError
from ceiba.api.ckan.serializers import group_dict, organization_dict, tag_dict
from ceiba.catalog import selectors
from ceiba.search.selectors import SearchQuery, dataset_search

MAX_DATASETS = 1000
MAX_LIST = 1000
ORDERINGS = {
    "name": "slug",
    "title": "name",
    "package_count": "dataset_count",
}


def _order(call: Call, default: str) -> list[str]:
    """CKAN's ``sort``: "name asc", "title desc", "package_count desc"…"""
    field, _, direction = call.params.text("sort", default).strip().partition(" ")
    column = ORDERINGS.get(field.strip(), ORDERINGS["name"])
    return [("-" if direction.strip().lower() == "desc" else "") + column, "slug"]


def _paged(call: Call, items: list[Any]) -> list[Any]:
    offset = call.params.integer("offset", 0)
    limit = call.params.integer("limit", MAX_LIST, low=1, high=MAX_LIST)
    return items[offset : offset + limit]


def _datasets_of(call: Call, facet: str, value: str) -> list[dict[str, Any]]:
    results = dataset_search(
        query=SearchQuery(
            filters={facet: [value]}, sort="name", start=0, page_size=MAX_DATASETS
        )
    )
    return lookups.packages(
        call, selectors.dataset_list_by_ids(ids=results.dataset_ids)
    )


def _names(call: Call, name: str) -> set[str]:
    return {str(v) for v in call.params.items(name)}


def organization_list(call: Call) -> list[Any]:
    institutions: QuerySet = selectors.institution_list().order_by(
        *_order(call, "name asc")
    )
    wanted = _names(call, "organizations")
    if wanted:
        institutions = institutions.filter(slug__in=wanted)
    page = _paged(call, list(institutions))
    if not call.params.boolean("all_fields"):
        return [i.slug for i in page]
    return [organization_dict(i, call.absolute) for i in page]


def organization_show(call: Call) -> dict[str, Any]:
    ref = call.params.text("id").strip() or call.params.text("name").strip()
    if not ref:
        raise MissingParameterError("id")
    institution = lookups.institution_by_ref(ref)
    body = organization_dict(institution, call.absolute)
    body["users"] = []
    if call.params.boolean("include_datasets", False):
        body["packages"] = _datasets_of(call, "institution", institution.slug)
    return body


def group_list(call: Call) -> list[Any]:
    themes = list(selectors.theme_list_local())
    field, _, direction = call.params.text("sort", "name asc").partition(" ")
    key = {"title": lambda t: t.label, "package_count": lambda t: t.dataset_count}.get(
        field.strip(), lambda t: t.code
    )
    themes.sort(key=key, reverse=direction.strip().lower() == "desc")
    wanted = _names(call, "groups")
    if wanted:
        themes = [t for t in themes if t.code in wanted]
    page = _paged(call, themes)
    if not call.params.boolean("all_fields"):
        return [t.code for t in page]
    return [group_dict(t, call.absolute) for t in page]


def group_show(call: Call) -> dict[str, Any]:
    ref = call.params.text("id").strip() or call.params.text("name").strip()
    if not ref:
        raise MissingParameterError("id")
    theme = lookups.theme_by_ref(ref)
    counted = {t.code: t for t in selectors.theme_list_local()}
    body = group_dict(counted.get(theme.code, theme), call.absolute)
    body["users"] = []
    if call.params.boolean("include_datasets", False):
        body["packages"] = _datasets_of(call, "theme", theme.code)
    return body


def tag_list(call: Call) -> list[Any]:
    """Keywords of published datasets, alphabetically; ``query`` filters them."""
    counts: Counter[str] = Counter()
    for keywords in selectors.dataset_list_public().values_list("keywords", flat=True):
        counts.update(keywords or ())
    query = call.params.text("query").strip().lower()
    names = sorted(name for name in counts if query in name.lower())
    if call.params.boolean("all_fields"):
        return [tag_dict(name) for name in names]
    return names
