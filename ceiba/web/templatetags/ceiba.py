"""Template filters for showing versions' changes in words."""

from typing import Any

from django import template
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from ceiba.common.markdown import markdown_to_text

register = template.Library()

FIELD_LABELS = {
    "slug": _("Address name"),
    "title": _("Title"),
    "description": _("Description"),
    "translations": _("Translations"),
    "keywords": _("Keywords"),
    "themes": _("Themes"),
    "publisher": _("Publisher"),
    "licence": _("Licence"),
    "access_rights": _("Access"),
    "frequency": _("Update frequency"),
    "temporal_start": _("Covers from"),
    "temporal_end": _("Covers until"),
    "places": _("Places covered"),
    "contact_name": _("Contact name"),
    "contact_email": _("Contact e-mail"),
    "conforms_to": _("Standard it follows"),
    "sdg_targets": _("SDG targets"),
    "legal_basis": _("Legal basis"),
    "source_url": _("Original address"),
    "status": _("Status"),
    "format": _("Format"),
    "access_url": _("Address"),
    "type": _("Type"),
    "unit": _("Unit"),
    "constraints": _("Rules"),
    "privacy_review": _("Personal data review"),
}
ACTIONS = {
    "added": _("added"),
    "removed": _("removed"),
    "replaced": _("replaced by a new version"),
    "updated": _("details changed"),
}


@register.filter
def field_label(name: str) -> str:
    return str(FIELD_LABELS.get(name, name))


@register.filter
def change_action(action: str) -> str:
    return str(ACTIONS.get(action, action))


@register.filter
def diff_value(value: Any) -> str:
    if value in (None, "", [], {}):
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)


@register.filter
def plain_excerpt(markdown: str, length: int = 180) -> str:
    """A dataset description as plain text, cut at ``length`` characters."""
    return Truncator(markdown_to_text(markdown)).chars(length)
