"""Telling a team of new special-cause signals, once each, and only of news.

A signal is news when it involves a point of the last 8 weeks (`signal_news.is_news`); older
ones, as back-filling history finds them, are recorded as seen without telling anyone, so they
are never told later either. Each member hears as their settings say: on this site, by email.
"""

import logging
from collections import defaultdict
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from core.queueing import enqueue
from measurement import spc
from measurement.models import DataType, Measure, Notification, NotificationKind, SeenSignal
from measurement.readings import SignalRun, is_special_cause, signal_runs
from measurement.services.notification_settings import settings_of_users, settings_page_url
from measurement.signal_news import is_news, signal_in_words
from projects.models import ProjectMember

logger = logging.getLogger(__name__)


def notify_new_signals(
    analyses: dict[Measure, spc.Analysis | None], today=None
) -> list[Notification]:
    """Each measure's special-cause runs not seen before: all recorded as seen; those that are
    news told to each member of its project on the site, and by one email task for the batch
    (a Monday's refresh finds thousands of new signals; one message each would flood the
    broker)."""
    unseen = _unseen_runs(analyses)
    if not unseen:
        return []
    SeenSignal.objects.bulk_create(
        [
            SeenSignal(measure=m, rule=r.rule, first_period=r.first_period, point_type=r.point_type)
            for m, runs in unseen.items()
            for r in runs
        ],
        ignore_conflicts=True,
    )
    today = today or timezone.localdate()
    news = {}
    for measure, runs in unseen.items():
        lines = [
            _in_words(measure, run, analyses[measure])
            for run in runs
            if is_news(run, today, measure.frequency)
        ]
        if lines:
            news[measure] = lines
    return _tell_teams(news) if news else []


def _unseen_runs(analyses: dict[Measure, spc.Analysis | None]) -> dict[Measure, list[SignalRun]]:
    seen = defaultdict(set)
    for measure_id, rule, first_period in SeenSignal.objects.filter(
        measure__in=[measure.pk for measure in analyses]
    ).values_list("measure", "rule", "first_period"):
        seen[measure_id].add((rule, first_period))
    unseen = {}
    for measure, analysis in analyses.items():
        if analysis is None:
            continue
        runs = [
            run
            for run in signal_runs(analysis)
            if (run.rule, run.first_period) not in seen[measure.pk]
            and is_special_cause(run, analysis.settings.rules)
        ]
        if runs:
            unseen[measure] = runs
    return unseen


def _in_words(measure: Measure, run: SignalRun, analysis: spc.Analysis) -> str:
    events = measure.data_type == DataType.EVENTS
    return signal_in_words(run, analysis, measure.frequency, events)


def _tell_teams(news: dict[Measure, list[str]]) -> list[Notification]:
    teams = team_members({measure.project_id for measure in news})
    chosen = settings_of_users({user.pk for users in teams.values() for user in users})
    notifications = Notification.objects.bulk_create(
        [
            Notification(
                user=user,
                measure=m,
                kind=NotificationKind.SIGNAL,
                message=f"{m.name}: {line}"[:300],
            )
            for m, lines in news.items()
            for line in lines
            for user in teams[m.project_id]
            if chosen[user.pk].in_app
        ]
    )
    emails = [
        (m.pk, lines, recipients)
        for m, lines in news.items()
        if (
            recipients := [
                user.email for user in teams[m.project_id] if user.email and chosen[user.pk].email
            ]
        )
    ]
    if emails:
        transaction.on_commit(partial(_enqueue_emails, emails))
    return notifications


def team_members(project_ids: set[int]) -> dict[int, list]:
    """{project id: its members' active users}, in one query."""
    teams = defaultdict(list)
    for member in ProjectMember.objects.filter(
        project__in=project_ids, user__is_active=True
    ).select_related("user"):
        teams[member.project_id].append(member.user)
    return teams


def _enqueue_emails(emails: list[tuple[int, list[str], list[str]]]) -> None:
    from measurement import tasks

    if not enqueue(tasks.email_new_signals, emails):
        logger.error("%s new-signal emails not sent: the broker is down", len(emails))


def email_new_signals(emails: list[tuple[int, list[str], list[str]]]) -> None:
    """The teams' emails about new signals, (measure id, lines, recipients) each, sent over one
    connection: a task of its own (the notifications queue), so a slow or failing mail server
    holds up no refresh."""
    measures = Measure.objects.select_related("project").in_bulk([pk for pk, _, _ in emails])
    messages = [
        EmailMessage(
            subject=f"New signal on {measure.name} ({measure.project.title})",
            body="\n".join(f"{measure.name}: {line}" for line in lines)
            + f"\n\nSee the chart: {settings.SITE_URL}{measure.get_absolute_url()}"
            + f"\n\nChoose how you are told: {settings_page_url()}",
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=recipients,
        )
        for pk, lines, recipients in emails
        if (measure := measures.get(pk))  # a measure deleted since is no news
    ]
    get_connection(fail_silently=False).send_messages(messages)
