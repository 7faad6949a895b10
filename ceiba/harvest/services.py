"""Harvest's writes: sources, jobs and runs. Catalog changes go through
``ceiba.catalog.services`` only (see ``apply.py``)."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ceiba.catalog import selectors as catalog_selectors
from ceiba.catalog.exceptions import CatalogPermissionError, InstitutionNotFoundError
from ceiba.catalog.permissions import Actor, is_portal_admin
from ceiba.harvest.exceptions import HarvestSourceInvalidError
from ceiba.harvest.models import (
    HarvestJob,
    HarvestSource,
    JobState,
    Schedule,
    SourceType,
)
from ceiba.harvest.run import harvest_run

__all__ = [
    "harvest_job_queue",
    "harvest_run",
    "harvest_source_create",
    "harvest_source_save",
    "harvest_sources_due",
]

SOURCE_OPTIONS = (
    "organisation_map", "filter_organisations", "filter_tags", "default_licence_id",
    "editable_fields", "mirror_files", "active", "schedule", "name",
)  # fmt: skip
_PERIODS = {Schedule.DAILY: dt.timedelta(days=1), Schedule.WEEKLY: dt.timedelta(days=7)}


def _full_clean(source: HarvestSource) -> None:
    try:
        source.full_clean()
    except DjangoValidationError as exc:
        raise HarvestSourceInvalidError(
            _("The harvest source is not valid."), field_errors=exc.message_dict
        ) from exc


@transaction.atomic
def harvest_source_create(
    *,
    actor: Actor,
    url: str,
    type: str,
    institution: str,
    **options: Any,  # noqa: A002
) -> HarvestSource:
    """Register a source (portal administrators). ``institution``: a slug."""
    if not is_portal_admin(actor):
        raise CatalogPermissionError()
    if type not in SourceType.values:
        raise HarvestSourceInvalidError(
            field_errors={
                "type": [_("Choose one of: %s.") % ", ".join(SourceType.values)]
            }
        )
    try:
        owner = catalog_selectors.institution_get(slug=institution)
    except InstitutionNotFoundError:
        raise HarvestSourceInvalidError(
            field_errors={
                "institution": [_("There is no institution “%s”.") % institution]
            }
        ) from None
    values = {k: v for k, v in options.items() if k in SOURCE_OPTIONS}
    values.setdefault("name", owner.name)
    values.setdefault("editable_fields", ["themes"])
    source = HarvestSource(url=url.strip(), type=type, institution=owner, **values)
    _full_clean(source)
    source.save()
    return source


def harvest_job_queue(*, source: HarvestSource) -> HarvestJob:
    """A waiting job, run by the background worker (``harvest_job_run_task``)."""
    from ceiba.harvest.tasks import harvest_job_run_task

    job = HarvestJob.objects.create(source=source, state=JobState.QUEUED)
    transaction.on_commit(lambda: harvest_job_run_task.enqueue(job.pk))
    return job


def harvest_sources_due(*, now: dt.datetime | None = None) -> list[HarvestSource]:
    """Active scheduled sources whose last run started a period ago or more."""
    now = now or timezone.now()
    due = []
    for source in HarvestSource.objects.filter(active=True).exclude(
        schedule=Schedule.MANUAL
    ):
        last = source.jobs.order_by("-created_at").first()
        if last is None or (
            last.state not in {JobState.QUEUED, JobState.RUNNING}
            and last.created_at <= now - _PERIODS[source.schedule]
        ):
            due.append(source)
    return due


@transaction.atomic
def harvest_source_save(*, actor: Actor, source: HarvestSource) -> HarvestSource:
    """Save a source edited in the admin (portal administrators)."""
    if not is_portal_admin(actor):
        raise CatalogPermissionError()
    _full_clean(source)
    source.save()
    return source
