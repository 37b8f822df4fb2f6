"""After data changes: re-read the chart, store its state, and tell the team about new signals.

Runs in a Celery task after the change commits (eagerly in-process when no broker is set).
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from measurement import spc
from measurement.analysis import analyse_measure
from measurement.models import Measure, Notification, SeenSignal
from measurement.signals import current_variation, describe, is_special_cause, signal_runs

logger = logging.getLogger(__name__)


def after_data_change(measure_id: int) -> None:
    from measurement import tasks

    transaction.on_commit(lambda: tasks.refresh_measure.delay(measure_id))


def refresh_measure(measure_id: int) -> list[Notification]:
    measure = Measure.objects.select_related("project").filter(pk=measure_id).first()
    if measure is None:
        return []
    try:
        analysis = analyse_measure(measure)
    except ValueError:
        logger.exception("Measure %s could not be analysed", measure_id)
        return []
    with transaction.atomic():
        Measure.objects.filter(pk=measure_id).update(
            variation=current_variation(analysis),
            assurance=(analysis.assurance or "") if analysis else "",
            analysed_at=timezone.now(),
        )
        notifications = _notify_new_signals(measure, analysis) if analysis else []
    return notifications


def _notify_new_signals(measure: Measure, analysis: spc.Analysis) -> list[Notification]:
    seen = set(measure.seen_signals.values_list("rule", "first_period"))
    fresh = [
        run for run in signal_runs(analysis)
        if (run.rule, run.first_period) not in seen
        and is_special_cause(run, analysis.settings.rules)
    ]
    if not fresh:
        return []
    SeenSignal.objects.bulk_create(
        [SeenSignal(measure=measure, rule=r.rule, first_period=r.first_period,
                    point_type=r.point_type) for r in fresh],
        ignore_conflicts=True,
    )
    team = [m.user for m in measure.project.members.select_related("user")]
    notifications = Notification.objects.bulk_create([
        Notification(user=user, measure=measure, message=f"{measure.name}: {describe(run)}"[:300])
        for run in fresh for user in team
    ])
    transaction.on_commit(lambda: _email(measure, fresh, team))
    return notifications


def _email(measure: Measure, runs, team) -> None:
    recipients = [user.email for user in team if user.email]
    if not recipients:
        return
    body = "\n".join(describe(run) for run in runs)
    send_mail(
        subject=f"New signal on {measure.name} ({measure.project.title})",
        message=f"{body}\n\nSee the chart: {measure.get_absolute_url()}",
        from_email=settings.DEFAULT_FROM_EMAIL, recipient_list=recipients, fail_silently=False,
    )
