"""Receivers of the catalog's events: a new tabular file revision is ingested."""

from uuid import UUID

from ceiba.ingest.services import ingest_job_create
from ceiba.ingest.tasks import ingest_job_run_task


def on_file_uploaded(
    sender: object, *, distribution_id: UUID, revision_id: int, **kwargs: object
) -> None:
    job = ingest_job_create(revision_id=revision_id)
    if job is not None:
        ingest_job_run_task.enqueue(job.pk)
