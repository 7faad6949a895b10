"""A CKAN source of 10,000 datasets, read through real HTTP paging (the full
harvest of it is timed by bench/harvest.py)."""

import pytest

from ceiba.harvest.fetch import Fetcher
from ceiba.harvest.readers.base import ReaderOptions
from ceiba.harvest.readers.ckan import CkanReader
from tests.harvest.fixtures.ckan import CkanPortal, package


@pytest.mark.slow
def test_ten_thousand_datasets_are_listed_once_each(site):
    portal = CkanPortal([package(n) for n in range(10_000)])
    url = portal.mount(site)
    reader = CkanReader(ReaderOptions(url=url, page_size=1000), Fetcher())

    identifiers = [record.identifier for record in reader.records()]

    assert len(identifiers) == len(set(identifiers)) == 10_000
    assert reader.complete and reader.total == 10_000
    assert portal.calls == 10
