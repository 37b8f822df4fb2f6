"""Saving weekly values: upsert by (measure, period) with an import summary, DHIS2-style.

A batch is checked row by row first; by default any rejected row means nothing is saved. Every
change is written with its history (who, when, old and new) in bulk, so a 10,000-row batch is a
handful of queries, not thousands.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from measurement.entry_rules import CleanPoint, Problem, check_points
from measurement.models import DataPoint, Measure
from measurement.services.permissions import check_may_enter
from measurement.services.refresh import after_data_change
from regions.models import User
from regions.rollups.pending import mark_dates

VALUE_COLUMNS = ("value", "numerator", "denominator")


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Problem] = field(default_factory=list)
    saved: bool = False

    def as_dict(self) -> dict:
        return {
            "created": self.created, "updated": self.updated, "unchanged": self.unchanged,
            "rejected": [problem.__dict__ for problem in self.rejected],
        }


def _same(point: DataPoint, clean: CleanPoint) -> bool:
    return all(getattr(point, c) == getattr(clean, c) for c in VALUE_COLUMNS)


def _plan(measure: Measure, clean: list[CleanPoint], by: User):
    existing = {p.period: p for p in measure.data_points.filter(
        period__in=[c.period for c in clean])}
    to_create, to_update, unchanged = [], [], 0
    for point in clean:
        current = existing.get(point.period)
        if current is None:
            to_create.append(DataPoint(measure=measure, period=point.period, entered_by=by,
                                       **{c: getattr(point, c) for c in VALUE_COLUMNS}))
        elif _same(current, point):
            unchanged += 1
        else:
            for column in VALUE_COLUMNS:
                setattr(current, column, getattr(point, column))
            current.entered_by = by
            to_update.append(current)
    return to_create, to_update, unchanged


def data_points_upsert(*, by: User, measure: Measure, rows: list[dict], partial: bool = False,
                       dry_run: bool = False) -> ImportSummary:
    """Creates or updates one value per period; returns what happened to every row."""
    check_may_enter(by, measure)
    clean, problems = check_points(rows, data_type=measure.data_type,
                                   frequency=measure.frequency, today=timezone.localdate())
    summary = ImportSummary(rejected=problems)
    if problems and not partial:
        return summary  # all or nothing: the caller lists every rejected row
    with transaction.atomic():
        locked = Measure.objects.select_for_update().get(pk=measure.pk)
        to_create, to_update, summary.unchanged = _plan(locked, clean, by)
        summary.created, summary.updated = len(to_create), len(to_update)
        if dry_run or not (to_create or to_update):
            return summary
        _write(locked, to_create, to_update, by)
        summary.saved = True
    return summary


def _write(measure: Measure, to_create, to_update, by: User) -> None:
    if to_create:
        bulk_create_with_history(to_create, DataPoint, default_user=by, batch_size=2000)
    if to_update:
        bulk_update_with_history(to_update, DataPoint, VALUE_COLUMNS + ("entered_by",),
                                 default_user=by, batch_size=2000)
    Measure.objects.filter(pk=measure.pk).update(data_version=F("data_version") + 1)
    periods = [p.period for p in (*to_create, *to_update)]
    mark_dates(measure.project.lead_region.slug, min(periods), through_today=True)
    after_data_change(measure.pk, changed_from=min(periods))


@transaction.atomic
def data_point_delete(*, by: User, measure: Measure, period) -> bool:
    check_may_enter(by, measure)
    point = measure.data_points.filter(period=period).first()
    if point is None:
        return False
    point._history_user = by
    point.delete()
    Measure.objects.filter(pk=measure.pk).update(data_version=F("data_version") + 1)
    mark_dates(measure.project.lead_region.slug, point.period, through_today=True)
    after_data_change(measure.pk, changed_from=point.period)
    return True
