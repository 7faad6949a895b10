"""The kinds of personal data the scanner finds, with their labels and groups.

Codes are stable English snake_case: they are stored in findings, shown in the JSON
of ``ceiba privacy scan`` and listed in ``CEIBA_PRIVACY_BLOCKING``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    CUI = "cui", _("CUI/DPI number")
    NIT = "nit", _("NIT (tax number)")
    PASSPORT = "passport", _("passport number")
    PHONE = "phone", _("phone number")
    EMAIL = "email", _("e-mail address")
    PLATE = "plate", _("vehicle plate")
    PERSON_NAME = "person_name", _("name of a person")
    ADDRESS = "address", _("exact address")
    BIRTH_DATE = "birth_date", _("date of birth")
    COORDINATES = "coordinates", _("precise coordinates")
    HEALTH = "health", _("health condition")
    ETHNICITY = "ethnicity", _("ethnicity or people")
    RELIGION = "religion", _("religion")
    POLITICAL = "political", _("political affiliation")
    SEXUAL_ORIENTATION = "sexual_orientation", _("sexual orientation")
    CRIMINAL_RECORD = "criminal_record", _("criminal record")
    MINORS = "minors", _("data about minors")


IDENTIFIERS = frozenset(
    {Kind.CUI, Kind.NIT, Kind.PASSPORT, Kind.PHONE, Kind.EMAIL, Kind.PLATE}
)
SENSITIVE = frozenset(
    {
        Kind.HEALTH,
        Kind.ETHNICITY,
        Kind.RELIGION,
        Kind.POLITICAL,
        Kind.SEXUAL_ORIENTATION,
        Kind.CRIMINAL_RECORD,
        Kind.MINORS,
    }
)
# What blocks publishing when CEIBA_PRIVACY_BLOCKING is not set: everything but
# coordinates (often of public places, like schools), which only warn.
DEFAULT_BLOCKING = tuple(k.value for k in Kind if k != Kind.COORDINATES)


def kind_label(code: str) -> str:
    try:
        return str(Kind(code).label)
    except ValueError:
        return code
