"""Another Ceiba portal, through its CKAN-compatible API.

Our own ``package_search`` writes every DCAT field CKAN has no place for in
``extras`` (frequency and place codes, issued and modified, the English title…), and
its groups are our theme codes, so nothing is lost between two Ceiba portals.

It sorts by ``metadata_modified`` but cannot filter by it, so an incremental run
lists every id with its ``metadata_modified`` (``fl``), reads in full
(``package_show``) the records changed since the last complete run and those we do
not have, and counts the others unchanged; the listing also tells which records
are gone from the source.
"""

from collections.abc import Iterator
from typing import Any

from ceiba.harvest.readers.base import ReadFailure, as_datetime
from ceiba.harvest.readers.ckan import CkanReader, _package_id
from ceiba.harvest.records import SourceRecord

LISTING_FIELDS = "id,name,metadata_modified"


class CeibaReader(CkanReader):
    type = "ceiba"

    def records(self) -> Iterator[SourceRecord | ReadFailure]:
        if self.options.since is None:
            yield from super().records()
            return
        self.incremental = True
        wanted = []
        for item in self._listing(since=False, fields=LISTING_FIELDS):
            if isinstance(item, ReadFailure):
                yield item
            elif self._changed(item):
                wanted.append(_package_id(item))
        for key in wanted:
            yield self._show(key)

    def _changed(self, item: dict[str, Any]) -> bool:
        """Modified since the last complete run (or its date unreadable), or not
        ours yet (new, or back at the source)."""
        if _package_id(item) not in self.options.known:
            return True
        modified = as_datetime(item.get("metadata_modified"))
        return modified is None or modified >= self.options.since

    def page(self, package: dict[str, Any]) -> str:
        return str(package.get("ckan_url") or super().page(package))
