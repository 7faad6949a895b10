"""How to cite a dataset (an APA-like reference with its permanent address)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from ceiba.catalog.models import Dataset


def citation_for(dataset: Dataset, *, url: str, version: int) -> str:
    year = (dataset.issued or dataset.created_at).year
    return _(
        "%(publisher)s (%(year)s). %(title)s [dataset], version %(version)s. Portal "
        "Nacional de Datos Abiertos de Guatemala. %(url)s (consulted on %(today)s)."
    ) % {
        "publisher": dataset.publisher.name,
        "year": year,
        "title": dataset.title,
        "version": version,
        "url": url,
        "today": timezone.localdate().isoformat(),
    }
