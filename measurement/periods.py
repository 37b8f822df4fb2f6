"""Weekly and monthly periods: which to show, which are complete, which are still to enter.

Pure: no Django. A weekly period starts on a Monday and a monthly one on the 1st
(shared/spc/README.md); a period is complete once the next one has begun.
"""

from collections.abc import Iterable
from datetime import date, timedelta

WEEKLY, MONTHLY = "weekly", "monthly"
# A period's value is on time when entered within this many days of the period's last day.
ON_TIME_DAYS = {WEEKLY: 7, MONTHLY: 14}


def period_start(day: date, frequency: str) -> date:
    """The first day of the period that contains `day`."""
    if frequency == WEEKLY:
        return day - timedelta(days=day.weekday())
    if frequency == MONTHLY:
        return day.replace(day=1)
    raise ValueError(f"Periods are weekly or monthly, not {frequency!r}")


def shift(period: date, frequency: str, count: int) -> date:
    """The period `count` periods after `period` (before it when negative)."""
    if frequency == WEEKLY:
        return period + timedelta(weeks=count)
    months = period.year * 12 + period.month - 1 + count
    return date(months // 12, months % 12 + 1, 1)


def last_complete_period(today: date, frequency: str) -> date:
    """The latest period that has ended: last week's Monday, or last month's 1st."""
    return shift(period_start(today, frequency), frequency, -1)


def period_end(period: date, frequency: str) -> date:
    """The last day of the period that starts on `period` (a Sunday, or a month's last day)."""
    return shift(period_start(period, frequency), frequency, 1) - timedelta(days=1)


def on_time_until(period: date, frequency: str) -> date:
    """The last day a value for `period` counts as entered on time."""
    return period_end(period, frequency) + timedelta(days=ON_TIME_DAYS[frequency])


def latest_due_period(today: date, frequency: str) -> date:
    """The newest period whose time for entering on time is over by `today`."""
    period = last_complete_period(today, frequency)
    while on_time_until(period, frequency) >= today:
        period = shift(period, frequency, -1)
    return period


def last_periods(end: date, frequency: str, count: int) -> list[date]:
    """`count` periods ending with the one that contains `end`, newest first."""
    newest = period_start(end, frequency)
    return [shift(newest, frequency, -n) for n in range(count)]


def periods_between(first: date, last: date, frequency: str) -> list[date]:
    """Every period from the one containing `first` to the one containing `last`, oldest first."""
    period, end, periods = period_start(first, frequency), period_start(last, frequency), []
    while period <= end:
        periods.append(period)
        period = shift(period, frequency, 1)
    return periods


def missing_periods(
    entered: Iterable[date], since: date, today: date, frequency: str
) -> list[date]:
    """Complete periods from the one containing `since` that have no value yet, oldest first."""
    have = set(entered)
    last = last_complete_period(today, frequency)
    if period_start(since, frequency) > last:
        return []
    return [p for p in periods_between(since, last, frequency) if p not in have]
