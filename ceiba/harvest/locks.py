"""Harvested datasets are edited at their source: here, local editors may change
only the fields the source's administrator allows (``editable_fields``), and not
the files, which link to the source. Registered as a catalog edit guard, so every
interface (pages, both APIs, commands) is held to it."""

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from ceiba.harvest.actor import is_harvest_actor
from ceiba.harvest.exceptions import HarvestedFieldLockedError
from ceiba.harvest.models import HarvestedDataset

# DatasetInput fields compared; the slug is our own address and always editable.
FIELDS = (
    "title", "description", "title_en", "description_en", "keywords", "themes",
    "licence", "access_rights", "frequency", "temporal_start", "temporal_end",
    "places", "contact_name", "contact_email", "conforms_to", "sdg_targets",
    "legal_basis", "source_url",
)  # fmt: skip
_SETS = {"themes", "places", "sdg_targets"}


def current_values(dataset: Any) -> dict[str, Any]:
    """The dataset's metadata under DatasetInput's field names."""
    english = (dataset.translations or {}).get("en", {})
    return {
        "title": dataset.title,
        "description": dataset.description,
        "title_en": english.get("title", ""),
        "description_en": english.get("description", ""),
        "keywords": list(dataset.keywords or []),
        "themes": sorted(t.code for t in dataset.themes.all()),
        "licence": dataset.licence_id,
        "access_rights": dataset.access_rights,
        "frequency": dataset.frequency_id or "",
        "temporal_start": dataset.temporal_start,
        "temporal_end": dataset.temporal_end,
        "places": sorted(p.code for p in dataset.places.all()),
        "contact_name": dataset.contact_name,
        "contact_email": dataset.contact_email,
        "conforms_to": dataset.conforms_to,
        "sdg_targets": sorted(dataset.sdg_targets or []),
        "legal_basis": dataset.legal_basis,
        "source_url": dataset.source_url,
    }


def _normal(name: str, value: Any) -> Any:
    if name in _SETS:
        return sorted(set(value or []))
    if name == "keywords":
        return [" ".join(str(k).split()) for k in value or [] if str(k).strip()]
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dt.date) or value is None:
        return value
    return value


def changed_input_fields(dataset: Any, data: Any) -> list[str]:
    now = current_values(dataset)
    return [
        name
        for name in FIELDS
        if _normal(name, now[name]) != _normal(name, getattr(data, name, None))
    ]


def harvested_edit_guard(*, actor: Any, dataset: Any, data: Any = None) -> None:
    if is_harvest_actor(actor) or dataset._state.adding:
        return
    link = (
        HarvestedDataset.objects.filter(dataset_id=dataset.pk)
        .select_related("source")
        .first()
    )
    if link is None:
        return
    allowed = list(link.source.editable_fields or [])
    shown = ", ".join(allowed) or _("nothing")
    if data is None:
        raise HarvestedFieldLockedError(source=link.source.name, allowed=shown)
    locked = [n for n in changed_input_fields(dataset, data) if n not in allowed]
    if locked:
        error = HarvestedFieldLockedError(source=link.source.name, allowed=shown)
        error.field_errors = {name: [error.render()] for name in locked}
        raise error
