"""Background entry points: take ids, call a service."""

from django_tasks import task

from ceiba.harvest.models import HarvestJob, JobState


@task()
def harvest_job_run_task(job_id: int) -> str:
    from ceiba.harvest.services import harvest_run

    job = HarvestJob.objects.select_related("source").get(pk=job_id)
    if job.state != JobState.QUEUED:
        return job.state
    return harvest_run(source=job.source, job=job).state


@task()
def harvest_due_task() -> int:
    """The scheduled round (daily from cron: ``ceiba harvest run --due``)."""
    from ceiba.harvest.services import harvest_job_queue, harvest_sources_due

    sources = harvest_sources_due()
    for source in sources:
        harvest_job_queue(source=source)
    return len(sources)
