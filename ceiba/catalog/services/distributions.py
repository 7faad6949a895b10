"""Writes of a dataset's files and links. Every change is a new dataset version."""

import uuid
from pathlib import PurePosixPath
from typing import IO
from urllib.parse import urlsplit

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from ceiba.catalog.events import (
    send_dataset_changed_on_commit,
    send_file_uploaded_on_commit,
)
from ceiba.catalog.exceptions import (
    CatalogPermissionError,
    DatasetInvalidError,
    LinkInvalidError,
)
from ceiba.catalog.formats import detect_format, format_from_name
from ceiba.catalog.guards import edit_guards_run
from ceiba.catalog.models import (
    Dataset,
    Distribution,
    DistributionKind,
    DistributionRevision,
    VersionKind,
    WithholdReason,
)
from ceiba.catalog.permissions import Actor, can_edit_dataset, is_portal_admin
from ceiba.catalog.services.datasets import dataset_touch_data
from ceiba.catalog.services.versions import _user_or_none, version_record
from ceiba.catalog.storage import blob_store


def _require_edit(actor: Actor, dataset: Dataset) -> None:
    if not can_edit_dataset(actor, dataset):
        raise CatalogPermissionError()
    edit_guards_run(actor=actor, dataset=dataset)


def _safe_filename(filename: str) -> str:
    name = PurePosixPath(filename.replace("\\", "/")).name.strip()
    try:
        return get_valid_filename(name)[:200]
    except Exception:  # noqa: BLE001 - Django raises SuspiciousFileOperation for "..", ""
        return "archivo"


def _title_or_default(title: str, filename: str) -> str:
    title = " ".join(title.split())
    if title:
        return title[:250]
    return PurePosixPath(filename).stem.replace("_", " ")[:250] or _("File")


def _next_position(dataset: Dataset) -> int:
    return (dataset.distributions.aggregate(p=Max("position"))["p"] or 0) + 1


def _upload_revision(
    *,
    distribution: Distribution,
    source: IO[bytes],
    filename: str,
    actor: Actor,
    activate: bool = True,
) -> DistributionRevision:
    """Store a new revision and, if ``activate``, make it the one the "latest"
    address serves."""
    revision = _store_revision(
        distribution=distribution, source=source, filename=filename, actor=actor
    )
    if activate:
        _make_current(distribution, revision)
    send_file_uploaded_on_commit(distribution.pk, revision.pk)
    return revision


def _make_current(distribution: Distribution, revision: DistributionRevision) -> None:
    distribution.current_revision = revision
    distribution.format = revision.format
    distribution.media_type = revision.media_type
    distribution.save(
        update_fields=["current_revision", "format", "media_type", "updated_at"]
    )


def _store_revision(
    *, distribution: Distribution, source: IO[bytes], filename: str, actor: Actor
) -> DistributionRevision:
    filename = _safe_filename(filename)
    blob = blob_store(source)
    file_format = detect_format(blob.head, filename)
    number = (distribution.revisions.aggregate(n=Max("number"))["n"] or 0) + 1
    return DistributionRevision.objects.create(
        distribution=distribution,
        number=number,
        storage_name=blob.storage_name,
        filename=filename,
        byte_size=blob.byte_size,
        sha256=blob.sha256,
        format=file_format.code,
        media_type=file_format.media_type,
        created_by=_user_or_none(actor),
    )


@transaction.atomic
def distribution_add_file(
    *,
    actor: Actor,
    dataset: Dataset,
    source: IO[bytes],
    filename: str,
    title: str = "",
    description: str = "",
) -> Distribution:
    """Upload a new file to a dataset, streamed to storage with its SHA-256."""
    _require_edit(actor, dataset)
    distribution = Distribution.objects.create(
        dataset=dataset,
        title=_title_or_default(title, filename),
        description=description.strip(),
        kind=DistributionKind.FILE,
        position=_next_position(dataset),
    )
    _upload_revision(
        distribution=distribution, source=source, filename=filename, actor=actor
    )
    dataset_touch_data(dataset=dataset)
    version_record(dataset=dataset, kind=VersionKind.FILE_ADDED, actor=actor)
    return distribution


@transaction.atomic
def distribution_replace_file(
    *,
    actor: Actor,
    distribution: Distribution,
    source: IO[bytes],
    filename: str,
    activate: bool = True,
) -> Distribution:
    """Upload a new revision; earlier revisions stay downloadable at their addresses.

    With ``activate=False`` the revision waits, and the current one stays live,
    until ``distribution_revision_activate`` (the ingest calls it once the new
    file has become a table, so a file that cannot be read replaces nothing).
    """
    dataset = distribution.dataset
    _require_edit(actor, dataset)
    if distribution.kind != DistributionKind.FILE:
        raise DatasetInvalidError(
            _("Only uploaded files can be replaced by a new upload.")
        )
    _upload_revision(
        distribution=distribution,
        source=source,
        filename=filename,
        actor=actor,
        activate=activate,
    )
    if activate:
        dataset_touch_data(dataset=dataset)
        version_record(dataset=dataset, kind=VersionKind.FILE_REPLACED, actor=actor)
    return distribution


@transaction.atomic
def distribution_revision_activate(*, revision_id: int) -> bool:
    """Make a waiting revision current, as a new version of its dataset, unless a
    newer one is current already. Returns whether it became current."""
    revision = DistributionRevision.objects.select_related("created_by").get(
        pk=revision_id
    )
    distribution = (
        Distribution.objects.select_for_update(of=("self",))
        .select_related("current_revision", "dataset")
        .get(pk=revision.distribution_id)
    )
    current = distribution.current_revision
    if current is not None and current.number >= revision.number:
        return False
    _make_current(distribution, revision)
    dataset = distribution.dataset
    dataset_touch_data(dataset=dataset)
    version_record(
        dataset=dataset, kind=VersionKind.FILE_REPLACED, actor=revision.created_by
    )
    return True


def _check_link(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc or len(url) > 2000:
        raise LinkInvalidError(field_errors={"url": [str(LinkInvalidError.message)]})
    return url


def new_link(
    *,
    actor: Actor,
    dataset: Dataset,
    url: str,
    title: str = "",
    description: str = "",
    format: str = "",  # noqa: A002 - the DCAT term
    distribution_id: uuid.UUID | None = None,
) -> Distribution:
    """A checked, saved link, without its version: callers record one.

    ``distribution_id`` keeps a file's identifier when a catalog is copied from
    another portal; only portal administrators may choose it."""
    _require_edit(actor, dataset)
    distribution = link_distribution(
        dataset=dataset,
        url=url,
        title=title,
        description=description,
        format=format,
        position=_next_position(dataset),
    )
    if distribution_id is not None:
        _claim_id(distribution, distribution_id, actor)
    distribution.save()
    dataset_touch_data(dataset=dataset)
    return distribution


def _claim_id(
    distribution: Distribution, distribution_id: uuid.UUID, actor: Actor
) -> None:
    if not is_portal_admin(actor):
        raise CatalogPermissionError()
    if Distribution.objects.filter(pk=distribution_id).exists():
        raise DatasetInvalidError(
            field_errors={"id": [_("Another file already has this identifier.")]}
        )
    distribution.id = distribution_id


def link_distribution(
    *,
    dataset: Dataset,
    url: str,
    title: str,
    description: str,
    format: str,  # noqa: A002 - the DCAT term
    position: int,
) -> Distribution:
    """A checked link at ``position``, not saved yet (imports save many at once)."""
    url = _check_link(url)
    guessed = format_from_name(urlsplit(url).path)
    return Distribution(
        dataset=dataset,
        title=_title_or_default(title, urlsplit(url).path) or url[:250],
        description=description.strip(),
        kind=DistributionKind.LINK,
        access_url=url,
        format=(format.strip().upper() or guessed.code)[:20],
        media_type=guessed.media_type if not format else "",
        position=position,
    )


@transaction.atomic
def distribution_add_link(
    *,
    actor: Actor,
    dataset: Dataset,
    url: str,
    title: str = "",
    description: str = "",
    format: str = "",  # noqa: A002 - the DCAT term
    distribution_id: uuid.UUID | None = None,
) -> Distribution:
    """Register a file that lives elsewhere (a link)."""
    distribution = new_link(
        actor=actor,
        dataset=dataset,
        url=url,
        title=title,
        description=description,
        format=format,
        distribution_id=distribution_id,
    )
    version_record(dataset=dataset, kind=VersionKind.FILE_ADDED, actor=actor)
    return distribution


@transaction.atomic
def distribution_update(
    *,
    actor: Actor,
    distribution: Distribution,
    title: str,
    description: str = "",
    url: str | None = None,
) -> Distribution:
    """Change a file's title and description (and a link's address)."""
    dataset = distribution.dataset
    _require_edit(actor, dataset)
    distribution.title = _title_or_default(title, distribution.title)
    distribution.description = description.strip()
    fields = ["title", "description", "updated_at"]
    if url is not None and distribution.kind == DistributionKind.LINK:
        distribution.access_url = _check_link(url)
        fields.append("access_url")
    distribution.save(update_fields=fields)
    version_record(dataset=dataset, kind=VersionKind.FILE_UPDATED, actor=actor)
    return distribution


@transaction.atomic
def distribution_remove(*, actor: Actor, distribution: Distribution) -> Distribution:
    """Remove a file from the dataset; its revisions stay downloadable in history."""
    dataset = distribution.dataset
    _require_edit(actor, dataset)
    distribution.deleted_at = timezone.now()
    distribution.save(update_fields=["deleted_at", "updated_at"])
    dataset_touch_data(dataset=dataset)
    version_record(dataset=dataset, kind=VersionKind.FILE_REMOVED, actor=actor)
    return distribution


def distribution_record_download(*, distribution: Distribution) -> None:
    """Count one download of the dataset (not resumed ranges)."""
    Dataset.objects.filter(pk=distribution.dataset_id).update(
        download_count=F("download_count") + 1
    )


HELD = {WithholdReason.CHECKING, WithholdReason.AWAITING_REVIEW}


def _withhold(revision: DistributionRevision, reason: WithholdReason) -> None:
    revision.withheld_at = timezone.now()
    revision.withheld_reason = reason
    revision.save(update_fields=["withheld_at", "withheld_reason"])
    send_dataset_changed_on_commit(revision.distribution.dataset_id)


@transaction.atomic
def distribution_revision_withhold(
    *, actor: Actor, revision: DistributionRevision
) -> DistributionRevision:
    """Never serve again a revision that a treated version (without its personal
    data) replaced: its addresses say why, its tables leave previews and APIs, its
    bytes stay in storage. The caller records the decision in the history."""
    _require_edit(actor, revision.distribution.dataset)
    _withhold(revision, WithholdReason.REPLACED)
    return revision


@transaction.atomic
def distribution_revision_hold(
    *, revision: DistributionRevision, reason: WithholdReason
) -> None:
    """Hold a new revision of a published dataset while it is checked for personal
    data (``CHECKING``) or while what was found is reviewed (``AWAITING_REVIEW``)."""
    _withhold(revision, reason)


@transaction.atomic
def distribution_revision_release(*, revision: DistributionRevision) -> None:
    """Serve a held revision: the check or the review found it may be public."""
    if revision.withheld_reason not in HELD:
        return
    revision.withheld_at = None
    revision.withheld_reason = ""
    revision.save(update_fields=["withheld_at", "withheld_reason"])
    send_dataset_changed_on_commit(revision.distribution.dataset_id)
