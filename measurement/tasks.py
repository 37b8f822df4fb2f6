"""Celery tasks: one line each over a service, taking ids."""

from celery import shared_task

from measurement.services import refresh


@shared_task(acks_late=True)
def refresh_measures(measure_ids: list[int]) -> None:
    refresh.refresh_measures(measure_ids)
