"""The harvest's own user: catalog changes made by harvesting are recorded as its
versions. A portal administrator in the catalog's terms, it cannot log in (no
usable password, inactive)."""

from typing import Any

from django.contrib.auth import get_user_model

HARVEST_USERNAME = "ceiba-cosecha"


def harvest_actor() -> Any:
    users = get_user_model().objects
    user = users.filter(username=HARVEST_USERNAME).first()
    if user is None:
        user = users.create_user(
            username=HARVEST_USERNAME,
            email="",
            password=None,
            is_superuser=True,
            is_staff=False,
            is_active=False,
        )
    return user


def is_harvest_actor(actor: Any) -> bool:
    return getattr(actor, "username", None) == HARVEST_USERNAME
