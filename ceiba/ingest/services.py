"""Ingest jobs: created when a tabular file is uploaded, run by a background task."""

import logging
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from ceiba.catalog.models import (
    Dataset,
    Distribution,
    DistributionKind,
    WithholdReason,
)
from ceiba.catalog.permissions import Actor
from ceiba.catalog.selectors import distribution_find_by_title, revision_get_by_id
from ceiba.catalog.services import (
    distribution_add_file,
    distribution_replace_file,
    distribution_revision_hold,
    distribution_revision_release,
)
from ceiba.catalog.storage import blob_local_path
from ceiba.common.errors import CeibaError
from ceiba.datastore.selectors import datastore_table_exists
from ceiba.datastore.services import datastore_tables_register
from ceiba.ingest.exceptions import IngestError
from ceiba.ingest.models import IngestJob, IngestState
from ceiba.ingest.pipeline import ingest_file, is_tabular
from ceiba.privacy.services import (
    privacy_scan_files,
    privacy_scans_record,
    revision_go_live,
)

logger = logging.getLogger(__name__)
PROGRESS_EVERY_ROWS = 50_000


def ingest_job_create(*, revision_id: int) -> IngestJob | None:
    """Queue the ingest of a new file revision, if it is a table."""
    revision = revision_get_by_id(revision_id=revision_id)
    if revision is None or not is_tabular(revision.format):
        return None
    if datastore_table_exists(revision_id=revision_id):
        return None  # ingested already, in the foreground (``ceiba ingest``)
    return IngestJob.objects.create(revision=revision)


def ingest_job_hold_new_table(*, job: IngestJob) -> None:
    """A new table file of a published dataset is not served until it has been
    checked for personal data (a new version of a file simply waits)."""
    revision = job.revision
    distribution = revision.distribution
    if (
        distribution.dataset.is_published
        and distribution.current_revision_id == revision.pk
    ):
        distribution_revision_hold(revision=revision, reason=WithholdReason.CHECKING)


def _save_progress(job: IngestJob, stage: str, done: int, total: int | None) -> None:
    job.stage, job.rows_read, job.rows_total = stage, done, total
    IngestJob.objects.filter(pk=job.pk).update(
        stage=stage, rows_read=done, rows_total=total
    )


def _finish(
    job: IngestJob, state: IngestState, error: CeibaError | None = None
) -> None:
    job.state = state
    job.finished_at = timezone.now()
    job.error_code = error.code if error else ""
    job.error_message = error.render() if error else ""
    job.save(update_fields=["state", "finished_at", "error_code", "error_message"])


def ingest_job_run(
    *, job_id: int, progress: Callable[[str, int, int | None], None] | None = None
) -> IngestJob:
    """Run the pipeline; on success the revision's tables (and the revision, if
    it was waiting) go live; on failure, record why and keep the live ones."""
    claimed = IngestJob.objects.filter(pk=job_id, state=IngestState.QUEUED).update(
        state=IngestState.RUNNING, started_at=timezone.now()
    )
    job = IngestJob.objects.select_related("revision").get(pk=job_id)
    if not claimed:
        return job  # another worker has it, or it is done

    def report(stage: str, done: int, total: int | None) -> None:
        _save_progress(job, stage, done, total)
        if progress:
            progress(stage, done, total)

    revision = job.revision
    try:
        with (
            blob_local_path(revision.storage_name) as path,
            tempfile.TemporaryDirectory(prefix="ceiba-ingest-") as work,
        ):
            tables = ingest_file(
                path, filename=revision.filename, out_dir=Path(work), progress=report
            )
            scans = privacy_scan_files(tables=tables)
            with transaction.atomic():
                registered = datastore_tables_register(
                    revision_id=revision.pk, tables=tables
                )
                privacy_scans_record(tables=registered, scans=scans)
                revision_go_live(revision=revision)
                _finish(job, IngestState.SUCCEEDED)
    except CeibaError as error:
        _fail(job, error)
    except Exception:  # noqa: BLE001 - recorded for the publisher, logged for us
        logger.exception("ingest of revision %s failed", revision.pk)
        _fail(job, IngestError())
    return job


def _fail(job: IngestJob, error: CeibaError) -> None:
    """Not a table: the file is served as a file, like any other (a file held
    while it was checked is released)."""
    with transaction.atomic():
        _finish(job, IngestState.FAILED, error)
        distribution_revision_release(revision=job.revision)


def ingest_into_dataset(
    *,
    actor: Actor,
    dataset: Dataset,
    path: Path,
    title: str,
    progress: Callable[[str, int, int | None], None] | None = None,
) -> Distribution:
    """Ingest a local file first, then publish it in ``dataset`` with its tables.

    The file replaces the dataset's file of the same title as a new version, or is
    added. A refused file raises IngestError and changes nothing.
    """
    with tempfile.TemporaryDirectory(prefix="ceiba-ingest-") as work:
        tables = ingest_file(
            path, filename=path.name, out_dir=Path(work), progress=progress
        )
        scans = privacy_scan_files(tables=tables)
        with transaction.atomic(), path.open("rb") as source:
            existing = distribution_find_by_title(dataset=dataset, title=title)
            if existing is not None and existing.kind == DistributionKind.FILE:
                distribution = distribution_replace_file(
                    actor=actor,
                    distribution=existing,
                    source=source,
                    filename=path.name,
                )
            else:
                distribution = distribution_add_file(
                    actor=actor,
                    dataset=dataset,
                    source=source,
                    filename=path.name,
                    title=title,
                )
            registered = datastore_tables_register(
                revision_id=distribution.current_revision_id, tables=tables
            )
            privacy_scans_record(tables=registered, scans=scans)
            revision_go_live(revision=distribution.current_revision)
    return distribution
