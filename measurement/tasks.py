"""Celery tasks: one line each over a service, taking ids."""

from celery import shared_task

from measurement.services import refresh


@shared_task(acks_late=True)
def refresh_measures(measure_ids: list[int]) -> None:
    refresh.refresh_measures(measure_ids)


@shared_task(acks_late=True)
def email_new_signals(emails: list[tuple[int, list[str], list[str]]]) -> None:
    refresh.email_new_signals(emails)
