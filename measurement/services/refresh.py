"""After data changes: re-read the chart, store its state, and tell the team about new signals.

Runs in a Celery task after the change commits (eagerly in-process when no broker is set).
"""

import logging
from collections import defaultdict
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce, Least
from django.utils import timezone

from measurement import spc
from measurement.analysis import analyse_inputs, read_inputs_of
from measurement.models import Measure, Notification, SeenSignal
from measurement.readings import current_variation, describe, is_special_cause, signal_runs
from measurement.services.quarters import WHOLE_CHART, reread, store_quarter_states

logger = logging.getLogger(__name__)


def after_data_change(measure_id: int, *, changed_from=None) -> None:
    """Notes the earliest changed period (None: the whole chart changed, as with new rules or a
    rebase) so the refresh re-reads quarters from there on, and enqueues it after commit."""
    earliest = changed_from or WHOLE_CHART
    Measure.objects.filter(pk=measure_id).update(
        stale_from=Least(Coalesce("stale_from", Value(earliest)), Value(earliest))
    )
    from measurement import tasks

    transaction.on_commit(lambda: tasks.refresh_measure.delay(measure_id))


BATCH = 200  # measures refreshed per transaction by the sweep: a few queries a batch


def refresh_stale_measures() -> int:
    """Re-reads every measure whose data changed since its last analysis (a refresh whose task
    was lost, say); the rollups call this first so they never count stale readings."""
    stale = list(
        Measure.objects.filter(data_version__gt=F("analysed_version"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(stale), BATCH):
        refresh_measures(stale[start : start + BATCH])
    return len(stale)


def refresh_measure(measure_id: int) -> list[Notification]:
    return refresh_measures([measure_id])


def refresh_measures(measure_ids: list[int]) -> list[Notification]:
    """Analyses each measure and stores its reading, quarter readings and new signals: a fixed
    handful of queries for the batch, plus a few for each measure with a new signal."""
    measures = list(
        Measure.objects.select_related("project__lead_region").filter(pk__in=measure_ids)
    )
    inputs = read_inputs_of(measures)
    analyses = {}
    for measure in measures:
        try:
            analyses[measure] = analyse_inputs(inputs[measure.pk])
        except ValueError:
            logger.exception("Measure %s could not be analysed", measure.pk)
    if not analyses:
        return []
    rereads = {
        measure: reread(measure, analysis, partial(_reading_upto, inputs[measure.pk]))
        for measure, analysis in analyses.items()
    }
    with transaction.atomic():
        _store_readings(analyses)
        store_quarter_states(rereads)
        return _notify_new_signals(analyses)


# One statement for the batch (Django's bulk_update compiles a CASE per field and row, slower
# than the analysis itself). `stale_from` is cleared only where no change came in since the
# measure was read (column2 is that data version); elsewhere the next refresh re-reads from the
# (lower) mark the change left. Plain SQL that PostgreSQL and SQLite both run.
STORE_READINGS = """
UPDATE measurement_measure SET analysed_version = v.column2, variation = v.column3,
  assurance = v.column4, harm_avoided = v.column5, analysed_at = %s,
  stale_from = CASE WHEN data_version = v.column2 THEN NULL ELSE stale_from END
FROM (VALUES {rows}) AS v WHERE measurement_measure.id = v.column1
"""
READING_ROW = (
    "(CAST(%s AS bigint), CAST(%s AS integer), CAST(%s AS varchar(40)), "
    "CAST(%s AS varchar(40)), CAST(%s AS double precision))"
)


def _store_readings(analyses: dict[Measure, spc.Analysis | None]) -> None:
    values = []
    for measure, analysis in analyses.items():
        harm = spc.harm_avoided(analysis) if analysis else None
        values += [
            measure.pk,
            measure.data_version,
            current_variation(analysis),
            (analysis.assurance or "") if analysis else "",
            harm.estimate if harm else None,
        ]
    sql = STORE_READINGS.format(rows=", ".join([READING_ROW] * len(analyses)))
    with connection.cursor() as cursor:
        cursor.execute(sql, [timezone.now(), *values])


def _reading_upto(inputs, day) -> str | None:
    try:
        return current_variation(analyse_inputs(inputs, upto=day))
    except ValueError:  # e.g. too few points for the chart's settings so far
        return None


def _notify_new_signals(analyses: dict[Measure, spc.Analysis | None]) -> list[Notification]:
    seen = defaultdict(set)
    for measure_id, rule, first_period in SeenSignal.objects.filter(
        measure__in=[measure.pk for measure in analyses]
    ).values_list("measure", "rule", "first_period"):
        seen[measure_id].add((rule, first_period))
    notifications = []
    for measure, analysis in analyses.items():
        if analysis is None:
            continue
        fresh = [
            run
            for run in signal_runs(analysis)
            if (run.rule, run.first_period) not in seen[measure.pk]
            and is_special_cause(run, analysis.settings.rules)
        ]
        if fresh:
            notifications += _notify(measure, fresh)
    return notifications


def _notify(measure: Measure, fresh: list) -> list[Notification]:
    SeenSignal.objects.bulk_create(
        [
            SeenSignal(
                measure=measure, rule=r.rule, first_period=r.first_period, point_type=r.point_type
            )
            for r in fresh
        ],
        ignore_conflicts=True,
    )
    team = [m.user for m in measure.project.members.select_related("user")]
    notifications = Notification.objects.bulk_create(
        [
            Notification(
                user=user, measure=measure, message=f"{measure.name}: {describe(run)}"[:300]
            )
            for run in fresh
            for user in team
        ]
    )
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
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
        fail_silently=False,
    )
