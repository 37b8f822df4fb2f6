"""A programme's calendar: the action periods between its learning sessions.

In a Breakthrough Series collaborative, teams meet at learning sessions and test changes at
home in the action periods between them. The periods are derived from the session dates, never
stored: action period 1 runs from the day after the first session to the day before the second,
and so on; the last runs from the day after the final session to the programme's end, when one
is given. Pure: dates in, dataclasses out.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class ActionPeriod:
    number: int
    name: str
    starts: date
    ends: date

    def contains(self, day: date) -> bool:
        return self.starts <= day <= self.ends


def _period(number: int, starts: date, ends: date) -> ActionPeriod:
    return ActionPeriod(number=number, name=f"Action period {number}", starts=starts, ends=ends)


def action_periods(session_dates: Iterable[date], end: date | None = None) -> list[ActionPeriod]:
    """The action periods between consecutive sessions (several sessions on one day count as
    one; sessions on consecutive days leave no period between them), then the last session's
    to `end` if `end` falls after it."""
    days = sorted(set(session_dates))
    bounds = list(zip(days, days[1:], strict=False))
    if days and end is not None and end > days[-1]:
        bounds.append((days[-1], end + ONE_DAY))
    periods: list[ActionPeriod] = []
    for previous, following in bounds:
        starts, ends = previous + ONE_DAY, following - ONE_DAY
        if starts <= ends:
            periods.append(_period(len(periods) + 1, starts, ends))
    return periods


def period_on(periods: Iterable[ActionPeriod], day: date) -> ActionPeriod | None:
    """The action period a day falls in, if any."""
    return next((period for period in periods if period.contains(day)), None)
