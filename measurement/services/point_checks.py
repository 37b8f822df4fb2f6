"""The entry rules applied to one measure's rows, as the grid, CSV upload and API all apply them.

A value stored before a rule tightened (a proportion's 30.5 patients, a count beyond 10¹²) is
kept when it is sent again unchanged, as a grid row or a partner's resync sends it: the stored
values are read only for the rare rows that need them.
"""

from datetime import date

from django.utils import timezone

from measurement.entry_rules import STORED_MAY_KEEP, CleanPoint, Problem, check_points
from measurement.models import Measure


def measure_points_checked(
    measure: Measure, rows: list[dict], today: date | None = None
) -> tuple[list[CleanPoint], list[Problem]]:
    rules = {
        "data_type": measure.data_type,
        "frequency": measure.frequency,
        "today": today or timezone.localdate(),
        "allow_decimals": measure.allow_decimals,
    }
    clean, problems = check_points(rows, **rules)
    periods = {_day(p.period) for p in problems if p.code in STORED_MAY_KEEP} - {None}
    if not periods:
        return clean, problems
    stored = {
        period: values
        for period, *values in measure.data_points.filter(period__in=periods).values_list(
            "period", "value", "numerator", "denominator"
        )
    }
    return check_points(rows, **rules, stored=stored) if stored else (clean, problems)


def _day(label: str) -> date | None:
    try:
        return date.fromisoformat(label.strip())
    except ValueError:
        return None
