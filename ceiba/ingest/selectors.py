"""Reads of ingest jobs, for the publisher's pages."""

from ceiba.ingest.models import IngestJob


def ingest_job_latest_by_revision(*, revision_ids: list[int]) -> dict[int, IngestJob]:
    """The newest job of each revision."""
    latest: dict[int, IngestJob] = {}
    for job in IngestJob.objects.filter(revision_id__in=revision_ids).order_by(
        "created_at"
    ):
        latest[job.revision_id] = job
    return latest
