"""Celery tasks: one line each over a service, taking ids."""

from celery import shared_task

from measurement.services import refresh


@shared_task(acks_late=True)
def refresh_measure(measure_id: int) -> None:
    refresh.refresh_measure(measure_id)
