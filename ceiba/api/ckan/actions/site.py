"""Actions about the portal itself."""

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from ceiba.api.ckan.call import Call
from ceiba.api.ckan.serializers import CKAN_VERSION, licence_dict
from ceiba.catalog.selectors import licence_list


def status_show(call: Call | None) -> dict[str, Any]:
    return {
        "site_title": _("National Open Data Portal of Guatemala"),
        "site_description": "",
        "site_url": settings.SITE_URL,
        "ckan_version": CKAN_VERSION,
        "error_emails_to": None,
        "locale_default": settings.LANGUAGE_CODE,
        "extensions": ["datastore", "activity"],
    }


def site_read(call: Call) -> bool:
    """Gone from CKAN 2.11, still called by older clients."""
    return True


def license_list(call: Call) -> list[dict[str, Any]]:
    return [licence_dict(licence) for licence in licence_list()]
