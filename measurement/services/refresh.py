"""After data changes: re-read the chart, store its state, and tell the team about new signals
(measurement/services/signal_notices.py).

Runs in a Celery task after the change commits (eagerly in-process when no broker is set).
"""

import logging
from datetime import date
from functools import partial

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from core.queueing import enqueue
from core.transactions import atomic_with_retries
from measurement import spc
from measurement.analysis import analyse_inputs, read_inputs_of
from measurement.models import Measure, Notification
from measurement.readings import current_variation
from measurement.services.quarters import WHOLE_CHART, reread, store_quarter_states
from measurement.services.signal_notices import notify_new_signals
from projects.services.activity import note_activity

logger = logging.getLogger(__name__)


# Measures per statement (SQLite binds at most 32,766 parameters) and per refresh task message.
CHANGE_CHUNK = 5_000
REFRESH_CHUNK = 500

# One statement for a batch of measures: a new data version, and the earliest changed period
# noted (column2; the lowest date for "the whole chart") unless an earlier one is noted already.
MARK_CHANGED = """
UPDATE measurement_measure SET data_version = data_version + 1,
  stale_from = CASE WHEN stale_from IS NULL OR stale_from > v.column2 THEN v.column2
                    ELSE stale_from END
FROM (VALUES {rows}) AS v WHERE measurement_measure.id = v.column1
"""
# SQLite keeps dates as ISO text (CAST(... AS date) would make 2016-04-11 the number 2016).
CHANGED_ROW = {"sqlite": "(%s, %s)"}.get(
    connection.vendor, "(CAST(%s AS bigint), CAST(%s AS date))"
)
# PostgreSQL takes the whole batch as two arrays: two parameters, not two a measure.
MARK_CHANGED_FROM_ARRAYS = """
UPDATE measurement_measure SET data_version = data_version + 1,
  stale_from = CASE WHEN stale_from IS NULL OR stale_from > v.earliest THEN v.earliest
                    ELSE stale_from END
FROM unnest(%s::bigint[], %s::date[]) AS v(id, earliest) WHERE measurement_measure.id = v.id
"""


def measures_changed(changed_from: dict[int, date | None]) -> None:
    """For measures whose data or chart settings changed (`changed_from`: {measure id: the
    earliest changed period, or None when the whole chart changed, as with new rules or a
    rebase}): a new data version and the period to re-read quarters from, in one statement per
    5,000 measures (one in all on PostgreSQL), and their refresh enqueued after commit, a task
    per 500 measures."""
    ids = sorted(changed_from)
    with connection.cursor() as cursor:
        if ids and connection.vendor == "postgresql":
            cursor.execute(
                MARK_CHANGED_FROM_ARRAYS, [ids, [changed_from[pk] or WHOLE_CHART for pk in ids]]
            )
        else:
            for start in range(0, len(ids), CHANGE_CHUNK):
                chunk = ids[start : start + CHANGE_CHUNK]
                rows = ", ".join([CHANGED_ROW] * len(chunk))
                values = [
                    v for pk in chunk for v in (pk, (changed_from[pk] or WHOLE_CHART).isoformat())
                ]
                cursor.execute(MARK_CHANGED.format(rows=rows), values)
    if ids:
        note_activity(Measure.objects.filter(pk__in=ids).values("project_id"))  # not stalled
        transaction.on_commit(partial(_enqueue_refresh, ids))


def _enqueue_refresh(ids: list[int]) -> None:
    from measurement import tasks

    for start in range(0, len(ids), REFRESH_CHUNK):
        enqueue(tasks.refresh_measures, ids[start : start + REFRESH_CHUNK])


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
    """Refreshes the stale measures among `measure_ids`, BATCH at a time."""
    notifications = []
    for start in range(0, len(measure_ids), BATCH):
        notifications += _refresh_batch(measure_ids[start : start + BATCH])
    logger.info(
        "Refreshed %d measures (ids %s%s): %d new-signal notifications",
        len(measure_ids),
        ", ".join(map(str, measure_ids[:5])),
        ", …" if len(measure_ids) > 5 else "",
        len(notifications),
    )
    return notifications


@atomic_with_retries
def _refresh_batch(measure_ids: list[int]) -> list[Notification]:
    """Analyses each stale measure and stores its reading, quarter readings and new signals: a
    fixed handful of queries for the batch, plus a few for each measure with a new signal.

    A measure whose stored reading is current is left alone (a duplicate task does nothing),
    and the stale ones are claimed with FOR UPDATE SKIP LOCKED: a measure another worker is
    refreshing now is skipped here, and its change is that worker's to store."""
    measures = list(
        Measure.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("project__lead_region")
        .filter(pk__in=measure_ids, data_version__gt=F("analysed_version"))
        .order_by("pk")
    )
    if not measures:
        return []
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
    _store_readings(analyses)
    store_quarter_states(rereads, harm_changed=_harm_changed(analyses))
    return notify_new_signals(analyses)


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


def _harm_changed(analyses: dict[Measure, spc.Analysis | None]) -> set[int]:
    """Measures whose harm-avoided estimate moved: the figures count it in the chart's latest
    year, which a new reading of an old year does not always touch."""
    changed = set()
    for measure, analysis in analyses.items():
        harm = spc.harm_avoided(analysis) if analysis else None
        if (harm.estimate if harm else None) != measure.harm_avoided:
            changed.add(measure.pk)
    return changed


def _reading_upto(inputs, day) -> str | None:
    try:
        return current_variation(analyse_inputs(inputs, upto=day))
    except ValueError:  # e.g. too few points for the chart's settings so far
        return None
