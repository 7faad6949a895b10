"""The actions of the CKAN Action API, by CKAN's names."""

import inspect
from collections.abc import Callable
from typing import Any

from ceiba.api.ckan.actions import (
    datastore,
    groups,
    packages,
    resources,
    search,
    site,
    writes,
)
from ceiba.api.ckan.call import Call
from ceiba.api.ckan.errors import UnknownActionError

Action = Callable[[Call], Any]

READS: dict[str, Action] = {
    "status_show": site.status_show,
    "site_read": site.site_read,
    "license_list": site.license_list,
    "package_list": packages.package_list,
    "current_package_list_with_resources": packages.current_package_list_with_resources,
    "package_show": packages.package_show,
    "package_activity_list": packages.package_activity_list,
    "package_search": search.package_search,
    "resource_show": resources.resource_show,
    "resource_search": resources.resource_search,
    "organization_list": groups.organization_list,
    "organization_show": groups.organization_show,
    "group_list": groups.group_list,
    "group_show": groups.group_show,
    "tag_list": groups.tag_list,
    "datastore_search": datastore.datastore_search,
    "datastore_info": datastore.datastore_info,
}
WRITE_ACTIONS: dict[str, Action] = {
    "package_create": writes.package_create,
    "package_update": writes.package_update,
    "package_patch": writes.package_patch,
    "package_delete": writes.package_delete,
    "resource_create": resources.resource_create,
    "resource_update": resources.resource_update,
    "resource_patch": resources.resource_patch,
    "resource_delete": resources.resource_delete,
}
ACTIONS: dict[str, Action] = {**READS, **WRITE_ACTIONS}
WRITES = frozenset(WRITE_ACTIONS)


def help_show(call: Call) -> str:
    """What an action does: its documentation, as CKAN's ``help_show``."""
    name = call.params.required("name")
    action = ACTIONS.get(name)
    if action is None:
        raise UnknownActionError(action=name[:100])
    return inspect.getdoc(action) or name


ACTIONS["help_show"] = help_show
