"""Reads of findings: per table, per dataset, and what still blocks publishing."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings

from ceiba.catalog.models import Dataset, DistributionRevision
from ceiba.datastore.models import DatastoreTable
from ceiba.datastore.selectors import datastore_tables_for_distribution
from ceiba.privacy.exceptions import FindingNotFoundError
from ceiba.privacy.kinds import DEFAULT_BLOCKING
from ceiba.privacy.models import (
    FindingStatus,
    PrivacyFinding,
    PrivacyRule,
    PrivacyScan,
)

IN_BATCH = 500  # datasets per query (well under every database's parameter limit)


def blocking_kinds() -> set[str]:
    """Kinds that block publishing: the setting, then the administrators' rules."""
    kinds = set(settings.CEIBA_PRIVACY_BLOCKING or DEFAULT_BLOCKING)
    for kind, blocks in PrivacyRule.objects.values_list("kind", "blocks"):
        (kinds.add if blocks else kinds.discard)(kind)
    return kinds


@dataclass
class TableFindings:
    table: DatastoreTable
    scan: PrivacyScan | None
    findings: list[PrivacyFinding] = field(default_factory=list)

    @property
    def open_count(self) -> int:
        return sum(1 for f in self.findings if f.is_open)


def dataset_current_tables(*, dataset: Dataset) -> list[DatastoreTable]:
    """The tables of the current version of each of the dataset's files."""
    tables: list[DatastoreTable] = []
    for distribution in dataset.distributions.filter(deleted_at__isnull=True):
        tables.extend(
            datastore_tables_for_distribution(distribution_id=distribution.pk)
        )
    return tables


def dataset_findings(*, dataset: Dataset) -> list[TableFindings]:
    """Each current table of ``dataset`` with its scan and findings, marked blocking
    (``finding.blocks``) by the rules in force."""
    tables = dataset_current_tables(dataset=dataset)
    scans = {s.table_id: s for s in PrivacyScan.objects.filter(table__in=tables)}
    kinds = blocking_kinds()
    result = {t.pk: TableFindings(t, scans.get(t.pk)) for t in tables}
    findings = PrivacyFinding.objects.filter(table__in=tables).select_related(
        "reviewer"
    )
    for finding in findings:
        finding.blocks = finding.kind in kinds
        result[finding.table_id].findings.append(finding)
    return list(result.values())


def dataset_blocking_findings(*, dataset: Dataset) -> list[PrivacyFinding]:
    # Most datasets have no open finding at all: one query answers them.
    if not datasets_with_open_findings(datasets=[dataset]):
        return []
    return list(
        PrivacyFinding.objects.filter(
            status=FindingStatus.OPEN,
            kind__in=blocking_kinds(),
            table__in=dataset_current_tables(dataset=dataset),
        )
    )


def datasets_with_open_findings(*, datasets: Sequence[Dataset]) -> list[Dataset]:
    """Those of ``datasets`` with an open finding in any table of any of their
    files (a superset of those with blocking findings), in one query a batch."""
    found: set[object] = set()
    for start in range(0, len(datasets), IN_BATCH):
        found.update(
            PrivacyFinding.objects.filter(
                status=FindingStatus.OPEN,
                table__revision__distribution__dataset__in=[
                    d.pk for d in datasets[start : start + IN_BATCH]
                ],
            )
            .values_list("table__revision__distribution__dataset_id", flat=True)
            .distinct()
        )
    return [d for d in datasets if d.pk in found]


def revisions_with_findings(
    *, revision: DistributionRevision
) -> list[DistributionRevision]:
    """``revision`` and the earlier revisions of its file, still served, in whose
    tables the scanner found personal data."""
    earlier = DistributionRevision.objects.filter(
        distribution_id=revision.distribution_id,
        number__lt=revision.number,
        withheld_at__isnull=True,
        tables__privacy_findings__isnull=False,
    ).distinct()
    return [revision, *earlier]


def tables_have_blocking_findings(*, tables: list[DatastoreTable]) -> bool:
    return PrivacyFinding.objects.filter(
        table__in=tables, status=FindingStatus.OPEN, kind__in=blocking_kinds()
    ).exists()


def finding_get(*, dataset: Dataset, finding_id: object) -> PrivacyFinding:
    finding = (
        PrivacyFinding.objects.select_related("table__revision__distribution")
        .filter(pk=finding_id if str(finding_id).isdigit() else None)
        .first()
    )
    if finding is None or finding.table.revision.distribution.dataset_id != dataset.pk:
        raise FindingNotFoundError()
    return finding


def table_findings(*, table: DatastoreTable) -> list[PrivacyFinding]:
    return list(PrivacyFinding.objects.filter(table=table))


# What the treatment form proposes for a column with a finding of each kind.
SUGGESTED = {
    "cui": "drop", "nit": "drop", "passport": "drop", "phone": "drop",
    "email": "drop", "plate": "drop", "person_name": "drop", "address": "drop",
    "birth_date": "year", "coordinates": "grid",
}  # fmt: skip


def treatment_suggestions(*, table: DatastoreTable) -> dict[str, object]:
    """Initial values of the treatment form: a treatment for each column with an
    identifying finding, and the quasi-identifiers of the scan."""
    initial: dict[str, object] = {}
    for finding in PrivacyFinding.objects.filter(table=table):
        suggestion = SUGGESTED.get(finding.kind)
        if suggestion and finding.context != "text":
            initial[f"col_{finding.column}"] = suggestion
    scan = PrivacyScan.objects.filter(table=table).first()
    if scan is not None and scan.k_anonymity:
        initial["quasi"] = scan.k_anonymity.get("columns", [])
    return initial
