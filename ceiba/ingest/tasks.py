from django_tasks import task

from ceiba.ingest.services import ingest_job_run


@task()
def ingest_job_run_task(job_id: int) -> str:
    return ingest_job_run(job_id=job_id).state
