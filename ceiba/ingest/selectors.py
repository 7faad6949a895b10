"""Reads of ingest jobs, for the publisher's pages."""

from collections.abc import Iterable
from uuid import UUID

from ceiba.ingest.models import IngestJob


def ingest_job_latest_by_distribution(
    *, distribution_ids: Iterable[UUID]
) -> dict[UUID, IngestJob]:
    """The newest job of each file: of its newest revision, which may still be
    waiting to replace the current one."""
    latest: dict[UUID, IngestJob] = {}
    jobs = (
        IngestJob.objects.filter(revision__distribution_id__in=list(distribution_ids))
        .select_related("revision")
        .order_by("revision__number", "created_at")
    )
    for job in jobs:
        latest[job.revision.distribution_id] = job
    return latest
