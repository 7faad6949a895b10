"""Receivers of the catalog's events: a new tabular file revision is ingested."""

from uuid import UUID

from ceiba.catalog.services import distribution_revision_activate
from ceiba.ingest.services import ingest_job_create, ingest_job_hold_new_table
from ceiba.ingest.tasks import ingest_job_run_task


def on_file_uploaded(
    sender: object, *, distribution_id: UUID, revision_id: int, **kwargs: object
) -> None:
    job = ingest_job_create(revision_id=revision_id)
    if job is None:
        # Not a table (or one ingested already): nothing to wait for.
        distribution_revision_activate(revision_id=revision_id)
        return
    ingest_job_hold_new_table(job=job)
    ingest_job_run_task.enqueue(job.pk)
