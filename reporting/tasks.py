"""Celery tasks: one line each over a service."""

from celery import shared_task

from reporting.rollups import scheduling, service


@shared_task(acks_late=True)
def rollup_incremental() -> None:
    scheduling.run_starting()
    if service.rollup_incremental() is service.BUSY:
        scheduling.schedule_incremental_run()


@shared_task(acks_late=True)
def rollup_full() -> None:
    service.rollup_full()
