"""Where a harvested dataset comes from, for the dataset page
(``harvest/_provenance.html``)."""

import json
from typing import Any

from django import template

from ceiba.harvest.selectors import dataset_provenance

register = template.Library()


@register.simple_tag
def harvest_provenance(dataset: Any) -> Any:
    """The dataset's harvest link (None if it was not harvested), with
    ``unmapped_items``: the source's fields we do not map, as text."""
    link = dataset_provenance(dataset_id=dataset.pk)
    if link is not None:
        link.unmapped_items = [
            (key, value if isinstance(value, str) else _text(value))
            for key, value in sorted((link.unmapped or {}).items())
        ]
    return link


def _text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)[:2000]
