"""Writes of the privacy app: scans of tables, reviews of findings, rules.

Ingest scans a file's tables before registering them (``privacy_scan_files``, slow,
outside any transaction) and records the results in the transaction that makes the
tables visible (``privacy_scans_record``), so no table is ever visible unscanned.
"""

import logging
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ceiba.catalog.exceptions import CatalogPermissionError
from ceiba.catalog.models import (
    Dataset,
    DistributionRevision,
    VersionKind,
    WithholdReason,
)
from ceiba.catalog.permissions import Actor, can_publish_dataset
from ceiba.catalog.services import (
    distribution_replace_file,
    distribution_revision_activate,
    distribution_revision_hold,
    distribution_revision_release,
    distribution_revision_withhold,
    version_record,
)
from ceiba.datastore.models import DatastoreTable
from ceiba.datastore.services import TableFiles
from ceiba.datastore.storage import table_path
from ceiba.privacy.exceptions import PersonalDataFoundError, ReviewError
from ceiba.privacy.models import (
    FindingStatus,
    PrivacyFinding,
    PrivacyRule,
    PrivacyScan,
)
from ceiba.privacy.scan import TableScan, scan_table
from ceiba.privacy.selectors import (
    dataset_blocking_findings,
    datasets_with_open_findings,
    revisions_with_findings,
    table_findings,
    tables_have_blocking_findings,
)
from ceiba.privacy.treatments import (
    TreatmentPlan,
    TreatmentResult,
    apply_plan,
    hash_key,
)

logger = logging.getLogger(__name__)


def _titles(schema: dict) -> dict[str, str]:
    return {f["name"]: f.get("title", "") for f in schema.get("fields", [])}


def privacy_scan_files(*, tables: Sequence[TableFiles]) -> list[TableScan]:
    """Scan an ingest's finished tables, still in their work folder."""
    return [scan_table(t.parquet, titles=_titles(t.schema)) for t in tables]


@transaction.atomic
def privacy_scans_record(
    *, tables: Sequence[DatastoreTable], scans: Sequence[TableScan]
) -> None:
    """Store the scans of registered tables (in the same order)."""
    for table, scan in zip(tables, scans, strict=True):
        _record(table, scan)


def _record(table: DatastoreTable, scan: TableScan) -> PrivacyScan:
    PrivacyFinding.objects.filter(table=table).delete()
    record, _ = PrivacyScan.objects.update_or_create(
        table=table,
        defaults={
            "rows": scan.rows,
            "seconds": scan.seconds,
            "k_anonymity": scan.k_anonymity.as_json() if scan.k_anonymity else None,
        },
    )
    PrivacyFinding.objects.bulk_create(
        PrivacyFinding(
            table=table,
            column=f.column[:200],
            kind=f.kind,
            count=f.count,
            examples=f.examples,
            context=f.context,
        )
        for f in scan.findings
    )
    return record


def privacy_table_scan(*, table: DatastoreTable) -> PrivacyScan:
    """Scan a registered table again; earlier findings and reviews are replaced."""
    scan = scan_table(table_path(table.parquet_name), titles=_titles(table.schema))
    with transaction.atomic():
        return _record(table, scan)


def privacy_rescan(*, dataset_slug: str = "") -> int:
    """Scan every table of the catalog (or of one dataset) that has no scan yet."""
    tables = DatastoreTable.objects.filter(privacy_scan__isnull=True)
    if dataset_slug:
        tables = tables.filter(revision__distribution__dataset__slug=dataset_slug)
    count = 0
    for table in tables.iterator():
        privacy_table_scan(table=table)
        count += 1
    return count


def dataset_privacy_guard(*, dataset: Dataset) -> None:
    """The publish guard: refuse while blocking findings are open."""
    blocking = dataset_blocking_findings(dataset=dataset)
    if blocking:
        raise PersonalDataFoundError(count=len(blocking))


def datasets_privacy_guard(*, datasets: Sequence[Dataset]) -> None:
    """The publish guard for a batch: one query when none has open findings."""
    for dataset in datasets_with_open_findings(datasets=datasets):
        dataset_privacy_guard(dataset=dataset)


def _dataset_of(finding: PrivacyFinding) -> Dataset:
    return finding.table.revision.distribution.dataset


def _check_reviewer(actor: Actor, finding: PrivacyFinding) -> Dataset:
    dataset = _dataset_of(finding)
    if not can_publish_dataset(actor, dataset):
        raise CatalogPermissionError()
    return dataset


def _record_decision(dataset: Any, actor: Actor, notes: list[dict[str, Any]]) -> None:
    """A review decision is a version of the dataset: who decided what, and when."""
    version_record(
        dataset=dataset,
        kind=VersionKind.PRIVACY_REVIEWED,
        actor=actor,
        extra_changes=notes,
    )


def _note(finding: PrivacyFinding, decision: dict[str, str]) -> dict[str, object]:
    return {
        "field": "privacy_review",
        "before": f"{finding.table.name} · {finding.column} · {finding.kind} "
        f"({finding.count})",
        "after": decision,
    }


@transaction.atomic
@transaction.atomic
def finding_justify(
    *, actor: Actor, finding: PrivacyFinding, justification: str
) -> PrivacyFinding:
    """Publish the data as it is, for the reason given; kept in the history."""
    dataset = _check_reviewer(actor, finding)
    justification = " ".join(justification.split())[:2000]
    if len(justification) < 10:
        raise ReviewError()
    finding.status = FindingStatus.JUSTIFIED
    finding.justification = justification
    _mark_reviewed(finding, actor)
    _record_decision(
        dataset,
        actor,
        [_note(finding, {"decision": "justified", "reason": justification})],
    )
    revision_go_live(revision=finding.table.revision)
    return finding


def revision_go_live(*, revision: DistributionRevision) -> None:
    """Make a new revision current, unless its dataset is public and its tables
    hold personal data awaiting review: then a new file is held (not served) and a
    replacement waits. Called when the tables are ready and after each decision."""
    dataset = revision.distribution.dataset
    tables = list(revision.tables.all())
    if dataset.is_published and tables_have_blocking_findings(tables=tables):
        held = revision.withheld_reason == WithholdReason.AWAITING_REVIEW
        if revision.distribution.current_revision_id == revision.pk and not held:
            distribution_revision_hold(
                revision=revision, reason=WithholdReason.AWAITING_REVIEW
            )
        return
    distribution_revision_release(revision=revision)
    distribution_revision_activate(revision_id=revision.pk)


def _mark_reviewed(finding: PrivacyFinding, actor: Actor) -> None:
    finding.reviewer = actor if actor is not None and actor.is_authenticated else None
    finding.reviewed_at = timezone.now()
    finding.save(
        update_fields=[
            "status", "justification", "treatment", "reviewer", "reviewed_at"
        ]
    )  # fmt: skip


def _k_text(result: TreatmentResult) -> str:
    before = result.k_before.k if result.k_before else "—"
    after = result.k_after.k if result.k_after else "—"
    return (
        f"k = {before} → k = {after}; rows {result.rows_before} → {result.rows_after}"
    )


def table_treat(
    *, actor: Actor, table: DatastoreTable, plan: TreatmentPlan
) -> tuple[TreatmentResult, TableScan]:
    """Publish a treated copy of ``table`` as a new version of its file.

    The treated table is scanned again at once (the result is returned for the
    publisher) and once more when the new version is ingested. Findings of the
    treated columns are marked treated, and the treatment is kept in the history.
    """
    dataset = table.revision.distribution.dataset
    if not can_publish_dataset(actor, dataset):
        raise CatalogPermissionError()
    key = hash_key(settings.CEIBA_PRIVACY_HASH_KEY, settings.SECRET_KEY)
    with tempfile.TemporaryDirectory(prefix="ceiba-privacy-") as work:
        parquet, csv, result = apply_plan(
            table_path(table.parquet_name), plan, Path(work), key
        )
        rescan = scan_table(parquet, quasi=[q for q in plan.quasi if q in
                                           _columns_after(table, plan)])  # fmt: skip
        with transaction.atomic(), csv.open("rb") as source:
            stem = Path(table.revision.filename).stem
            distribution_replace_file(
                actor=actor,
                distribution=table.revision.distribution,
                source=source,
                filename=f"{stem}-anonimizado.csv",
            )
            # The untreated original, and any earlier release with personal data
            # found in it, stay with the institution, never served.
            for revision in revisions_with_findings(revision=table.revision):
                distribution_revision_withhold(actor=actor, revision=revision)
            touched = plan.treated_columns()
            findings = [f for f in table_findings(table=table) if f.column in touched]
            _mark_treated(actor, dataset, table, findings, plan.describe(), result)
    return result, rescan


def _columns_after(table: DatastoreTable, plan: TreatmentPlan) -> set[str]:
    names = {f["name"] for f in table.schema.get("fields", [])}
    return {n for n in names if plan.actions.get(n, "keep") != "drop"}


def _mark_treated(
    actor: Actor,
    dataset: Dataset,
    table: DatastoreTable,
    findings: Sequence[PrivacyFinding],
    treatment: str,
    result: TreatmentResult,
) -> None:
    for finding in findings:
        finding.status = FindingStatus.TREATED
        finding.treatment = treatment[:200]
        _mark_reviewed(finding, actor)
    summary = {"decision": "treated", "treatment": treatment, "result": _k_text(result)}
    notes = [_note(f, summary) for f in findings] or [
        {"field": "privacy_review", "before": table.name, "after": summary}
    ]
    _record_decision(dataset, actor, notes)


@transaction.atomic
def privacy_rule_set(*, kind: str, blocks: bool) -> PrivacyRule:
    rule, _ = PrivacyRule.objects.update_or_create(
        kind=kind, defaults={"blocks": blocks}
    )
    return rule
