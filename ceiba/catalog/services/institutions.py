"""Writes of institutions and of people's roles in them (portal administrators)."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ceiba.catalog.events import send_institution_changed_on_commit
from ceiba.catalog.exceptions import CatalogPermissionError
from ceiba.catalog.models import Institution, Membership, Role
from ceiba.catalog.permissions import Actor, is_portal_admin
from ceiba.common.errors import ValidationError

INSTITUTION_FIELDS = (
    "slug", "name", "acronym", "kind_id", "parent_id", "place_id",
    "description", "website", "email", "phone",
)  # fmt: skip


def _full_clean(institution: Institution) -> None:
    try:
        institution.full_clean()
    except DjangoValidationError as exc:
        raise ValidationError(
            _("The institution is not valid."), field_errors=exc.message_dict
        ) from exc


@transaction.atomic
def institution_create(*, actor: Actor, **values: object) -> Institution:
    """Create an institution from INSTITUTION_FIELDS (``kind_id``: a kind code)."""
    if not is_portal_admin(actor):
        raise CatalogPermissionError()
    institution = Institution(
        **{k: v for k, v in values.items() if k in INSTITUTION_FIELDS}
    )
    _full_clean(institution)
    institution.save()
    return institution


@transaction.atomic
def institution_update(
    *, actor: Actor, institution: Institution, **values: object
) -> Institution:
    if not is_portal_admin(actor):
        raise CatalogPermissionError()
    changed = [k for k in values if k in INSTITUTION_FIELDS]
    for name in changed:
        setattr(institution, name, values[name])
    _full_clean(institution)
    institution.save(update_fields=[*changed, "updated_at"])
    send_institution_changed_on_commit(institution.pk)
    return institution


@transaction.atomic
def membership_set(
    *, actor: Actor, user: AbstractBaseUser, institution: Institution, role: Role
) -> Membership:
    """Give ``user`` ``role`` in ``institution`` (replacing any role they had)."""
    if not is_portal_admin(actor):
        raise CatalogPermissionError()
    membership, _created = Membership.objects.update_or_create(
        user=user, institution=institution, defaults={"role": role}
    )
    user.__dict__.pop("_ceiba_roles", None)
    return membership


@transaction.atomic
def membership_remove(
    *, actor: Actor, user: AbstractBaseUser, institution: Institution
) -> None:
    if not is_portal_admin(actor):
        raise CatalogPermissionError()
    Membership.objects.filter(user=user, institution=institution).delete()
    user.__dict__.pop("_ceiba_roles", None)
