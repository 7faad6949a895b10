"""Who may do what with the catalog: the one choke point for catalog access checks.

Portal administrators (superusers) may do everything. In an institution:
a member sees drafts and edits drafts; an editor also publishes, edits published
datasets and manages files; an institution admin also deletes and restores.
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

from ceiba.catalog.models import Dataset, Institution, Membership, Role

Actor = AbstractBaseUser | AnonymousUser | None

_RANK = {Role.MEMBER: 1, Role.EDITOR: 2, Role.ADMIN: 3}


def is_portal_admin(actor: Actor) -> bool:
    return bool(actor is not None and actor.is_authenticated and actor.is_superuser)


def role_in(actor: Actor, institution_id: int) -> Role | None:
    if actor is None or not actor.is_authenticated:
        return None
    roles = getattr(actor, "_ceiba_roles", None)
    if roles is None:
        roles = dict(
            Membership.objects.filter(user_id=actor.pk).values_list(
                "institution_id", "role"
            )
        )
        actor._ceiba_roles = roles  # cached for this request's actor object
    role = roles.get(institution_id)
    return Role(role) if role else None


def has_role(actor: Actor, institution_id: int, at_least: Role) -> bool:
    if is_portal_admin(actor):
        return True
    role = role_in(actor, institution_id)
    return role is not None and _RANK[role] >= _RANK[at_least]


def can_view_dataset(actor: Actor, dataset: Dataset) -> bool:
    if dataset.deleted_at is not None:
        return has_role(actor, dataset.publisher_id, Role.ADMIN)
    if dataset.is_published:
        return True
    return has_role(actor, dataset.publisher_id, Role.MEMBER)


def can_create_in(actor: Actor, institution: Institution) -> bool:
    return has_role(actor, institution.pk, Role.MEMBER)


def can_edit_dataset(actor: Actor, dataset: Dataset) -> bool:
    if dataset.deleted_at is not None:
        return False
    if dataset.is_published:
        return has_role(actor, dataset.publisher_id, Role.EDITOR)
    return has_role(actor, dataset.publisher_id, Role.MEMBER)


def can_publish_dataset(actor: Actor, dataset: Dataset) -> bool:
    return dataset.deleted_at is None and has_role(
        actor, dataset.publisher_id, Role.EDITOR
    )


def can_delete_dataset(actor: Actor, dataset: Dataset) -> bool:
    return has_role(actor, dataset.publisher_id, Role.ADMIN)
