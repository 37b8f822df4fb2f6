"""The spread step chart as SVG, written directly: cumulative organisations adopting over time,
a step at each date the count rises, with a programme's start and end marked by dashed lines
named in words (not told by colour alone).

Inline on the page under the Content-Security-Policy, so presentation attributes only, no style
attributes (see core/svg.py). The page gives the chart a text alternative (`desc`) and the same
figures as a table. Pure: no Django.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from xml.sax.saxutils import escape, quoteattr

from core.wording import short_date
from measurement.charts.style import BLACK, BLUE, DARK_GREY, PALE_GREY

WIDTH, HEIGHT = 480, 270  # user units: the SVG scales to its container (two thirds of a page)
LEFT, RIGHT, TOP, BOTTOM = 40, 14, 36, 30  # room for the axis labels and the markers' names
FONT = 'font-family="Frutiger W01, Arial, sans-serif" font-size="13"'


@dataclass(frozen=True)
class Marker:
    on: date
    label: str  # "Programme start"


def nice_ticks(top: int, most: int = 5) -> list[int]:
    """Whole-number gridlines from 0 up to at least `top`, on a step of 1, 2 or 5 times a
    power of ten."""
    if top <= 0:
        return [0, 1]
    raw = top / most
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = max(1, int(next(m * power for m in (1, 2, 5, 10) if m * power >= raw)))
    return [n * step for n in range(math.ceil(top / step) + 1)]


def axis_range(steps, markers, today: date) -> tuple[date, date]:
    """From a little before the first step or marker to the last (or today, if later)."""
    days = [on for on, _ in steps] + [marker.on for marker in markers]
    first = min(days, default=today)
    last = max([*days, today])
    pad = max(timedelta(days=14), (last - first) / 20)
    return first - pad, last + pad


def year_labels(first: date, last: date) -> list[date]:
    """1 January of each year shown, thinned to at most 8 labels."""
    years = list(range(first.year + 1, last.year + 1))
    every = max(1, math.ceil(len(years) / 8))
    return [date(year, 1, 1) for year in years[::every]]


def spread_svg(
    *,
    ident: str,
    title: str,
    desc: str,
    steps: list[tuple[date, int]],
    markers: list[Marker] = (),
    today: date,
) -> str:
    """`steps` (date, count adopting from that date), as learning.spread.cumulative gives."""
    first, last = axis_range(steps, markers, today)
    ticks = nice_ticks(max([count for _, count in steps] + [1]))
    span = (last - first).days or 1
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: date) -> float:
        return LEFT + plot_width * (day - first).days / span

    def y(value: float) -> float:
        return TOP + plot_height * (1 - value / ticks[-1])

    parts = [
        f'<svg class="app-spread-chart" focusable="false" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'xmlns="http://www.w3.org/2000/svg" role="img" '
        f"aria-labelledby={quoteattr(f'{ident}-title {ident}-desc')}>",
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
        *_gridlines(ticks, y),
        *_year_labels(first, last, x),
        *_markers(markers, x, plot_height),
        *_steps(steps, x, y, last),
        "</svg>",
    ]
    return "".join(parts)


def _gridlines(ticks, y) -> list[str]:
    return [
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
        f'stroke="{PALE_GREY}" stroke-width="1"/>'
        f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" fill="{BLACK}" {FONT}>'
        f"{tick:,}</text>"
        for tick in ticks
    ]


def _year_labels(first, last, x) -> list[str]:
    labels = year_labels(first, last)
    if not labels:  # less than a year: name the ends instead
        return [
            f'<text x="{LEFT}" y="{HEIGHT - 8}" text-anchor="start" fill="{BLACK}" {FONT}>'
            f"{escape(short_date(first))}</text>"
            f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - 8}" text-anchor="end" fill="{BLACK}" '
            f"{FONT}>{escape(short_date(last))}</text>"
        ]
    return [
        f'<line x1="{x(day):.1f}" x2="{x(day):.1f}" y1="{HEIGHT - BOTTOM}" '
        f'y2="{HEIGHT - BOTTOM + 5}" stroke="{DARK_GREY}" stroke-width="1"/>'
        f'<text x="{x(day):.1f}" y="{HEIGHT - 8}" text-anchor="middle" fill="{BLACK}" {FONT}>'
        f"{day.year}</text>"
        for day in labels
    ]


def _markers(markers, x, plot_height) -> list[str]:
    parts = []
    for n, marker in enumerate(markers):
        at = x(marker.on)
        anchor = "end" if at > WIDTH / 2 else "start"
        shift = -4 if anchor == "end" else 4
        parts.append(
            f'<line x1="{at:.1f}" x2="{at:.1f}" y1="{TOP - 4}" y2="{TOP + plot_height}" '
            f'stroke="{DARK_GREY}" stroke-width="1.2" stroke-dasharray="5 3"/>'
            f'<text x="{at + shift:.1f}" y="{TOP - 8 - 14 * (n % 2)}" text-anchor="{anchor}" '
            f'fill="{BLACK}" {FONT}>{escape(marker.label)}</text>'
        )
    return parts


def _steps(steps, x, y, last) -> list[str]:
    if not steps:
        return []
    points, count = [], 0
    for day, value in steps:
        points += [f"{x(day):.1f},{y(count):.1f}", f"{x(day):.1f},{y(value):.1f}"]
        count = value
    points.append(f"{x(last):.1f},{y(count):.1f}")
    start = f"{LEFT},{y(0):.1f}"
    return [
        f'<polyline points="{start} {" ".join(points)}" fill="none" stroke="{BLUE}" '
        f'stroke-width="2.5"/>',
        *(
            f'<circle cx="{x(day):.1f}" cy="{y(value):.1f}" r="3" fill="{BLUE}"/>'
            for day, value in steps
        ),
    ]
