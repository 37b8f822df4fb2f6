"""Celery tasks: one line each over a service, taking ids.

Time limits (seconds) suit each task's work with room to spare; a task past its soft limit
stops with an error that is logged and reported, one past its hard limit is killed and its
message goes back to the queue. The broker's visibility timeout (settings) is longer than any.
"""

from celery import shared_task

from measurement.services import digest, refresh, reminders, signal_notices, team_reminders


@shared_task(acks_late=True, soft_time_limit=120, time_limit=180)  # a batch takes a second
def refresh_measures(measure_ids: list[int]) -> None:
    refresh.refresh_measures(measure_ids)


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)  # waits on a mail server
def email_new_signals(emails: list[tuple[int, list[str], list[str]]]) -> None:
    signal_notices.email_new_signals(emails)


@shared_task(acks_late=True, soft_time_limit=600, time_limit=720)  # analyses a week's signals
def email_weekly_digests() -> None:
    digest.weekly_digests_send()


@shared_task(acks_late=True, soft_time_limit=300, time_limit=420)  # every active measure
def email_no_data_reminders() -> None:
    reminders.no_data_reminders_send()


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)  # one team, waits on mail
def email_team_reminder(reminder_id: int) -> None:
    team_reminders.team_reminder_send(reminder_id)
