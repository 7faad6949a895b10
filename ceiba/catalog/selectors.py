"""The catalog's reads, with visibility rules built in.

A dataset the actor may not see raises DatasetNotFoundError, never a tell-tale 403.
"""

import uuid
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q, QuerySet

from ceiba.catalog.exceptions import (
    DatasetNotFoundError,
    DistributionNotFoundError,
    InstitutionNotFoundError,
    PlaceNotFoundError,
    RevisionWithheldError,
    ThemeNotFoundError,
    VersionNotFoundError,
)
from ceiba.catalog.models import (
    Dataset,
    DatasetStatus,
    Distribution,
    DistributionRevision,
    Frequency,
    Institution,
    Licence,
    Place,
    PlaceLevel,
    Role,
    Theme,
    Version,
)
from ceiba.catalog.permissions import Actor, can_view_dataset, has_role, is_portal_admin

PUBLIC = Q(status=DatasetStatus.PUBLISHED, deleted_at__isnull=True)


def _live_distributions() -> Prefetch:
    return Prefetch(
        "distributions",
        queryset=Distribution.objects.filter(deleted_at__isnull=True).select_related(
            "current_revision"
        ),
        to_attr="live_distributions",
    )


def _with_details(queryset: QuerySet[Dataset]) -> QuerySet[Dataset]:
    return queryset.select_related(
        "publisher", "licence", "frequency"
    ).prefetch_related("themes", "places__parent__parent", _live_distributions())


def dataset_list_public(*, publisher_id: int | None = None) -> QuerySet[Dataset]:
    queryset = Dataset.objects.filter(PUBLIC)
    if publisher_id is not None:
        queryset = queryset.filter(publisher_id=publisher_id)
    return queryset


def dataset_get(*, slug: str, actor: Actor) -> Dataset:
    dataset = _with_details(Dataset.objects.filter(slug=slug)).first()
    if dataset is None or not can_view_dataset(actor, dataset):
        raise DatasetNotFoundError()
    return dataset


def dataset_get_by_id(*, dataset_id: uuid.UUID | str, actor: Actor) -> Dataset:
    try:
        dataset = _with_details(Dataset.objects.filter(pk=dataset_id)).first()
    except (ValueError, TypeError):
        dataset = None
    if dataset is None or not can_view_dataset(actor, dataset):
        raise DatasetNotFoundError()
    return dataset


def dataset_list_indexed(*, publisher_id: int | None = None) -> QuerySet[Dataset]:
    """What the search index holds: live datasets, drafts too (searches show a draft
    only to those who may see it)."""
    queryset = Dataset.objects.filter(deleted_at__isnull=True)
    if publisher_id is not None:
        queryset = queryset.filter(publisher_id=publisher_id)
    return queryset


def dataset_index_sources(*, ids: Iterable[uuid.UUID | str]) -> list[Dataset]:
    """Datasets as the search index sees them, with everything indexed."""
    return list(_with_details(dataset_list_indexed().filter(pk__in=list(ids))))


def dataset_index_source(*, dataset_id: uuid.UUID | str) -> Dataset | None:
    found = dataset_index_sources(ids=[dataset_id])
    return found[0] if found else None


def dataset_list_by_ids(
    *, ids: Iterable[uuid.UUID], actor: Actor = None
) -> list[Dataset]:
    """Public datasets in the order of ``ids`` (search results); with an ``actor``,
    also the drafts the actor may see."""
    ids = list(ids)
    queryset = dataset_list_public() if actor is None else dataset_list_indexed()
    found = {
        d.pk: d
        for d in _with_details(queryset.filter(pk__in=ids))
        if actor is None or can_view_dataset(actor, d)
    }
    return [found[i] for i in ids if i in found]


def dataset_list_newest(*, limit: int = 6) -> list[Dataset]:
    return list(
        dataset_list_public().select_related("publisher").order_by("-issued")[:limit]
    )


def dataset_list_most_downloaded(*, limit: int = 6) -> list[Dataset]:
    return list(
        dataset_list_public()
        .select_related("publisher")
        .order_by("-download_count", "-issued")[:limit]
    )


def dataset_list_for_actor(*, actor: Actor, deleted: bool = False) -> QuerySet[Dataset]:
    """Datasets the actor works on: every dataset of their institutions (drafts too)."""
    queryset = (
        Dataset.objects.select_related("publisher")
        .filter(deleted_at__isnull=not deleted)
        .order_by("-updated_at")
    )
    if is_portal_admin(actor):
        return queryset
    return queryset.filter(publisher__memberships__user_id=actor.pk)


def dataset_list_deleted(*, actor: Actor) -> QuerySet[Dataset]:
    """Deleted datasets the actor may restore (institution admins, portal admins)."""
    queryset = dataset_list_for_actor(actor=actor, deleted=True)
    if is_portal_admin(actor):
        return queryset
    return queryset.filter(
        publisher__memberships__user_id=actor.pk,
        publisher__memberships__role=Role.ADMIN,
    )


def version_list(*, dataset: Dataset) -> QuerySet[Version]:
    return dataset.versions.select_related("actor").order_by("-number")


def version_get(*, dataset: Dataset, number: int) -> Version:
    version = version_list(dataset=dataset).filter(number=number).first()
    if version is None:
        raise VersionNotFoundError()
    return version


def distribution_get(
    *, dataset: Dataset, distribution_id: uuid.UUID | str, include_removed: bool = False
) -> Distribution:
    queryset = dataset.distributions.select_related("current_revision")
    if not include_removed:
        queryset = queryset.filter(deleted_at__isnull=True)
    try:
        distribution = queryset.filter(pk=distribution_id).first()
    except (ValueError, TypeError):
        distribution = None
    if distribution is None:
        raise DistributionNotFoundError()
    distribution.dataset = dataset
    return distribution


def revision_get(*, distribution: Distribution, number: int) -> DistributionRevision:
    revision = distribution.revisions.filter(number=number).first()
    if revision is None:
        raise DistributionNotFoundError()
    revision_check_served(revision=revision)
    return revision


def revision_check_served(*, revision: DistributionRevision) -> None:
    if revision.withheld_at is not None:
        raise RevisionWithheldError(reason=revision.get_withheld_reason_display())


def revisions_withheld(*, dataset: Dataset) -> dict[tuple[str, int], str]:
    """(file id, revision number) → why, for the dataset's revisions not served."""
    revisions = DistributionRevision.objects.filter(
        distribution__dataset=dataset, withheld_at__isnull=False
    )
    return {
        (str(r.distribution_id), r.number): r.get_withheld_reason_display()
        for r in revisions
    }


def revision_list(*, distribution: Distribution) -> QuerySet[DistributionRevision]:
    return distribution.revisions.order_by("-number")


def _public_count(prefix: str = "datasets") -> Count:
    return Count(
        prefix,
        filter=Q(**{f"{prefix}__status": DatasetStatus.PUBLISHED})
        & Q(**{f"{prefix}__deleted_at__isnull": True}),
        distinct=True,
    )


def institution_list() -> QuerySet[Institution]:
    return (
        Institution.objects.filter(deleted_at__isnull=True)
        .select_related("kind")
        .annotate(dataset_count=_public_count())
        .order_by("name")
    )


def institution_get(*, slug: str) -> Institution:
    institution = institution_list().filter(slug=slug).first()
    if institution is None:
        raise InstitutionNotFoundError()
    return institution


def institution_list_for_actor(
    *, actor: Actor, at_least: Role = Role.MEMBER
) -> list[Institution]:
    """Institutions where the actor may create datasets (all, for portal admins)."""
    institutions = Institution.objects.filter(deleted_at__isnull=True).order_by("name")
    return [i for i in institutions if has_role(actor, i.pk, at_least)]


def theme_list_local() -> QuerySet[Theme]:
    return Theme.objects.filter(is_local=True).annotate(
        dataset_count=_public_count("dataset")
    )


def theme_get(*, code: str) -> Theme:
    theme = Theme.objects.filter(code=code).first()
    if theme is None:
        raise ThemeNotFoundError()
    return theme


def theme_list_all() -> QuerySet[Theme]:
    return Theme.objects.all()


def licence_list() -> QuerySet[Licence]:
    return Licence.objects.all()


def department_list() -> QuerySet[Place]:
    return Place.objects.filter(level=PlaceLevel.DEPARTMENT).order_by("code")


def place_get(*, slug: str) -> Place:
    place = Place.objects.select_related("parent").filter(slug=slug).first()
    if place is None:
        raise PlaceNotFoundError()
    return place


def place_labels(*, codes: Iterable[str]) -> dict[str, str]:
    """Place names with their level, so Guatemala the department, the municipality
    and the country can be told apart: "Guatemala (departamento)"."""
    return {
        p.code: f"{p.label} ({p.get_level_display()})"
        for p in Place.objects.filter(code__in=list(codes))
    }


def frequency_list() -> QuerySet[Frequency]:
    return Frequency.objects.all()


def place_children(*, place: Place) -> QuerySet[Place]:
    return place.children.order_by("code")


def revision_get_by_id(*, revision_id: int) -> DistributionRevision | None:
    return (
        DistributionRevision.objects.select_related("distribution__dataset")
        .filter(pk=revision_id)
        .first()
    )


def distribution_find_by_title(*, dataset: Dataset, title: str) -> Distribution | None:
    """The live uploaded file of ``dataset`` called ``title`` (case-insensitive)."""
    distribution = (
        dataset.distributions.filter(
            deleted_at__isnull=True, title__iexact=title.strip()
        )
        .select_related("current_revision")
        .order_by("position")
        .first()
    )
    if distribution is not None:
        distribution.dataset = dataset
    return distribution


def distribution_get_by_id(
    *, distribution_id: uuid.UUID | str, actor: Actor
) -> Distribution:
    """A live file or link by its id alone, with its dataset (visibility applied)."""
    try:
        distribution = (
            Distribution.objects.select_related("current_revision")
            .filter(pk=distribution_id, deleted_at__isnull=True)
            .first()
        )
    except (ValueError, TypeError, ValidationError):
        distribution = None
    if distribution is None:
        raise DistributionNotFoundError()
    try:
        distribution.dataset = dataset_get_by_id(
            dataset_id=distribution.dataset_id, actor=actor
        )
    except DatasetNotFoundError:
        raise DistributionNotFoundError() from None
    return distribution


def distribution_list_public() -> QuerySet[Distribution]:
    """Live files and links of published datasets, with their dataset."""
    return (
        Distribution.objects.filter(deleted_at__isnull=True)
        .filter(
            dataset__status=DatasetStatus.PUBLISHED, dataset__deleted_at__isnull=True
        )
        .select_related("current_revision", "dataset")
        .order_by("dataset__slug", "position", "created_at")
    )
