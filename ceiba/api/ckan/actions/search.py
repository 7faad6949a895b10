"""``package_search``: CKAN's search parameters over our search index."""

import json
from typing import Any
from uuid import UUID

from django.utils.translation import gettext as _

from ceiba.api.ckan import lookups, solr
from ceiba.api.ckan.call import Call
from ceiba.api.ckan.envelope import RawJSON
from ceiba.api.ckan.errors import ParameterError, SearchQueryError
from ceiba.catalog import selectors
from ceiba.catalog.permissions import is_portal_admin
from ceiba.search.selectors import SearchQuery, SearchResults, dataset_search

MAX_ROWS = 1000
DEFAULT_ROWS = 10
KNOWN = {
    "q", "fq", "fq_list", "rows", "start", "sort", "facet", "facet.field",
    "facet.limit", "facet.mincount", "include_private", "include_drafts",
    "include_deleted", "use_default_schema", "defType", "qf", "bf", "boost", "mm",
    "df", "wt", "fl", "extras", "callback", "_",
}  # fmt: skip
SORTS = {
    "score desc, metadata_modified desc": "relevance",
    "score desc": "relevance",
    "relevance asc": "relevance",
    "metadata_modified desc": "updated",
    "metadata_created desc": "newest",
    "name asc": "name",
    "title_string asc": "name",
    "views_recent desc": "downloads",
    "views_total desc": "downloads",
}
# Our search facets -> CKAN's facet field names.
FACET_NAMES = {facet: name for name, facet in solr.FIELDS.items()}
FACET_NAMES["institution"] = "organization"


def _sort(call: Call) -> tuple[str, str]:
    raw = " ".join(call.params.text("sort").lower().replace(",", ", ").split())
    if not raw:
        return "relevance", "score desc, metadata_modified desc"
    if raw not in SORTS:
        raise SearchQueryError(
            detail=_("Cannot sort by “%(sort)s”. Use one of: %(sorts)s.")
            % {"sort": raw[:100], "sorts": "; ".join(SORTS)}
        )
    return SORTS[raw], raw


def _parse_filters(call: Call) -> solr.Parsed:
    parsed = solr.parse(call.params.text("q"), solr.Parsed(), in_q=True)
    solr.parse(call.params.text("fq"), parsed)
    for clause in call.params.items("fq_list"):
        solr.parse(str(clause), parsed)
    return parsed


def _private(actor: object) -> dict[str, Any]:
    """The drafts (CKAN's private datasets) the caller may see: those of the
    institutions they belong to, or every one for portal administrators."""
    if not getattr(actor, "is_authenticated", False):
        return {}
    if is_portal_admin(actor):
        return {"all_drafts": True}
    institutions = selectors.institution_list_for_actor(actor=actor)
    return {"drafts_of": tuple(i.pk for i in institutions)} if institutions else {}


def _facet_fields(call: Call) -> list[str]:
    """The fields to count values of. As in CKAN, none unless asked for: counting
    costs a pass over every match."""
    if not call.params.boolean("facet", True):
        return []
    raw = call.params.raw("facet.field")
    if raw in (None, ""):
        return []
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        raise ParameterError("facet.field", _("Must be a list of field names."))
    return raw


def _facets(call: Call, results: SearchResults) -> dict[str, Any]:
    limit = call.params.integer("facet.limit", 50, low=-1)
    limit = 50 if limit < 0 else limit
    facets: dict[str, dict[str, int]] = {}
    search_facets: dict[str, Any] = {}
    for name in _facet_fields(call):
        ours = solr.FIELDS.get(name)
        counts = results.facets.get(ours, [])[:limit] if ours else []
        facets[name] = {c.value: c.count for c in counts}
        search_facets[name] = {
            "title": name,
            "items": [
                {"name": c.value, "display_name": c.value, "count": c.count}
                for c in counts
            ],
        }
    return {"facets": facets, "search_facets": search_facets}


def _fields(call: Call, rows: list[Any]) -> list[Any]:
    """``rows``: packages as RawJSON or as dictionaries."""
    wanted = [f.strip() for f in call.params.text("fl").split(",") if f.strip()]
    if not wanted:
        return rows
    packages = [json.loads(r.data) if isinstance(r, RawJSON) else r for r in rows]
    return [{k: package.get(k) for k in wanted} for package in packages]


def package_search(call: Call) -> dict[str, Any]:
    unknown = sorted(call.params.keys() - KNOWN)
    if unknown:
        raise SearchQueryError(
            detail=_("Invalid search parameters: %s") % ", ".join(unknown)[:300]
        )
    rows = call.params.integer("rows", DEFAULT_ROWS, high=MAX_ROWS)
    start = call.params.integer("start", 0)
    sort, sort_text = _sort(call)
    parsed = _parse_filters(call)
    include_private = call.params.boolean("include_private", False)
    actor = call.reader()
    private = _private(actor) if include_private else {}
    results = dataset_search(
        query=SearchQuery(
            text=" ".join(parsed.text),
            where=parsed.condition(),
            sort=sort,
            start=start,
            page_size=max(rows, 1),
            match="any" if parsed.any_word else "all",
            facets=bool(_facet_fields(call)),
            **private,
        )
    )
    ids = results.dataset_ids[:rows]
    return {
        "count": results.total,
        "sort": sort_text,
        "results": _fields(call, _packages(call, ids, actor if private else None)),
        **_facets(call, results),
    }


def _packages(call: Call, ids: list[UUID], actor: object) -> list[Any]:
    """Stored bodies of public packages; a page that may hold drafts is serialized
    (stored bodies are public packages only)."""
    if actor is None:
        return lookups.package_bodies(call, ids)
    return lookups.packages(call, selectors.dataset_list_by_ids(ids=ids, actor=actor))
