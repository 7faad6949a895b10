"""Writes of datasets: create, update, publish, unpublish, delete, restore."""

import datetime as dt
import re
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ceiba.catalog.events import send_dataset_changed_on_commit
from ceiba.catalog.exceptions import (
    CatalogPermissionError,
    DatasetEditConflictError,
    DatasetInvalidError,
    DatasetStateError,
)
from ceiba.catalog.guards import edit_guards_run, publish_guards_run
from ceiba.catalog.models import (
    AccessRights,
    Dataset,
    DatasetStatus,
    Frequency,
    Institution,
    Licence,
    Place,
    Theme,
    VersionKind,
)
from ceiba.catalog.permissions import (
    Actor,
    can_create_in,
    can_delete_dataset,
    can_edit_dataset,
    can_publish_dataset,
    is_portal_admin,
)
from ceiba.catalog.services.versions import _user_or_none, version_record

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SDG_TARGET_RE = re.compile(r"^(1[0-7]|[1-9])\.([1-9][0-9]?|[a-z])$")


@dataclass
class DatasetInput:
    """Everything a publisher fills in. Codes refer to the controlled vocabularies."""

    title: str
    licence: str
    slug: str = ""
    description: str = ""
    title_en: str = ""
    description_en: str = ""
    keywords: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    access_rights: str = AccessRights.PUBLIC
    frequency: str = ""
    temporal_start: dt.date | None = None
    temporal_end: dt.date | None = None
    places: list[str] = field(default_factory=list)
    contact_name: str = ""
    contact_email: str = ""
    conforms_to: str = ""
    sdg_targets: list[str] = field(default_factory=list)
    legal_basis: str = ""
    source_url: str = ""


def _clean_keywords(keywords: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for keyword in keywords:
        cleaned = " ".join(keyword.split())[:80]
        if cleaned and cleaned.lower() not in seen:
            seen[cleaned.lower()] = cleaned
    return list(seen.values())


class _Checker:
    """Collects field errors so the publisher sees all of them at once."""

    def __init__(self) -> None:
        self.errors: dict[str, list[str]] = {}

    def add(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)

    def raise_if_any(self) -> None:
        if self.errors:
            raise DatasetInvalidError(field_errors=self.errors)


@dataclass(frozen=True)
class KnownCodes:
    """The vocabulary codes, among those some inputs use, that exist here: one
    query per vocabulary however many datasets are checked."""

    licences: frozenset[str]
    themes: frozenset[str]
    frequencies: frozenset[str]
    places: frozenset[str]

    @classmethod
    def load(cls, inputs: list[DatasetInput]) -> "KnownCodes":
        def found(model: type, codes: set[str]) -> frozenset[str]:
            if not codes:
                return frozenset()
            rows = model.objects.filter(code__in=codes).values_list("code", flat=True)
            return frozenset(rows)

        return cls(
            licences=found(Licence, {d.licence for d in inputs}),
            themes=found(Theme, {c for d in inputs for c in d.themes}),
            frequencies=found(Frequency, {d.frequency for d in inputs if d.frequency}),
            places=found(Place, {c for d in inputs for c in d.places}),
        )


def _check_codes(data: DatasetInput, check: _Checker, known: KnownCodes) -> None:
    if data.licence not in known.licences:
        check.add("licence", _("Choose a licence from the list."))
    unknown_themes = set(data.themes) - known.themes
    if unknown_themes:
        check.add(
            "themes", _("Unknown themes: %s.") % ", ".join(sorted(unknown_themes))
        )
    if data.frequency and data.frequency not in known.frequencies:
        check.add("frequency", _("Choose an update frequency from the list."))
    unknown_places = set(data.places) - known.places
    if unknown_places:
        check.add(
            "places",
            _(
                "These are not INE department or municipality codes: %s. Use codes "
                "like 01 (a department) or 0101 (a municipality)."
            )
            % ", ".join(sorted(unknown_places)),
        )


def _check_values(data: DatasetInput, check: _Checker) -> None:
    if not data.title.strip():
        check.add("title", _("Give the dataset a title."))
    if data.slug and not SLUG_RE.match(data.slug):
        check.add(
            "slug",
            _("Use only lowercase letters without accents, digits and hyphens."),
        )
    bad_targets = [t for t in data.sdg_targets if not SDG_TARGET_RE.match(t)]
    if bad_targets:
        check.add(
            "sdg_targets",
            _("SDG targets are written like 4.1 or 16.10: %s is not one.")
            % ", ".join(bad_targets),
        )
    if data.access_rights not in AccessRights.values:
        check.add("access_rights", _("Choose an access level from the list."))
    if (
        data.temporal_start
        and data.temporal_end
        and data.temporal_start > data.temporal_end
    ):
        check.add("temporal_end", _("The end of the period is before its start."))


def slug_base(title: str) -> str:
    """The address name made from a title (before any -2, -3 that makes it free)."""
    return slugify(title)[:90].strip("-") or "conjunto"


def _unique_slug(wanted: str, title: str, exclude_id: object = None) -> str:
    others = Dataset.objects.exclude(pk=exclude_id) if exclude_id else Dataset.objects
    if wanted:
        if others.filter(slug=wanted).exists():
            raise DatasetInvalidError(
                field_errors={
                    "slug": [
                        _(
                            "Another dataset already uses the address name “%s”. "
                            "Choose a different one."
                        )
                        % wanted
                    ]
                }
            )
        return wanted
    base = slug_base(title)
    slug, n = base, 2
    while others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _apply(dataset: Dataset, data: DatasetInput) -> None:
    dataset.title = data.title.strip()
    dataset.description = data.description.strip()
    translations = {}
    if data.title_en.strip() or data.description_en.strip():
        translations["en"] = {
            "title": data.title_en.strip(),
            "description": data.description_en.strip(),
        }
    dataset.translations = translations
    dataset.keywords = _clean_keywords(data.keywords)
    dataset.licence_id = data.licence
    dataset.access_rights = data.access_rights
    dataset.frequency_id = data.frequency or None
    dataset.temporal_start = data.temporal_start
    dataset.temporal_end = data.temporal_end
    dataset.contact_name = data.contact_name.strip()
    dataset.contact_email = data.contact_email.strip()
    dataset.conforms_to = data.conforms_to.strip()
    dataset.sdg_targets = sorted(set(data.sdg_targets))
    dataset.legal_basis = data.legal_basis.strip()
    dataset.source_url = data.source_url.strip()


def _validate(
    dataset: Dataset, data: DatasetInput, known: KnownCodes | None = None
) -> None:
    """Check ``data`` and copy it onto ``dataset``; raise every field error at once.

    What only the database can check (the address name, identifiers, the period's
    order) is checked by the callers or by _check_values, so cleaning runs no query.
    """
    check = _Checker()
    _check_values(data, check)
    _check_codes(data, check, known or KnownCodes.load([data]))
    check.raise_if_any()
    _apply(dataset, data)
    try:
        dataset.full_clean(
            exclude=["slug", "publisher", "licence", "frequency", "created_by"],
            validate_unique=False,
            validate_constraints=False,
        )
    except DjangoValidationError as exc:
        for name, messages in exc.message_dict.items():
            for message in messages:
                check.add(name, message)
    check.raise_if_any()


def _claim_id(dataset: Dataset, dataset_id: uuid.UUID, actor: Actor) -> None:
    if not is_portal_admin(actor):
        raise CatalogPermissionError()
    if Dataset.objects.filter(pk=dataset_id).exists():
        raise DatasetInvalidError(
            field_errors={"id": [_("Another dataset already has this identifier.")]}
        )
    dataset.id = dataset_id


def _save_relations(dataset: Dataset, data: DatasetInput) -> None:
    dataset.themes.set(sorted(set(data.themes)))
    dataset.places.set(sorted(set(data.places)))


def new_dataset(
    *,
    actor: Actor,
    publisher: Institution,
    data: DatasetInput,
    dataset_id: uuid.UUID | None = None,
) -> Dataset:
    """A checked, saved draft, without its version: callers record one."""
    if not can_create_in(actor, publisher):
        raise CatalogPermissionError()
    dataset = Dataset(publisher=publisher, created_by=_user_or_none(actor))
    if dataset_id is not None:
        _claim_id(dataset, dataset_id, actor)
    _validate(dataset, data)
    dataset.slug = _unique_slug(data.slug, data.title)
    dataset.save()
    _save_relations(dataset, data)
    return dataset


@transaction.atomic
def dataset_create(
    *,
    actor: Actor,
    publisher: Institution,
    data: DatasetInput,
    dataset_id: uuid.UUID | None = None,
) -> Dataset:
    """Create a draft dataset of ``publisher``.

    ``dataset_id`` keeps a dataset's identifier when a catalog is copied from
    another portal; only portal administrators may choose it."""
    dataset = new_dataset(
        actor=actor, publisher=publisher, data=data, dataset_id=dataset_id
    )
    version_record(dataset=dataset, kind=VersionKind.CREATED, actor=actor)
    return dataset


@transaction.atomic
def dataset_update(
    *, actor: Actor, dataset: Dataset, data: DatasetInput, expected_lock_version: int
) -> Dataset:
    """Replace a dataset's metadata, refusing if someone saved since the form opened."""
    if not can_edit_dataset(actor, dataset):
        raise CatalogPermissionError()
    claimed = Dataset.objects.filter(
        pk=dataset.pk, lock_version=expected_lock_version
    ).update(lock_version=F("lock_version") + 1)
    if not claimed:
        raise DatasetEditConflictError()
    dataset.refresh_from_db()
    edit_guards_run(actor=actor, dataset=dataset, data=data)
    _validate(dataset, data)
    dataset.slug = _unique_slug(
        data.slug or dataset.slug, data.title, exclude_id=dataset.pk
    )
    if dataset.is_published:
        dataset.modified = timezone.now()
    dataset.save()
    _save_relations(dataset, data)
    version_record(dataset=dataset, kind=VersionKind.UPDATED, actor=actor)
    return dataset


def mark_published(*, actor: Actor, dataset: Dataset) -> None:
    """Publish, without recording the version: callers record one."""
    if not can_publish_dataset(actor, dataset):
        raise CatalogPermissionError()
    if dataset.status == DatasetStatus.PUBLISHED:
        raise DatasetStateError(_("This dataset is already published."))
    publish_guards_run(dataset=dataset)
    now = timezone.now()
    dataset.status = DatasetStatus.PUBLISHED
    dataset.issued = dataset.issued or now
    dataset.modified = now
    dataset.save(update_fields=["status", "issued", "modified", "updated_at"])


@transaction.atomic
def dataset_publish(*, actor: Actor, dataset: Dataset) -> Dataset:
    mark_published(actor=actor, dataset=dataset)
    version_record(dataset=dataset, kind=VersionKind.PUBLISHED, actor=actor)
    return dataset


@transaction.atomic
def dataset_unpublish(*, actor: Actor, dataset: Dataset) -> Dataset:
    if not can_publish_dataset(actor, dataset):
        raise CatalogPermissionError()
    if dataset.status != DatasetStatus.PUBLISHED:
        raise DatasetStateError(_("This dataset is not published."))
    dataset.status = DatasetStatus.DRAFT
    dataset.save(update_fields=["status", "updated_at"])
    version_record(dataset=dataset, kind=VersionKind.UNPUBLISHED, actor=actor)
    return dataset


@transaction.atomic
def dataset_delete(*, actor: Actor, dataset: Dataset) -> Dataset:
    """Soft delete: the dataset disappears from the portal until it is restored."""
    if not can_delete_dataset(actor, dataset):
        raise CatalogPermissionError()
    if dataset.deleted_at is not None:
        raise DatasetStateError(_("This dataset is already deleted."))
    dataset.deleted_at = timezone.now()
    dataset.save(update_fields=["deleted_at", "updated_at"])
    version_record(dataset=dataset, kind=VersionKind.DELETED, actor=actor)
    return dataset


@transaction.atomic
def dataset_restore(*, actor: Actor, dataset: Dataset) -> Dataset:
    if not can_delete_dataset(actor, dataset):
        raise CatalogPermissionError()
    if dataset.deleted_at is None:
        raise DatasetStateError(_("This dataset is not deleted."))
    dataset.deleted_at = None
    dataset.save(update_fields=["deleted_at", "updated_at"])
    version_record(dataset=dataset, kind=VersionKind.RESTORED, actor=actor)
    return dataset


def dataset_touch_data(*, dataset: Dataset) -> None:
    """Mark that the dataset's data (its files) changed now, inside the caller's
    transaction."""
    now = timezone.now()
    dataset.data_updated_at = now
    fields = ["data_updated_at", "updated_at"]
    if dataset.is_published:
        dataset.modified = now
        fields.append("modified")
    dataset.save(update_fields=fields)


@transaction.atomic
def dataset_dates_set(
    *,
    actor: Actor,
    dataset: Dataset,
    issued: dt.datetime | None,
    modified: dt.datetime | None,
) -> Dataset:
    """Keep the dates a dataset has at its original source (harvesting): publishing
    and editing here would otherwise set them to now. Portal administrators only;
    None leaves a date as it is. Dates are not part of versions."""
    if not is_portal_admin(actor):
        raise CatalogPermissionError()
    fields = []
    for name, value in (("issued", issued), ("modified", modified)):
        if value is not None and getattr(dataset, name) != value:
            setattr(dataset, name, value)
            fields.append(name)
    if fields:
        dataset.save(update_fields=[*fields, "updated_at"])
        send_dataset_changed_on_commit(dataset.pk)
    return dataset
