"""Reporting rate and timeliness: pure arithmetic over each measure's entered periods. No Django.

A measure is expected to have a value for a period once it has begun by the period's last day
(or when it has one anyway). A value is on time when first entered within ON_TIME_DAYS of the
period's last day, else late. A measure is overdue when its latest period whose time for
entering on time is over has no value, nor has any later period.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from measurement.periods import (
    last_periods,
    latest_due_period,
    on_time_until,
    period_end,
    period_start,
    shift,
)


@dataclass(frozen=True)
class Series:
    """One measure: its project, when it began, and for each period entered, the day it was."""

    measure: int
    project: int
    began: date
    entered: Mapping[date, date]
    last: date | None = None  # its latest period with a value, however long ago


@dataclass(frozen=True)
class Share:
    """One period's count of expected measures and of those entered on time and late."""

    period: date
    expected: int
    on_time: int
    late: int

    @property
    def reported(self) -> int:
        return self.on_time + self.late

    @property
    def missing(self) -> int:
        return self.expected - self.reported

    def percent(self, count: int) -> int | None:
        """`count` as a whole percentage of the expected measures (None when none expected)."""
        return round(100 * count / self.expected) if self.expected else None


@dataclass(frozen=True)
class Overdue:
    measure: int
    project: int
    since: date  # the first period with nothing entered


def expected(series: Series, period: date, frequency: str) -> bool:
    return series.began <= period_end(period, frequency) or period in series.entered


def on_time(series: Series, period: date, frequency: str) -> bool | None:
    """True if entered on time, False if late, None if not entered."""
    day = series.entered.get(period)
    return None if day is None else day <= on_time_until(period, frequency)


def share(all_series: Iterable[Series], period: date, frequency: str) -> Share:
    counts = {True: 0, False: 0, None: 0}
    for series in all_series:
        if expected(series, period, frequency):
            counts[on_time(series, period, frequency)] += 1
    return Share(period, sum(counts.values()), counts[True], counts[False])


def trend(all_series: list[Series], newest: date, frequency: str, count: int) -> list[Share]:
    """The share of each of `count` periods ending with `newest`'s, newest first."""
    return [share(all_series, p, frequency) for p in last_periods(newest, frequency, count)]


def overdue(all_series: Iterable[Series], today: date, frequency: str) -> list[Overdue]:
    """The overdue measures, oldest gap first."""
    due = latest_due_period(today, frequency)
    found = [
        Overdue(s.measure, s.project, _since(s, frequency))
        for s in all_series
        if expected(s, due, frequency) and (s.last is None or s.last < due)
    ]
    return sorted(found, key=lambda o: (o.since, o.project, o.measure))


def _since(series: Series, frequency: str) -> date:
    if series.last is None:
        return period_start(series.began, frequency)
    return shift(period_start(series.last, frequency), frequency, 1)
