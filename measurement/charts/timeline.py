"""The chart's time axis: it spans the data only, and a long gap in the data is a break.

A break is drawn narrow (the years without data are not given the width of years), so a
series entered in 2017 with one value "this week" still shows its 2017 weeks legibly. Pure: no
matplotlib, no Django; positions are day numbers (any fixed origin, e.g. matplotlib's).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta

WEEKLY = "weekly"
MONTHLY = "monthly"
QUARTER_OF_WEEKS = 13  # more weeks than this between weekly points is a break
YEAR_OF_MONTHS = 12  # more months than this between monthly points is a break
PERIOD_DAYS = {WEEKLY: 7.0, MONTHLY: 30.4}
GAP_SHARE = 0.07  # a break takes this share of the data's width …
GAP_PERIODS = 4  # … and never less than this many periods


def months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def is_gap(earlier: date, later: date, frequency: str | None) -> bool:
    """Whether two consecutive points are far enough apart to break the line between them.

    Events (frequency None) come when they come: the time between them is the data itself.
    """
    if frequency == WEEKLY:
        return (later - earlier).days > QUARTER_OF_WEEKS * 7
    if frequency == MONTHLY:
        return months_between(earlier, later) > YEAR_OF_MONTHS
    return False


def segments(periods: list[date], frequency: str | None) -> list[tuple[int, int]]:
    """The runs of points with no break inside them, as (first index, index after the last)."""
    if not periods:
        return []
    starts = [
        0,
        *(i for i in range(1, len(periods)) if is_gap(periods[i - 1], periods[i], frequency)),
    ]
    return list(zip(starts, [*starts[1:], len(periods)], strict=True))


def period_end(period: date, frequency: str | None) -> date:
    """The last day a period covers: a week runs to Sunday, a month to its last day."""
    if frequency == WEEKLY:
        return period + timedelta(days=6)
    if frequency == MONTHLY:
        following = date(period.year + period.month // 12, period.month % 12 + 1, 1)
        return following - timedelta(days=1)
    return period


@dataclass(frozen=True)
class TimeScale:
    """Day numbers to plot positions: linear within each segment, each break narrowed.

    `spans` are the (first, last) day numbers of each segment; `gap` the drawn width of a break.
    """

    spans: tuple[tuple[float, float], ...]
    gap: float = 0.0

    def position(self, day: float) -> float:
        index = max(bisect_right([first for first, _ in self.spans], day) - 1, 0)
        first, last = self.spans[index]
        at = self._start(index) + day - first
        if index + 1 < len(self.spans) and day > last:  # inside the break after segment `index`
            share = (day - last) / (self.spans[index + 1][0] - last)
            at = self._start(index) + last - first + share * self.gap
        return at

    def positions(self, days) -> list[float]:
        return [self.position(day) for day in days]

    def breaks(self) -> list[tuple[float, float]]:
        """Each break's (left, right) plot positions."""
        return [
            (self._start(i) + last - first, self._start(i + 1))
            for i, (first, last) in enumerate(self.spans[:-1])
        ]

    def _start(self, index: int) -> float:
        widths = sum(last - first for first, last in self.spans[:index])
        return self.spans[0][0] + widths + index * self.gap


def time_scale(days: list[float], periods: list[date], frequency: str | None) -> TimeScale:
    """The scale for points at `days` (their periods' day numbers) of the given frequency."""
    runs = segments(periods, frequency)
    spans = tuple((days[start], days[stop - 1]) for start, stop in runs)
    if len(spans) < 2:
        return TimeScale(spans or ((0.0, 0.0),))
    data_width = sum(last - first for first, last in spans)
    gap = max(GAP_SHARE * data_width, GAP_PERIODS * PERIOD_DAYS[frequency])
    return TimeScale(spans, gap)


def missing_words(earlier: date, later: date, frequency: str | None) -> str:
    """How long the break between two points is, in words: "20 weeks", "9 years"."""
    if frequency == MONTHLY:
        missing = months_between(earlier, later) - 1
        if missing % 12 == 0:
            return _count(missing // 12, "year")
        return (
            _count(missing, "month")
            if missing < 48
            else f"about {_count(round(missing / 12), 'year')}"
        )
    missing = (later - earlier).days // 7 - 1
    return (
        _count(missing, "week")
        if missing < 104
        else f"about {_count(round(missing / 52.18), 'year')}"
    )


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
