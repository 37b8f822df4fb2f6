"""Celery tasks: one line each over a service."""

from celery import shared_task

from projects.services import stalled


@shared_task(acks_late=True, soft_time_limit=300, time_limit=420)  # every active project
def mark_stalled_projects() -> None:
    stalled.mark_stalled_projects()
