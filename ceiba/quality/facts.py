"""Loading the facts the indicators read, for many datasets at once.

Four queries per batch whatever its size (datasets, files, link states, tables),
so a full recompute costs a few queries per few thousand datasets. These are
read-only queries over the catalog's and the datastore's tables.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    TextField,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

from ceiba.catalog.models import Dataset, DatasetStatus, Distribution, DistributionKind
from ceiba.datastore.models import DatastoreTable
from ceiba.quality.indicators.base import DatasetFacts, DistributionFacts
from ceiba.quality.indicators.formats import NOT_DOWNLOADS, eu_format
from ceiba.quality.models import LinkStatus

UNKNOWN_LICENCES = frozenset({"other-open", "other-closed", "notspecified"})
_TRUE = {True, "1", "true"}


@dataclass(frozen=True)
class Scope:
    """Which datasets: a list of ids, or every id between ``low`` and ``high``."""

    ids: tuple[UUID, ...] | None = None
    low: UUID | None = None
    high: UUID | None = None

    def q(self, path: str) -> Q:
        if self.ids is not None:
            return Q(**{f"{path}__in": self.ids})
        return Q(**{f"{path}__gte": self.low, f"{path}__lte": self.high})


def batches(size: int) -> Iterator[Scope]:
    """Every dataset, as consecutive ranges of ``size`` ids."""
    ids = list(Dataset.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), size):
        chunk = ids[start : start + size]
        yield Scope(low=chunk[0], high=chunk[-1])


def _flag(condition: Q) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


def _has(field: str) -> Exists:
    through = getattr(Dataset, field).through
    return Exists(through.objects.filter(dataset_id=OuterRef("pk")))


def _dataset_rows(scope: Scope) -> Iterable[dict[str, Any]]:
    """One row per dataset, with what the indicators test already decided in SQL
    (empty description, keywords, themes, places)."""
    return (
        Dataset.objects.filter(scope.q("pk"))
        .alias(keywords_text=Cast("keywords", TextField()))
        .annotate(
            has_description=_flag(~Q(description="")),
            has_keywords=_flag(~Q(keywords_text__in=["[]", "null", ""])),
            has_themes=_has("themes"),
            has_places=_has("places"),
        )
        .values(
            "id",
            "publisher_id",
            "status",
            "deleted_at",
            "licence_id",
            "licence__is_open",
            "access_rights",
            "contact_email",
            "temporal_start",
            "temporal_end",
            "issued",
            "modified",
            "data_updated_at",
            "created_at",
            "conforms_to",
            "frequency__period_days",
            "has_description",
            "has_keywords",
            "has_themes",
            "has_places",
        )  # fmt: skip
    )


def _facts_of(row: dict[str, Any]) -> DatasetFacts:
    licence = row["licence_id"]
    return DatasetFacts(
        id=row["id"],
        publisher_id=row["publisher_id"],
        is_public=row["status"] == DatasetStatus.PUBLISHED and not row["deleted_at"],
        has_keywords=bool(row["has_keywords"]),
        has_themes=bool(row["has_themes"]),
        has_places=bool(row["has_places"]),
        has_temporal=bool(row["temporal_start"] or row["temporal_end"]),
        has_description=bool(row["has_description"]),
        licence_given=licence != "notspecified",
        licence_known=licence not in UNKNOWN_LICENCES,
        licence_open=bool(row["licence__is_open"]),
        has_contact=bool(row["contact_email"]),
        has_access_rights=bool(row["access_rights"]),
        has_issued=row["issued"] is not None,
        has_modified=row["modified"] is not None,
        has_conformance=bool(row["conforms_to"]),
        period_days=row["frequency__period_days"],
        last_data_update=row["data_updated_at"] or row["issued"] or row["created_at"],
    )


def _link_states(scope: Scope) -> dict[UUID, dict[str, Any]]:
    rows = LinkStatus.objects.filter(scope.q("distribution__dataset_id")).values(
        "distribution_id", "url", "is_broken", "byte_size", "content_type"
    )
    return {row["distribution_id"]: row for row in rows}


def _distribution(
    row: dict[str, Any], state: dict[str, Any] | None
) -> DistributionFacts:
    file_format = eu_format(row["format"])
    if row["kind"] == DistributionKind.FILE:
        return DistributionFacts(
            kind=row["kind"],
            format=file_format,
            media_type=row["media_type"],
            has_download_url=True,
            reachable=row["current_revision__byte_size"] is not None,
            has_size=row["current_revision__byte_size"] is not None,
        )
    if state is not None and state["url"] != row["access_url"]:
        state = None  # checked before the address changed: unknown again
    served_type = (state or {}).get("content_type") or ""
    return DistributionFacts(
        kind=row["kind"],
        format=file_format,
        media_type=row["media_type"] or served_type.split(";")[0].strip(),
        has_download_url=file_format not in NOT_DOWNLOADS,
        reachable=not (state and state["is_broken"]),
        has_size=bool(state and state["byte_size"] is not None),
    )


def _add_distributions(facts: dict[UUID, DatasetFacts], scope: Scope) -> None:
    states = _link_states(scope)
    rows = Distribution.objects.filter(
        scope.q("dataset_id"), deleted_at__isnull=True
    ).values(
        "id", "dataset_id", "kind", "format", "media_type", "title", "access_url",
        "current_revision__byte_size",
    )  # fmt: skip
    for row in rows:
        dataset = facts.get(row["dataset_id"])
        if dataset is None:
            continue
        distribution = _distribution(row, states.get(row["id"]))
        dataset.distributions.append(distribution)
        if not distribution.reachable:
            dataset.broken_files.append(row["title"])


def _add_tables(facts: dict[UUID, DatasetFacts], scope: Scope) -> None:
    """Tables of each live file's newest revision that has tables; each table is
    also offered as CSV by the portal (a virtual CSV distribution)."""
    rows = DatastoreTable.objects.filter(
        scope.q("revision__distribution__dataset_id"),
        revision__distribution__deleted_at__isnull=True,
    ).values_list(
        "revision__distribution_id",
        "revision__distribution__dataset_id",
        "revision__number",
        KT("validation__valid"),
    )
    newest: dict[UUID, int] = {}
    tables: dict[UUID, list[tuple[UUID, int, object]]] = defaultdict(list)
    for distribution_id, dataset_id, number, valid in rows:
        newest[distribution_id] = max(number, newest.get(distribution_id, 0))
        tables[distribution_id].append((dataset_id, number, valid))
    for distribution_id, items in tables.items():
        for dataset_id, number, valid in items:
            dataset = facts.get(dataset_id)
            if dataset is None or number != newest[distribution_id]:
                continue
            dataset.table_count += 1
            dataset.invalid_tables += valid not in _TRUE
    for dataset in facts.values():
        if dataset.table_count:
            dataset.distributions.append(
                DistributionFacts(
                    kind="table",
                    format="CSV",
                    media_type="text/csv",
                    has_download_url=True,
                    reachable=True,
                    has_size=True,
                    virtual=True,
                )
            )


def load_facts(scope: Scope) -> list[DatasetFacts]:
    facts = {row["id"]: _facts_of(row) for row in _dataset_rows(scope)}
    _add_distributions(facts, scope)
    _add_tables(facts, scope)
    for dataset in facts.values():
        dataset.count_distributions()
    return list(facts.values())
