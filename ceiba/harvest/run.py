"""A harvest run: read the source, apply each record, withdraw what disappeared,
and keep the job row (state, counts, progress, errors) up to date as it goes.

Each changed record is its own transaction, and the records new to us are created a
page at a time in one (one by one if the page is refused, so that only the bad
record fails). A worker killed in the middle leaves every dataset either as it was
or fully harvested; the next run finds the datasets done (same content hash:
nothing to do) and completes the rest. A record that fails is
logged on the job and the run goes on; withdrawals happen only after a complete
listing of the source, so a source that failed half-way never empties our catalog.
"""

import datetime as dt
import logging
import time
from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ceiba.common.errors import CeibaError
from ceiba.harvest.actor import harvest_actor
from ceiba.harvest.apply import (
    ApplyContext,
    LinkState,
    Outcome,
    apply_record,
    create_records,
    withdraw,
)
from ceiba.harvest.exceptions import HarvestJobRunningError
from ceiba.harvest.fetch import Fetcher
from ceiba.harvest.mapping import (
    MappedRecord,
    MappingOptions,
    UnmappedReport,
    map_record,
)
from ceiba.harvest.models import (
    HarvestedDataset,
    HarvestJob,
    HarvestRecord,
    HarvestSource,
    JobState,
    RecordAction,
)
from ceiba.harvest.readers.base import ReaderOptions, ReadFailure
from ceiba.harvest.readers.registry import reader_class
from ceiba.harvest.records import SourceRecord

logger = logging.getLogger(__name__)

Progress = Callable[[int, int | None], None]
RECORD_BATCH = 500
HEARTBEAT_SECONDS = 2.0
STALE_AFTER = dt.timedelta(minutes=15)
SINCE_MARGIN = dt.timedelta(hours=1)
KEEP_JOB_LOGS = 20
_COUNTED = {
    RecordAction.NEW: "new",
    RecordAction.UPDATED: "updated",
    RecordAction.RESTORED: "updated",
    RecordAction.UNCHANGED: "unchanged",
    RecordAction.WITHDRAWN: "withdrawn",
    RecordAction.FAILED: "failed",
}


def _load_links(source: HarvestSource) -> dict[str, LinkState]:
    rows = HarvestedDataset.objects.filter(source=source).values_list(
        "pk", "identifier", "dataset_id", "content_hash", "record_hash", "withdrawn_at"
    )
    return {
        identifier: LinkState(pk, dataset_id, content, record, withdrawn is not None)
        for pk, identifier, dataset_id, content, record, withdrawn in rows
    }


def _since(source: HarvestSource) -> dt.datetime | None:
    last = (
        source.jobs.filter(state=JobState.DONE, complete=True)
        .order_by("-started_at")
        .values_list("started_at", flat=True)
        .first()
    )
    return last - SINCE_MARGIN if last else None


def job_claim(*, source: HarvestSource, job: HarvestJob | None = None) -> HarvestJob:
    """Mark stale runs as interrupted, refuse a second live run, start ``job``."""
    now = timezone.now()
    running = source.jobs.filter(state=JobState.RUNNING)
    running.filter(heartbeat_at__lt=now - STALE_AFTER).update(
        state=JobState.INTERRUPTED,
        finished_at=now,
        error=_(
            "The harvest stopped in the middle (the worker ended). The next run "
            "completed it."
        ),
    )
    if running.exclude(pk=getattr(job, "pk", None)).exists():
        raise HarvestJobRunningError()
    job = job or HarvestJob(source=source)
    job.state, job.started_at, job.heartbeat_at = JobState.RUNNING, now, now
    job.save()
    return job


class HarvestRun:
    def __init__(
        self, source: HarvestSource, job: HarvestJob, progress: Progress | None
    ) -> None:
        self.source = source
        self.job = job
        self.progress = progress
        self.fetcher = Fetcher()
        self.report = UnmappedReport()
        self.options = MappingOptions(
            default_licence=source.default_licence_id or "notspecified",
            organisation_map=dict(source.organisation_map or {}),
        )
        self.ctx = ApplyContext(
            source=source, actor=harvest_actor(), links=_load_links(source)
        )
        self.records: list[HarvestRecord] = []
        self.new: list[tuple[SourceRecord, MappedRecord]] = []
        self.page_size = _page_size()
        self.seen: set[str] = set()
        self.started = time.monotonic()
        self.beat = 0.0

    def reader(self) -> Any:
        options = ReaderOptions(
            url=self.source.url,
            organisations=tuple(self.source.filter_organisations or ()),
            tags=tuple(self.source.filter_tags or ()),
            since=_since(self.source),
            page_size=self.page_size,
            known=frozenset(k for k, v in self.ctx.links.items() if not v.withdrawn),
        )
        return reader_class(self.source.type)(options, self.fetcher)

    def log(self, identifier: str, outcome: Outcome, error: str = "") -> None:
        field = _COUNTED[outcome.action]
        setattr(self.job, field, getattr(self.job, field) + 1)
        self.job.progress_done += 1
        self.records.append(
            HarvestRecord(
                job=self.job,
                identifier=identifier[:500],
                action=outcome.action,
                dataset_id=outcome.dataset_id,
                changed_fields=outcome.changed,
                error=error,
            )
        )
        if len(self.records) >= RECORD_BATCH:
            self.flush()

    def flush(self) -> None:
        HarvestRecord.objects.bulk_create(self.records)
        self.records = []

    def heartbeat(self, total: int | None, *, force: bool = False) -> None:
        now = time.monotonic()
        if self.progress:
            self.progress(self.job.progress_done, total)
        if not force and now - self.beat < HEARTBEAT_SECONDS:
            return
        self.beat = now
        self.flush()
        self.job.progress_total = total
        self.job.heartbeat_at = timezone.now()
        self.job.unmapped = self.report.as_dict()
        self.job.fetch_seconds = self.fetcher.seconds
        self.job.process_seconds = now - self.started - self.fetcher.seconds
        self.job.save()

    def one(self, record: SourceRecord) -> None:
        """Records new to us wait to be created a page at a time; the others are
        applied now."""
        if record.identifier in self.seen:
            return
        self.seen.add(record.identifier)
        mapped = self.attempt(record, map_record, record, self.options, self.report)
        if mapped is None:
            return
        if record.identifier in self.ctx.links:
            self.apply(record, mapped)
            return
        self.new.append((record, mapped))
        if len(self.new) >= self.page_size:
            self.create_new()

    def attempt(self, record: SourceRecord, step: Callable, *args: Any) -> Any:
        """``step(*args)``, or None with the record logged as failed."""
        try:
            return step(*args)
        except CeibaError as error:
            self.log(record.identifier, Outcome(RecordAction.FAILED), _explain(error))
        except Exception as error:  # noqa: BLE001 - logged, recorded, the run goes on
            logger.exception("harvest: record %s failed", record.identifier)
            self.log(record.identifier, Outcome(RecordAction.FAILED), repr(error))
        return None

    def apply(self, record: SourceRecord, mapped: MappedRecord) -> None:
        outcome = self.attempt(
            record, apply_record, self.ctx, record, mapped, self.report
        )
        if outcome is not None:
            self.log(record.identifier, outcome)

    def create_new(self) -> None:
        """The waiting new records in one transaction; if that fails, one by one
        (so one bad record fails alone, with its own error)."""
        pairs, self.new = self.new, []
        if not pairs:
            return
        try:
            outcomes = create_records(self.ctx, pairs, self.report)
        except Exception:  # noqa: BLE001 - the records are retried one by one
            logger.info("harvest: a page of new records is created one by one")
            for record, mapped in pairs:
                self.apply(record, mapped)
            return
        for (record, _mapped), outcome in zip(pairs, outcomes, strict=True):
            self.log(record.identifier, outcome)

    def withdraw_missing(self, listed: set[str]) -> None:
        for identifier, link in list(self.ctx.links.items()):
            if identifier in listed or link.withdrawn or not link.pk:
                continue
            try:
                self.log(identifier, withdraw(self.ctx, identifier, link))
            except CeibaError as error:
                self.log(identifier, Outcome(RecordAction.FAILED), _explain(error))

    def count_untouched(self, listed: set[str]) -> None:
        """Incremental runs: records listed but not modified since are unchanged."""
        for identifier in listed - self.seen:
            link = self.ctx.links.get(identifier)
            if link is not None and not link.withdrawn:
                self.job.unchanged += 1

    def execute(self) -> None:
        reader = self.reader()
        try:
            for item in reader.records():
                if isinstance(item, ReadFailure):
                    self.log(item.identifier, Outcome(RecordAction.FAILED), item.error)
                else:
                    self.one(item)
                self.heartbeat(reader.total)
        except CeibaError:
            self.create_new()  # the records read before the source failed
            raise
        self.create_new()
        if reader.complete:
            if reader.incremental:
                self.count_untouched(reader.listed)
            self.withdraw_missing(reader.listed)
        self.job.complete = reader.complete and self.job.failed == 0

    def finish(self, state: str, error: str = "") -> None:
        self.job.state = state
        self.job.error = error
        self.job.finished_at = timezone.now()
        self.heartbeat(self.job.progress_total, force=True)


def _explain(error: CeibaError) -> str:
    text = error.render()
    details = getattr(error, "field_errors", None) or {}
    for name, messages in details.items():
        text += f" {name}: {' '.join(str(m) for m in messages)}"
    return text


def _page_size() -> int:
    from django.conf import settings

    return int(settings.CEIBA_HARVEST_PAGE_SIZE)


def harvest_run(
    *,
    source: HarvestSource,
    job: HarvestJob | None = None,
    progress: Progress | None = None,
) -> HarvestJob:
    """Harvest ``source`` now, in this process; returns the finished job."""
    job = job_claim(source=source, job=job)
    run = HarvestRun(source, job, progress)
    try:
        run.execute()
    except CeibaError as error:
        run.finish(JobState.FAILED, error.render())
        return job
    except BaseException:
        run.finish(
            JobState.INTERRUPTED,
            _("The harvest stopped in the middle. The next run will complete it."),
        )
        raise
    run.finish(JobState.DONE)
    _prune_logs(source)
    return job


def _prune_logs(source: HarvestSource) -> None:
    old = source.jobs.order_by("-created_at").values_list("pk", flat=True)[
        KEEP_JOB_LOGS:
    ]
    HarvestRecord.objects.filter(job_id__in=list(old)).delete()
