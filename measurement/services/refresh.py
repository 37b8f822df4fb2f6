"""After data changes: re-read the chart, store its state, and tell the team about new signals.

Runs in a Celery task after the change commits (eagerly in-process when no broker is set).
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Case, F, Value, When
from django.db.models.functions import Coalesce, Least
from django.utils import timezone

from measurement import spc
from measurement.analysis import analyse_inputs, read_inputs
from measurement.models import Measure, Notification, SeenSignal
from measurement.services.quarters import WHOLE_CHART, store_quarter_states
from measurement.signals import current_variation, describe, is_special_cause, signal_runs

logger = logging.getLogger(__name__)


def after_data_change(measure_id: int, *, changed_from=None) -> None:
    """Notes the earliest changed period (None: the whole chart changed, as with new rules or a
    rebase) so the refresh re-reads quarters from there on, and enqueues it after commit."""
    earliest = changed_from or WHOLE_CHART
    Measure.objects.filter(pk=measure_id).update(
        stale_from=Least(Coalesce("stale_from", Value(earliest)), Value(earliest)))
    from measurement import tasks

    transaction.on_commit(lambda: tasks.refresh_measure.delay(measure_id))


def refresh_stale_measures() -> int:
    """Re-reads every measure whose data changed since its last analysis (a refresh whose task
    was lost, say); the rollups call this first so they never count stale readings."""
    stale = list(Measure.objects.filter(data_version__gt=F("analysed_version"))
                 .values_list("pk", flat=True))
    for measure_id in stale:
        refresh_measure(measure_id)
    return len(stale)


def refresh_measure(measure_id: int) -> list[Notification]:
    measure = Measure.objects.select_related("project__lead_region").filter(
        pk=measure_id).first()
    if measure is None:
        return []
    inputs = read_inputs(measure)
    try:
        analysis = analyse_inputs(inputs)
    except ValueError:
        logger.exception("Measure %s could not be analysed", measure_id)
        return []
    harm = spc.harm_avoided(analysis) if analysis else None
    with transaction.atomic():
        Measure.objects.filter(pk=measure_id).update(
            analysed_version=measure.data_version,
            variation=current_variation(analysis),
            assurance=(analysis.assurance or "") if analysis else "",
            harm_avoided=harm.estimate if harm else None,
            analysed_at=timezone.now(),
            # Cleared only if no change came in since it was read; else the next refresh
            # re-reads from the (lower) mark that change left.
            stale_from=Case(When(data_version=measure.data_version, then=Value(None)),
                            default=F("stale_from")),
        )
        store_quarter_states(measure, analysis, lambda day: _reading_upto(inputs, day))
        notifications = _notify_new_signals(measure, analysis) if analysis else []
    return notifications


def _reading_upto(inputs, day) -> str | None:
    try:
        return current_variation(analyse_inputs(inputs, upto=day))
    except ValueError:  # e.g. too few points for the chart's settings so far
        return None


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
