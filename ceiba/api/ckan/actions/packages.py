"""Reading datasets: lists, one dataset, its history."""

from typing import Any

from ceiba.api.ckan import lookups
from ceiba.api.ckan.call import Call
from ceiba.api.ckan.envelope import RawJSON
from ceiba.api.ckan.errors import MissingParameterError
from ceiba.api.ckan.serializers import activity_dict
from ceiba.catalog import selectors

MAX_LIST = 1000
MAX_ACTIVITIES = 100


def _ref(call: Call, *names: str) -> str:
    for name in names:
        value = call.params.text(name).strip()
        if value:
            return value
    raise MissingParameterError(names[0])


def package_list(call: Call) -> list[str]:
    """Names of the published datasets. Without ``limit``, all of them (as CKAN)."""
    offset = call.params.integer("offset", 0)
    limit = call.params.integer("limit", 0)
    names = (
        selectors.dataset_list_public().order_by("slug").values_list("slug", flat=True)
    )
    if limit:
        return list(names[offset : offset + limit])
    return list(names[offset:])


def current_package_list_with_resources(call: Call) -> list[dict[str, Any]]:
    limit = call.params.integer("limit", MAX_LIST, low=1, high=MAX_LIST)
    page = call.params.integer("page", 0)
    offset = call.params.integer("offset", 0)
    if page:
        offset = (page - 1) * limit
    ids = (
        selectors.dataset_list_public()
        .order_by("-updated_at", "id")
        .values_list("pk", flat=True)[offset : offset + limit]
    )
    return lookups.packages(call, selectors.dataset_list_by_ids(ids=list(ids)))


def package_show(call: Call) -> RawJSON:
    return lookups.package_body(call, _ref(call, "id", "name"))


def package_activity_list(call: Call) -> list[dict[str, Any]]:
    dataset = lookups.dataset_by_ref(_ref(call, "id", "name"), call.reader())
    offset = call.params.integer("offset", 0)
    limit = call.params.integer("limit", 31, low=1, high=MAX_ACTIVITIES)
    versions = selectors.version_list(dataset=dataset)[offset : offset + limit]
    return [activity_dict(version, dataset) for version in versions]
