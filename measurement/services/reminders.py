"""Reminding the team of an active project when a measure has gone without data: once a gap.

A gap is reminded of once it reaches GAP_PERIODS complete periods with nothing entered; it is
recorded as a SeenSignal of rule NO_DATA_RULE from the gap's first period, so the daily run
tells of it once (whatever each member's settings) and a new gap, after new data, is told
again. Rare-event measures are left out: a quiet spell there is good news, not missing data.
"""

from collections import defaultdict
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from measurement.models import (
    DataPoint,
    DataType,
    Measure,
    Notification,
    NotificationKind,
    SeenSignal,
)
from measurement.periods import (
    MONTHLY,
    WEEKLY,
    last_complete_period,
    period_start,
    periods_between,
    shift,
)
from measurement.services.notification_settings import settings_of_users, settings_page_url
from measurement.services.signal_notices import team_members
from measurement.signal_news import period_in_words
from projects.models import ProjectStatus

NO_DATA_RULE = "no_data"
# Complete periods without data before a reminder: three weeks, or two months.
GAP_PERIODS = {WEEKLY: 3, MONTHLY: 2}
UNITS = {WEEKLY: "weeks", MONTHLY: "months"}


def no_data_reminders_send(today: date | None = None) -> list[Notification]:
    """Tells each active project's team of its measures' new gaps, on the site and by email as
    each member chose; returns the notifications made."""
    today = today or timezone.localdate()
    gaps = new_gaps(today)
    if not gaps:
        return []
    teams = team_members({measure.project_id for measure, _, _ in gaps})
    chosen = settings_of_users({user.pk for users in teams.values() for user in users})
    with transaction.atomic():
        SeenSignal.objects.bulk_create(
            [SeenSignal(measure=m, rule=NO_DATA_RULE, first_period=first) for m, first, _ in gaps],
            ignore_conflicts=True,
        )
        notifications = Notification.objects.bulk_create(
            [
                Notification(user=user, measure=m, kind=NotificationKind.NO_DATA, message=line)
                for m, _, line in gaps
                for user in teams[m.project_id]
                if chosen[user.pk].in_app
            ]
        )
    email_gaps(gaps, teams, chosen)
    return notifications


def new_gaps(today: date) -> list[tuple[Measure, date, str]]:
    """(measure, the gap's first period, the reminder) for each measure of an active project
    whose gap is long enough and not yet reminded of."""
    active = Measure.objects.filter(project__status=ProjectStatus.ACTIVE).exclude(
        data_type=DataType.EVENTS
    )
    last_entered = dict(
        DataPoint.objects.filter(measure__in=active)
        .values("measure")
        .annotate(last=Max("period"))
        .values_list("measure", "last")
    )
    reminded = set(
        SeenSignal.objects.filter(rule=NO_DATA_RULE, measure__in=active).values_list(
            "measure", "first_period"
        )
    )
    gaps = []
    for measure in active.select_related("project"):
        gap = gap_of(measure, last_entered.get(measure.pk), today)
        if gap and (measure.pk, gap[0]) not in reminded:
            gaps.append((measure, *gap))
    return gaps


def gap_of(
    measure: Measure, last: date | None, today: date, at_least: int | None = None
) -> tuple[date, str] | None:
    """(the gap's first period, the reminder) when `at_least` complete periods (by default
    GAP_PERIODS) have nothing entered since `last`."""
    frequency = measure.frequency
    if last is not None:
        first = shift(period_start(last, frequency), frequency, 1)
    else:  # nothing yet: count from when the measure (or its project) began
        began = max(measure.project.start_date, timezone.localdate(measure.created_at))
        first = period_start(began, frequency)
    end = last_complete_period(today, frequency)
    missing = len(periods_between(first, end, frequency)) if first <= end else 0
    if missing < (at_least or GAP_PERIODS.get(frequency, GAP_PERIODS[WEEKLY])):
        return None
    unit = UNITS.get(frequency, "weeks")
    if last is None:
        return first, f"{measure.name}: no data entered yet, {missing} {unit} on"
    after = period_in_words(last, frequency)
    return first, f"{measure.name}: no data for {missing} {unit}, nothing entered after {after}"


def email_gaps(gaps, teams, chosen) -> None:
    """One email a person, listing their measures' gaps, after the records are saved."""
    lines = defaultdict(list)
    people = {}
    for measure, _, line in gaps:
        for user in teams[measure.project_id]:
            if user.email and chosen[user.pk].email:
                people[user.pk] = user
                lines[user.pk] += [line, f"  {settings.SITE_URL}{measure.get_absolute_url()}"]
    messages = [
        EmailMessage(
            subject="Measures waiting for data",
            body="\n".join(lines[pk])
            + "\n\nEnter the missing values from each measure's page."
            + f"\n\nChoose how you are told: {settings_page_url()}",
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[user.email],
        )
        for pk, user in people.items()
    ]
    if messages:
        get_connection(fail_silently=False).send_messages(messages)
