"""The digest and the reminders run from Celery beat, on the notifications queue."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from measurement import tasks
from measurement.models import Notification, NotificationKind
from psc.celery import app


def test_the_beat_schedule_names_registered_tasks_on_the_notifications_queue():
    schedule = settings.CELERY_BEAT_SCHEDULE
    digest, reminders = schedule["weekly-signal-digest"], schedule["no-data-reminders-daily"]
    assert digest["schedule"].day_of_week == {1} and digest["schedule"].hour == {7}
    for entry in (digest, reminders):
        assert entry["task"] in app.tasks
        assert app.amqp.router.route({}, entry["task"])["queue"].name == "notifications"


def test_the_tasks_run_their_services(falls, readers, mailoutbox):
    type(falls).objects.filter(pk=falls.pk).update(created_at=timezone.now() - timedelta(weeks=5))
    tasks.email_no_data_reminders.delay()  # five weeks and nothing entered
    assert Notification.objects.filter(kind=NotificationKind.NO_DATA).count() == 2
    assert len(mailoutbox) == 2
    tasks.email_weekly_digests.delay()
    assert len(mailoutbox) == 2  # no signal this week: no digest
