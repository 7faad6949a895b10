"""Accessibility (100 points): can people reach the data?"""

from django.utils.translation import gettext_lazy as _

from ceiba.quality.indicators.base import DatasetFacts, Dimension, Indicator


class AccessUrlWorks(Indicator):
    code = "access_url_works"
    dimension = Dimension.ACCESSIBILITY
    points = 50
    title = _("Addresses that work")
    advice = _(
        "Some links of this dataset do not work: the portal could not reach them. "
        "Correct their address, or upload the file to the portal instead."
    )

    def share(self, facts: DatasetFacts) -> float:
        return facts.share(facts.reachable)


class DownloadUrl(Indicator):
    code = "download_url"
    dimension = Dimension.ACCESSIBILITY
    points = 20
    title = _("Direct download")
    advice = _(
        "Some links lead to a web page, not to a file. Link straight to the file "
        "(an address ending in .csv, .xlsx, .json…) or upload the file, so people "
        "can download the data in one click."
    )

    def share(self, facts: DatasetFacts) -> float:
        return facts.share(facts.downloads)


class DownloadUrlWorks(Indicator):
    code = "download_url_works"
    dimension = Dimension.ACCESSIBILITY
    points = 30
    title = _("Downloads that work")
    advice = _(
        "Some downloads do not work or do not lead to a file. Check each link, or "
        "upload the files to the portal: the portal always serves its own files."
    )

    def share(self, facts: DatasetFacts) -> float:
        return facts.share(facts.working_downloads)
