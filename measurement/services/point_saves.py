"""Saving checked points of one or many measures in one transaction.

The measures are locked in id order (so concurrent batches cannot deadlock), what is stored is read
in one query, and only points whose values differ are written. An unchanged re-send therefore
writes nothing: no history, no version bump, no rollup mark, no task.
"""

import logging
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from core.transactions import atomic_with_retries
from measurement.entry_rules import CleanPoint
from measurement.models import DataPoint, Measure
from measurement.services.permissions import check_may_enter_all
from measurement.services.point_writes import VALUE_COLUMNS, PointWrite, write_points
from measurement.services.refresh import measures_changed
from regions.models import User

logger = logging.getLogger(__name__)


@dataclass
class MeasurePoints:
    measure: Measure
    points: list[CleanPoint]


@dataclass
class Plan:
    writes: list[PointWrite] = field(default_factory=list)
    unchanged: int = 0
    changed_from: dict[int, date] = field(default_factory=dict)  # measure id: earliest period
    saved: bool = False

    @property
    def created(self) -> int:
        return sum(write.point_id is None for write in self.writes)

    @property
    def updated(self) -> int:
        return len(self.writes) - self.created


def points_save(*, by: User, batches: list[MeasurePoints], dry_run: bool = False) -> Plan:
    """Creates or updates each point; returns the plan, written unless `dry_run`."""
    check_may_enter_all(by, [batch.measure for batch in batches])
    return _save(by, batches, dry_run)


@atomic_with_retries
def _save(by: User, batches: list[MeasurePoints], dry_run: bool) -> Plan:
    _lock(batches)
    plan = plan_writes(batches, stored_points(batches))
    if dry_run or not plan.writes:
        return plan
    write_points(plan.writes, by=by, now=timezone.now())
    _after_write([batch.measure for batch in batches], plan)
    plan.saved = True
    logger.info(
        "Saved %d points (%d new) of %d measures for user %s",
        len(plan.writes),
        plan.created,
        len(plan.changed_from),
        by.pk,
    )
    return plan


def _lock(batches: list[MeasurePoints]) -> None:
    """Row locks on the measures: one writer per measure at a time (a no-op on SQLite, whose
    writers are serialised anyway)."""
    ids = sorted(batch.measure.pk for batch in batches)
    list(
        Measure.objects.select_for_update()
        .filter(pk__any=ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def stored_points(batches: list[MeasurePoints]) -> dict[tuple[int, date], tuple]:
    """(measure id, period): (point id, value, numerator, denominator), for every measure in one
    query over the batch's span of periods."""
    periods = [point.period for batch in batches for point in batch.points]
    if not periods:
        return {}
    rows = (
        DataPoint.objects.filter(
            measure_id__any=[batch.measure.pk for batch in batches],
            period__range=(min(periods), max(periods)),
        )
        .order_by()
        .values_list("measure_id", "period", "id", *VALUE_COLUMNS)
    )
    return {(measure_id, period): stored for measure_id, period, *stored in rows}


def plan_writes(batches: list[MeasurePoints], stored: dict) -> Plan:
    plan = Plan()
    for batch in batches:
        measure_id = batch.measure.pk
        for point in batch.points:
            values = (point.value, point.numerator, point.denominator)
            current = stored.get((measure_id, point.period))
            if current is not None and tuple(current[1:]) == values:
                plan.unchanged += 1
                continue
            plan.writes.append(
                PointWrite(
                    measure_id,
                    point.period,
                    *values,
                    point_id=None if current is None else current[0],
                )
            )
            earliest = plan.changed_from.get(measure_id)
            if earliest is None or point.period < earliest:
                plan.changed_from[measure_id] = point.period
    return plan


def _after_write(measures: list[Measure], plan: Plan) -> None:
    """A new data version for each changed measure, the change announced once for the batch
    (reporting marks its figures stale) and a refresh queued per measure."""
    measures_changed(plan.changed_from)
