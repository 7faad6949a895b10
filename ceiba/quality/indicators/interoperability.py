"""Interoperability (110 points): can programs read the data? Only the dataset's
best file counts (as in the MQA)."""

from django.utils.translation import gettext_lazy as _

from ceiba.quality.indicators.base import (
    DatasetFacts,
    Dimension,
    DistributionFacts,
    Indicator,
)
from ceiba.quality.indicators.formats import (
    EU_FILE_TYPES,
    MACHINE_READABLE,
    NON_PROPRIETARY,
    is_known_media_type,
)


def distribution_points(d: DistributionFacts) -> int:
    """The interoperability points one file earns (without DCAT-AP compliance)."""
    points = 20 if d.format else 0
    points += 10 if d.media_type else 0
    points += (
        10 if d.format in EU_FILE_TYPES and is_known_media_type(d.media_type) else 0
    )
    points += 20 if d.format in NON_PROPRIETARY else 0
    points += 20 if d.format in MACHINE_READABLE else 0
    return points


def best_distribution(facts: DatasetFacts) -> DistributionFacts | None:
    if not facts.distributions:
        return None
    return max(facts.distributions, key=distribution_points)


class Format(Indicator):
    code = "format"
    dimension = Dimension.INTEROPERABILITY
    points = 20
    title = _("File format")
    advice = _(
        "The format of the files is unknown. When you add a link, say its format "
        "(CSV, XLSX, JSON…), or upload the file: the portal detects its format."
    )

    def share(self, facts: DatasetFacts) -> float:
        return float(bool(facts.best and facts.best.format))


class MediaType(Indicator):
    code = "media_type"
    dimension = Dimension.INTEROPERABILITY
    points = 10
    title = _("Media type")
    advice = _(
        "The media type of the files is unknown (programs use it to open them). "
        "Upload the file to the portal, which detects it."
    )

    def share(self, facts: DatasetFacts) -> float:
        return float(bool(facts.best and facts.best.media_type))


class FormatFromVocabulary(Indicator):
    code = "format_vocabulary"
    dimension = Dimension.INTEROPERABILITY
    points = 10
    title = _("Standard format name")
    advice = _(
        "The format of the files is not a standard one. Publish the data in a "
        "common format such as CSV, JSON or XLSX."
    )

    def share(self, facts: DatasetFacts) -> float:
        best = facts.best
        return float(
            bool(best)
            and best.format in EU_FILE_TYPES
            and is_known_media_type(best.media_type)
        )


class NonProprietary(Indicator):
    code = "non_proprietary"
    dimension = Dimension.INTEROPERABILITY
    points = 20
    title = _("Open format")
    advice = _(
        "No file is in an open format. Also publish the data as CSV (or JSON, "
        "ODS): anyone can open them, without buying a program."
    )

    def share(self, facts: DatasetFacts) -> float:
        return float(bool(facts.best and facts.best.format in NON_PROPRIETARY))


class MachineReadable(Indicator):
    code = "machine_readable"
    dimension = Dimension.INTEROPERABILITY
    points = 20
    title = _("Readable by programs")
    advice = _(
        "No file can be read by a program: a PDF or a picture of a table must be "
        "copied by hand. Publish the table itself (CSV, XLSX or JSON)."
    )

    def share(self, facts: DatasetFacts) -> float:
        return float(bool(facts.best and facts.best.format in MACHINE_READABLE))


class DcatApCompliance(Indicator):
    code = "dcat_ap"
    dimension = Dimension.INTEROPERABILITY
    points = 30
    title = _("Complete description for other catalogues")
    advice = _(
        "Other catalogues (DCAT-AP) need a description and at least one file. "
        "Write a description that says what the data is, and add a file."
    )

    def share(self, facts: DatasetFacts) -> float:
        return float(facts.has_description and facts.files > 0)
