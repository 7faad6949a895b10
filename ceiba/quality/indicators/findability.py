"""Findability (100 points): can people find the dataset?"""

from django.utils.translation import gettext_lazy as _

from ceiba.quality.indicators.base import DatasetFacts, Dimension, Indicator


class Keywords(Indicator):
    code = "keywords"
    dimension = Dimension.FINDABILITY
    points = 30
    title = _("Keywords")
    advice = _(
        "Add at least one keyword. Keywords are the words people type to search; "
        "they help the portal and other catalogues find this dataset."
    )

    def share(self, facts: DatasetFacts) -> float:
        return float(facts.has_keywords)


class Themes(Indicator):
    code = "themes"
    dimension = Dimension.FINDABILITY
    points = 30
    title = _("Themes")
    advice = _(
        "Choose at least one theme, so the dataset appears when people browse the "
        "portal by theme."
    )

    def share(self, facts: DatasetFacts) -> float:
        return float(facts.has_themes)


class Spatial(Indicator):
    code = "spatial"
    dimension = Dimension.FINDABILITY
    points = 20
    title = _("Places covered")
    advice = _(
        "Say which places the data covers (the whole country, a department or a "
        "municipality), so people can find the data about their place."
    )

    def share(self, facts: DatasetFacts) -> float:
        return float(facts.has_places)


class Temporal(Indicator):
    code = "temporal"
    dimension = Dimension.FINDABILITY
    points = 20
    title = _("Period covered")
    advice = _(
        "Say which period the data covers (from which date until which date), so "
        "people can find the data about a given year."
    )

    def share(self, facts: DatasetFacts) -> float:
        return float(facts.has_temporal)
