"""A lead's reminder to one team of its overdue data, at most once a day a team.

A measure is overdue when its latest period whose time for entering on time is over (a week
and 7 days, a month and 14 days: measurement.periods) has no value, nor any later period.
Asking records the reminder at once (so a second click within 24 hours is refused) and sends
it by Celery: the no-data reminder's words, on the site and by email as each member chose.
Rare-event measures are left out, as in the daily reminders.
"""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from core.queueing import enqueue
from measurement.access import can_remind_team
from measurement.models import (
    DataPoint,
    DataType,
    Measure,
    Notification,
    NotificationKind,
    TeamReminder,
)
from measurement.periods import latest_due_period, period_start
from measurement.services.notification_settings import settings_of_users
from measurement.services.reminders import email_gaps, gap_of
from measurement.services.signal_notices import team_members
from projects.models import Project, ProjectStatus
from regions.models import User

QUIET_HOURS = 24  # a team is reminded at most once in this many hours


class ReminderRefused(Exception):
    """No reminder is sent; the message says why, for the person who asked."""


class TooSoon(ReminderRefused):
    """The team was reminded less than QUIET_HOURS ago; the message says when."""


class NoOneToRemind(ReminderRefused):
    """The team has no one with an account on the service."""


def check_may_remind(by: User, project: Project) -> None:
    if not can_remind_team(by, project):
        raise PermissionDenied(
            f"Only leads of {project.lead_region.name}, leads of the project's programmes and "
            "national admins can remind its team."
        )


def last_reminded(project_ids) -> dict[int, timezone.datetime]:
    """{project id: when its team was last reminded}, in one query."""
    return dict(
        TeamReminder.objects.filter(project__in=project_ids)
        .values("project")
        .annotate(last=Max("sent_at"))
        .values_list("project", "last")
    )


@transaction.atomic
def team_reminder_request(*, by: User, project: Project) -> TeamReminder:
    """Records a reminder to `project`'s team and sends it once saved; refuses anyone but its
    leads (PermissionDenied), a team with no one on it (NoOneToRemind) and a second reminder
    within QUIET_HOURS (TooSoon)."""
    check_may_remind(by, project)
    if not project.members.filter(user__is_active=True).exists():
        raise NoOneToRemind(
            f"No one on the team of “{project.title}” has an account yet, so there is no one "
            "to remind. Invite them from the project's team page."
        )
    Project.objects.select_for_update().filter(pk=project.pk).first()  # one click at a time
    last = last_reminded([project.pk]).get(project.pk)
    if last and last > timezone.now() - timedelta(hours=QUIET_HOURS):
        when = timezone.localtime(last)
        raise TooSoon(
            f"The team of “{project.title}” was reminded at {when:%H:%M} on "
            f"{when:%-d %B %Y}. A team is reminded at most once in {QUIET_HOURS} hours."
        )
    reminder = TeamReminder.objects.create(project=project, sent_by=by)
    transaction.on_commit(lambda: _enqueue(reminder.pk))
    return reminder


def _enqueue(reminder_id: int) -> None:
    from measurement import tasks

    enqueue(tasks.email_team_reminder, reminder_id)


def team_reminder_send(reminder_id: int, today: date | None = None) -> list[Notification]:
    """Tells the reminder's team of each overdue measure, on the site and by email as each
    member chose; returns the notifications made (none when nothing is overdue any more)."""
    today = today or timezone.localdate()
    project_id = TeamReminder.objects.values_list("project", flat=True).get(pk=reminder_id)
    gaps = overdue_gaps(project_id, today)
    if not gaps:
        return []
    teams = team_members({project_id})
    chosen = settings_of_users({user.pk for user in teams[project_id]})
    notifications = Notification.objects.bulk_create(
        [
            Notification(user=user, measure=m, kind=NotificationKind.NO_DATA, message=line)
            for m, _, line in gaps
            for user in teams[project_id]
            if chosen[user.pk].in_app
        ]
    )
    email_gaps(gaps, teams, chosen)
    return notifications


def overdue_gaps(project_id: int, today: date) -> list[tuple[Measure, date, str]]:
    """(measure, its gap's first period, the reminder) for the project's overdue measures."""
    measures = list(
        Measure.objects.filter(project=project_id, project__status=ProjectStatus.ACTIVE)
        .exclude(data_type=DataType.EVENTS)
        .select_related("project")
    )
    last_entered = dict(
        DataPoint.objects.filter(measure__in=measures)
        .values("measure")
        .annotate(last=Max("period"))
        .values_list("measure", "last")
    )
    gaps = []
    for measure in measures:
        last = last_entered.get(measure.pk)
        if last is not None and last >= latest_due_period(today, measure.frequency):
            continue
        gap = gap_of(measure, last, today, at_least=1)
        if gap and gap[0] <= period_start(
            latest_due_period(today, measure.frequency), measure.frequency
        ):
            gaps.append((measure, *gap))
    return gaps
