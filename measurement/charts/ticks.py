"""Axis ticks and labels drawn as a handful of artists.

matplotlib's own Axis makes several artists per tick and measures every label while drawing,
about a third of a chart's drawing time; the charts only need labelled ticks and gridlines.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.axes import Axes
from matplotlib.dates import MO, AutoDateLocator, WeekdayLocator, num2date
from matplotlib.lines import Line2D
from matplotlib.markers import TICKDOWN, TICKLEFT
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import ScaledTranslation

from core.wording import MONTHS

from .style import DARK_GREY, PALE_GREY, SMALL_SIZE
from .timeline import TimeScale
from .wording import TIGHT_UNITS

TICK = {
    "color": DARK_GREY,
    "markersize": 3.5,
    "markeredgewidth": 0.8,
    "linestyle": "none",
    "clip_on": False,
}
LABEL = {"fontsize": SMALL_SIZE, "linespacing": 1.3}
GRID = {"color": PALE_GREY, "linewidth": 0.7, "zorder": 0.5}
Y_STEPS = [1, 2, 2.5, 5, 10]
SHORT_SPAN = 75  # days


def draw_ticks(ax: Axes, unit: str, scale: TimeScale | None = None, max_ticks: int = 9) -> None:
    ax.xaxis.set_visible(False)
    ax.yaxis.set_visible(False)
    _x_ticks(ax, scale or TimeScale((ax.get_xlim(),)), max_ticks)
    _y_ticks(ax, unit)


def _x_ticks(ax: Axes, scale: TimeScale, max_ticks: int) -> None:
    days = _tick_days(ax.get_xlim(), scale, max_ticks)
    ticks = scale.positions(days)
    along = ax.get_xaxis_transform()
    ax.add_artist(Line2D(ticks, [0] * len(ticks), marker=TICKDOWN, transform=along, **TICK))
    below = along + _shift(ax, 0, -5)
    for tick, label in zip(ticks, date_labels(days), strict=True):
        ax.text(tick, 0, label, transform=below, ha="center", va="top", **LABEL)


def _tick_days(xlim: tuple[float, float], scale: TimeScale, max_ticks: int) -> list[float]:
    """Dates to tick, segment by segment (each its share of the ticks), spaced apart."""
    low, high = xlim
    spans = [list(span) for span in scale.spans]
    # The padding beyond the first and last points is plain time (positions there are linear).
    spans[0][0] = low - (scale.position(spans[0][0]) - spans[0][0])
    spans[-1][1] += high - scale.position(scale.spans[-1][1])
    width = high - low
    days: list[float] = []
    for first, last in spans:
        share = max(1, round(max_ticks * (last - first) / width))
        days += _segment_ticks(first, last, share)
    return _spaced(days, scale, width / (max_ticks + 1))


def _segment_ticks(first: float, last: float, most: int) -> list[float]:
    if last - first < 7:  # one point on its own: tick its own date
        return [float(round(first + (last - first) / 2))]
    found = _date_locator(last - first, most).tick_values(num2date(first), num2date(last))
    return [float(t) for t in found if first <= t <= last]


def _spaced(days: list[float], scale: TimeScale, least: float) -> list[float]:
    """Drop a tick too close to the one before (across a break, say), so labels never touch."""
    kept: list[float] = []
    for day in days:
        if not kept or scale.position(day) - scale.position(kept[-1]) >= least:
            kept.append(day)
    return kept


def _date_locator(days: float, most: int = 9):
    """Mondays while the chart spans a few weeks (weeks start on Mondays), else automatic."""
    if days <= SHORT_SPAN:
        return WeekdayLocator(byweekday=MO, interval=max(1, math.ceil(days / 7 / (most - 1 or 1))))
    return AutoDateLocator(minticks=max(1, min(4, most - 2)), maxticks=max(most, 3))


def date_labels(ticks: list[float]) -> list[str]:
    """Years alone; months with the year under January and the first tick; else day and month."""
    days = [num2date(t).date() for t in ticks]
    if all(d.month == 1 and d.day == 1 for d in days):
        return [str(d.year) for d in days]
    monthly = all(d.day == 1 for d in days)
    labels = []
    for i, day in enumerate(days):
        month = MONTHS[day.month - 1][:3]
        text = month if monthly else f"{day.day} {month}"
        new_year = i == 0 or day.year != days[i - 1].year
        labels.append(f"{text}\n{day.year}" if new_year else text)
    return labels


def _y_ticks(ax: Axes, unit: str) -> None:
    low, high = ax.get_ylim()
    ticks = [t for t in MaxNLocator(6, steps=Y_STEPS).tick_values(low, high) if low <= t <= high]
    across = ax.get_yaxis_transform()
    grid_x = [v for _ in ticks for v in (0, 1, np.nan)]
    grid_y = [v for t in ticks for v in (t, t, np.nan)]
    ax.add_artist(Line2D(grid_x, grid_y, transform=across, **GRID))
    ax.add_artist(Line2D([0] * len(ticks), ticks, marker=TICKLEFT, transform=across, **TICK))
    left = across + _shift(ax, -5, 0)
    for tick, label in zip(ticks, number_labels(ticks, unit), strict=True):
        ax.text(0, tick, label, transform=left, ha="right", va="center_baseline", **LABEL)


def number_labels(ticks: list[float], unit: str) -> list[str]:
    """As many decimals as the step between ticks needs; a tight unit ("%") on every label."""
    step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else 1.0
    places = next(d for d in range(7) if d == 6 or _whole(step * 10**d))
    suffix = unit if unit in TIGHT_UNITS else ""
    return [f"{0.0 if t == 0 else t:,.{places}f}{suffix}" for t in ticks]


def _whole(value: float) -> bool:
    return math.isclose(value, round(value), rel_tol=0, abs_tol=1e-6 * max(1.0, abs(value)))


def _shift(ax: Axes, right_points: float, up_points: float) -> ScaledTranslation:
    return ScaledTranslation(right_points / 72, up_points / 72, ax.figure.dpi_scale_trans)
