"""Harvest's reads: sources with their status, and a dataset's provenance."""

from typing import Any

from django.db.models import Count, Q, QuerySet

from ceiba.harvest.exceptions import HarvestSourceNotFoundError
from ceiba.harvest.models import HarvestedDataset, HarvestJob, HarvestSource


def _with_status(queryset: QuerySet[HarvestSource]) -> QuerySet[HarvestSource]:
    return queryset.select_related("institution").annotate(
        dataset_count=Count("links", filter=Q(links__withdrawn_at__isnull=True))
    )


def _attach_last_jobs(sources: list[HarvestSource]) -> list[HarvestSource]:
    jobs: dict[int, HarvestJob] = {}
    for job in HarvestJob.objects.filter(source__in=sources).order_by("-created_at"):
        jobs.setdefault(job.source_id, job)
    for source in sources:
        source.last_job = jobs.get(source.pk)
    return sources


def harvest_source_list(*, active_only: bool = False) -> list[HarvestSource]:
    """Sources with ``dataset_count`` and ``last_job`` (None if never run)."""
    queryset = HarvestSource.objects.all()
    if active_only:
        queryset = queryset.filter(active=True)
    return _attach_last_jobs(list(_with_status(queryset).order_by("name")))


def harvest_source_get(*, source_id: int) -> HarvestSource:
    source = _with_status(HarvestSource.objects.filter(pk=source_id)).first()
    if source is None:
        raise HarvestSourceNotFoundError()
    return _attach_last_jobs([source])[0]


def harvest_job_list(*, source: HarvestSource, limit: int = 20) -> list[HarvestJob]:
    return list(source.jobs.order_by("-created_at")[:limit])


def dataset_provenance(*, dataset_id: Any) -> HarvestedDataset | None:
    """Where a harvested dataset was originally published (None if it was not)."""
    return (
        HarvestedDataset.objects.filter(dataset_id=dataset_id)
        .select_related("source")
        .first()
    )
