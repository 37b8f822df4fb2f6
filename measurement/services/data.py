"""Saving weekly values: upsert by (measure, period) with an import summary, DHIS2-style.

A batch is checked row by row first; by default any rejected row means nothing is saved. The
save itself (measurement.services.point_saves) writes only what changed, with its history (who,
when, old and new), in a handful of queries however big the batch.
"""

from dataclasses import dataclass, field

from django.db import transaction

from measurement.entry_rules import Problem
from measurement.models import Measure
from measurement.services.permissions import check_may_enter
from measurement.services.point_checks import measure_points_checked
from measurement.services.point_saves import MeasurePoints, Plan, points_save
from measurement.services.refresh import measures_changed
from regions.models import User


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Problem] = field(default_factory=list)
    saved: bool = False

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": [problem.__dict__ for problem in self.rejected],
        }

    def add(self, plan: Plan) -> "ImportSummary":
        """Counts what a save planned; saved when it wrote anything (not a dry run)."""
        self.created, self.updated, self.unchanged = plan.created, plan.updated, plan.unchanged
        self.saved = plan.saved
        return self


def data_points_upsert(
    *, by: User, measure: Measure, rows: list[dict], partial: bool = False, dry_run: bool = False
) -> ImportSummary:
    """Creates or updates one value per period; returns what happened to every row."""
    check_may_enter(by, measure)
    clean, problems = measure_points_checked(measure, rows)
    summary = ImportSummary(rejected=problems)
    if problems and not partial:
        return summary  # all or nothing: the caller lists every rejected row
    return summary.add(points_save(by=by, batches=[MeasurePoints(measure, clean)], dry_run=dry_run))


@transaction.atomic
def data_point_delete(*, by: User, measure: Measure, period) -> bool:
    check_may_enter(by, measure)
    point = measure.data_points.filter(period=period).first()
    if point is None:
        return False
    point._history_user = by
    point.delete()
    measures_changed({measure.pk: point.period})
    return True
