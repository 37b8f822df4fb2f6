"""Celery tasks: one line each over a service."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from reporting import charts as dashboard_charts
from reporting.rollups import scheduling, service


@shared_task(acks_late=True)
def rollup_incremental() -> None:
    scheduling.run_starting()
    if service.rollup_incremental() is service.BUSY:
        scheduling.schedule_incremental_run()


@shared_task(acks_late=True)
def rollup_full() -> None:
    service.rollup_full()
    if settings.WARM_DASHBOARD_CHARTS:
        warm_dashboard_charts.delay()


@shared_task(acks_late=True)
def warm_dashboard_charts() -> None:
    dashboard_charts.warm(timezone.localdate())
