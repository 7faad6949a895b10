"""What an indicator is, and the facts about a dataset that indicators read.

Facts are plain values loaded in bulk (``ceiba.quality.facts``), so scoring a
hundred thousand datasets runs no query per dataset.
"""

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from uuid import UUID

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Dimension(StrEnum):
    FINDABILITY = "findability"
    ACCESSIBILITY = "accessibility"
    INTEROPERABILITY = "interoperability"
    REUSABILITY = "reusability"
    CONTEXTUALITY = "contextuality"


DIMENSION_LABELS = {
    Dimension.FINDABILITY: _("Findability"),
    Dimension.ACCESSIBILITY: _("Accessibility"),
    Dimension.INTEROPERABILITY: _("Interoperability"),
    Dimension.REUSABILITY: _("Reusability"),
    Dimension.CONTEXTUALITY: _("Contextuality"),
}


@dataclass(slots=True)
class DistributionFacts:
    """One file or link of a dataset, as the indicators see it.

    ``format`` is the EU file-type concept; ``reachable`` is False only when the
    last link check found the link broken (files on the portal are reachable).
    ``virtual`` marks the CSV the portal offers for each table it made of a file.
    """

    kind: str
    format: str
    media_type: str
    has_download_url: bool
    reachable: bool
    has_size: bool
    virtual: bool = False


@dataclass(slots=True)
class DatasetFacts:
    id: UUID
    publisher_id: int
    is_public: bool
    has_keywords: bool
    has_themes: bool
    has_places: bool
    has_temporal: bool
    has_description: bool
    licence_given: bool
    licence_known: bool
    licence_open: bool
    has_contact: bool
    has_access_rights: bool
    has_issued: bool
    has_modified: bool
    has_conformance: bool
    period_days: int | None
    last_data_update: dt.datetime | None
    distributions: list[DistributionFacts] = field(default_factory=list)
    table_count: int = 0
    invalid_tables: int = 0
    broken_files: list[str] = field(default_factory=list)
    best: DistributionFacts | None = None
    # Counts over the real files and links (not the portal's table CSVs), set by
    # ``count_distributions`` once the distributions are loaded.
    files: int = 0
    links: int = 0
    reachable: int = 0
    downloads: int = 0
    working_downloads: int = 0
    sized: int = 0

    def count_distributions(self) -> None:
        for d in self.distributions:
            if d.virtual:
                continue
            self.files += 1
            self.links += d.kind == "link"
            self.reachable += d.reachable
            self.downloads += d.has_download_url
            self.working_downloads += d.has_download_url and d.reachable
            self.sized += d.has_size

    def share(self, count: int) -> float:
        """``count`` as a share of the real files (0 when there are none)."""
        return count / self.files if self.files else 0.0


class Indicator:
    """One MQA indicator: ``share`` returns how much of it the dataset earns, from
    0 to 1 (the MQA scores proportionally: points × share)."""

    code: str = ""
    dimension: Dimension = Dimension.FINDABILITY
    points: int = 0
    title: str | Promise = ""
    advice: str | Promise = ""

    def share(self, facts: DatasetFacts) -> float:
        raise NotImplementedError
