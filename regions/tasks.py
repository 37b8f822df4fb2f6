"""Celery tasks: one line each over a service."""

from celery import shared_task

from regions.rollups import service


@shared_task(acks_late=True)
def rollup_incremental() -> None:
    service.rollup_incremental()


@shared_task(acks_late=True)
def rollup_full() -> None:
    service.rollup_full()
