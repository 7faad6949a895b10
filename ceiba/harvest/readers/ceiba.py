"""Another Ceiba portal, through its CKAN-compatible API.

Our own ``package_search`` writes every DCAT field CKAN has no place for in
``extras`` (frequency and place codes, issued and modified, the English title…), and
its groups are our theme codes, so nothing is lost between two Ceiba portals.
"""

from typing import Any

from ceiba.harvest.readers.ckan import CkanReader


class CeibaReader(CkanReader):
    type = "ceiba"
    # Our package_search sorts by metadata_modified but does not filter by it.
    supports_since = False

    def page(self, package: dict[str, Any]) -> str:
        return str(package.get("ckan_url") or super().page(package))
