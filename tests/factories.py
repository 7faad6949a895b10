"""Helpers that build real catalog objects through the services, as production does."""

import functools
import io
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.test import TestCase

from ceiba.catalog import services
from ceiba.catalog.models import Dataset, Distribution, Institution, Role

PASSWORD = "una-clave-muy-segura-2026"
T = TypeVar("T")


def committed(factory: Callable[..., T]) -> Callable[..., T]:
    """Run the on-commit hooks (search indexing…) as if the factory's writes had
    committed, although tests run inside a transaction."""

    @functools.wraps(factory)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        with TestCase.captureOnCommitCallbacks(execute=True):
            return factory(*args, **kwargs)

    return wrapper


def make_user(username: str = "ana", *, superuser: bool = False) -> AbstractUser:
    model = get_user_model()
    user = model.objects.filter(username=username).first()
    if user is None:
        create = (
            model.objects.create_superuser if superuser else model.objects.create_user
        )
        user = create(
            username=username, email=f"{username}@example.gt", password=PASSWORD
        )
    return user


def portal_admin() -> AbstractUser:
    return make_user("admin-portal", superuser=True)


@committed
def make_institution(
    slug: str = "mineduc",
    *,
    name: str = "Ministerio de Educación",
    acronym: str = "MINEDUC",
    kind: str = "ministry",
    members: dict[AbstractUser, Role] | None = None,
    **values: Any,
) -> Institution:
    institution = Institution.objects.filter(slug=slug).first()
    if institution is None:
        institution = services.institution_create(
            actor=portal_admin(),
            slug=slug,
            name=name,
            acronym=acronym,
            kind_id=kind,
            **values,
        )
    for user, role in (members or {}).items():
        services.membership_set(
            actor=portal_admin(), user=user, institution=institution, role=role
        )
    return institution


@committed
def make_dataset(
    title: str = "Establecimientos educativos",
    *,
    publisher: Institution | None = None,
    actor: AbstractUser | None = None,
    publish: bool = True,
    files: dict[str, bytes] | None = None,
    **fields: Any,
) -> Dataset:
    """A dataset with ``files`` ({filename: bytes}), published unless told not."""
    actor = actor or portal_admin()
    publisher = publisher or make_institution()
    fields.setdefault("licence", "CC-BY-4.0")
    data = services.DatasetInput(title=title, **fields)
    dataset = services.dataset_create(actor=actor, publisher=publisher, data=data)
    for filename, content in (files or {}).items():
        _add_file(dataset, filename, content, actor=actor, title="")
    if publish:
        services.dataset_publish(actor=actor, dataset=dataset)
    dataset.refresh_from_db()
    return dataset


@committed
def make_file(
    dataset: Dataset,
    filename: str = "datos.csv",
    content: bytes = b"departamento,total\nGuatemala,10\n",
    *,
    actor: AbstractUser | None = None,
    title: str = "",
) -> Distribution:
    return _add_file(dataset, filename, content, actor=actor, title=title)


def _add_file(
    dataset: Dataset,
    filename: str,
    content: bytes,
    *,
    actor: AbstractUser | None,
    title: str,
) -> Distribution:
    return services.distribution_add_file(
        actor=actor or portal_admin(),
        dataset=dataset,
        source=io.BytesIO(content),
        filename=filename,
        title=title,
    )
