"""A shared measure's charts: each team's small multiple, and the collaborative's own chart with
its sessions and action periods. Pure: no Django."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from learning.results_svg.drawing import (
    BAND,
    MONTHS,
    Box,
    Frame,
    grid,
    hline,
    month_year,
    open_svg,
    polyline,
    session_lines,
    text,
)
from measurement.charts.style import BLUE, DARK_GREY, MID_GREY, ORANGE, PURPLE

# Small multiples ---------------------------------------------------------------------------------

SMALL = Box(width=250, height=140, left=40, right=6, top=8, bottom=22)  # a third of a page


def small_multiple_svg(
    *,
    ident: str,
    title: str,
    desc: str,
    points: Sequence[tuple[date, float]],
    frame: Frame,
    sessions: Sequence[date] = (),
    centre: float | None = None,
) -> str:
    """One team's chart: its values (already in display units) as a line of dots, its median
    dashed, the sessions dotted, on the frame all the teams share."""
    box = SMALL
    parts = open_svg(ident, title, desc, box, "app-small-multiple")
    parts += grid(box, frame, 11)
    parts += session_lines(box, frame, sessions)
    if centre is not None:
        parts.append(hline(box, box.y(frame, centre), MID_GREY, 1.2, "5 3"))
    parts.append(polyline(box, frame, points, 1.4))
    parts += [
        f'<circle cx="{box.x(frame, d):.1f}" cy="{box.y(frame, v):.1f}" r="2.2" '
        f'fill="{DARK_GREY}"/>'
        for d, v in points
    ]
    parts.append(text(box.left, box.height - 5, month_year(frame.first), 11, "start"))
    parts.append(text(box.width - box.right, box.height - 5, month_year(frame.last), 11, "end"))
    parts.append("</svg>")
    return "".join(parts)


# The collaborative's chart -----------------------------------------------------------------------

WIDE = Box(width=640, height=330, left=52, right=14, top=44, bottom=30)
NARROW = Box(width=360, height=260, left=44, right=10, top=44, bottom=30)  # a phone's width


@dataclass(frozen=True)
class PlotPoint:
    period: date
    value: float  # display units, as every field here
    centre: float | None = None
    lower: float | None = None
    upper: float | None = None
    signal: str = ""  # "improvement", "concern", "neutral" or "" (common cause)


@dataclass(frozen=True)
class Session:
    day: date
    label: str  # "LS1"


@dataclass(frozen=True)
class Band:
    starts: date
    ends: date
    name: str  # "Action period 1"
    short: str  # "AP1", where the name does not fit


SIGNAL_MARKS = {"improvement": BLUE, "concern": ORANGE, "neutral": PURPLE}


def collaborative_svg(
    *,
    ident: str,
    title: str,
    desc: str,
    points: Sequence[PlotPoint],
    frame: Frame,
    sessions: Sequence[Session] = (),
    bands: Sequence[Band] = (),
    narrow: bool = False,
) -> str:
    """The collaborative's series with its centre line and limits (where the analysis gives
    them), action periods shaded and named along the top, sessions as labelled lines; drawn
    for a phone's width if `narrow`, its text at full size rather than shrunk."""
    box = NARROW if narrow else WIDE
    width = "narrow" if narrow else "wide"
    parts = open_svg(ident, title, desc, box, f"app-collaborative-chart app-results-chart--{width}")
    parts.append(
        f'<rect x="{box.left:g}" y="{box.top:g}" width="{box.width - box.left - box.right:g}" '
        f'height="{box.height - box.top - box.bottom:g}" fill="#ffffff"/>'
    )
    parts += _bands(box, frame, bands)
    parts += grid(box, frame, 11)
    parts += session_lines(box, frame, [s.day for s in sessions])
    parts += [
        text(box.x(frame, s.day), box.top - 4, s.label, 11)
        for s in sessions
        if frame.first <= s.day <= frame.last
    ]
    parts += _steps(box, frame, points, "centre", DARK_GREY, "")
    parts += _steps(box, frame, points, "lower", MID_GREY, "5 3")
    parts += _steps(box, frame, points, "upper", MID_GREY, "5 3")
    parts.append(polyline(box, frame, [(p.period, p.value) for p in points], 1.6))
    parts += [_point(box.x(frame, p.period), box.y(frame, p.value), p.signal) for p in points]
    parts += _month_labels(box, frame, most=4 if narrow else 8)
    parts.append("</svg>")
    return "".join(parts)


def _bands(box: Box, frame: Frame, bands: Sequence[Band]) -> list[str]:
    parts = []
    for number_, band in enumerate(bands):
        starts, ends = max(band.starts, frame.first), min(band.ends, frame.last)
        if starts > ends:
            continue
        x1, x2 = box.x(frame, starts), box.x(frame, ends)
        if number_ % 2 == 0:
            parts.append(
                f'<rect x="{x1:.1f}" y="{box.top:g}" width="{max(x2 - x1, 1):.1f}" '
                f'height="{box.height - box.top - box.bottom:g}" fill="{BAND}"/>'
            )
        words = band.name if x2 - x1 > len(band.name) * 6.2 else band.short
        parts.append(text((x1 + x2) / 2, box.top - 22, words, 11, colour=DARK_GREY))
    return parts


def _steps(box, frame, points: Sequence[PlotPoint], field: str, colour: str, dash: str):
    """A centre line or limit: level across each point's period (from halfway to the point
    before to halfway to the next), stepping where it changes; broken where it is missing."""
    xs = [box.x(frame, p.period) for p in points]
    parts, run = [], []
    for at, point in enumerate([*points, None]):
        value = getattr(point, field) if point is not None else None
        if value is None:
            if run:
                dashes = f' stroke-dasharray="{dash}"' if dash else ""
                coordinates = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
                parts.append(
                    f'<polyline points="{coordinates}" fill="none" stroke="{colour}" '
                    f'stroke-width="1.2"{dashes}/>'
                )
            run = []
            continue
        before = (xs[at] - xs[at - 1]) / 2 if at > 0 else 0
        after = (xs[at + 1] - xs[at]) / 2 if at + 1 < len(xs) else 0
        y = box.y(frame, value)
        run += [(xs[at] - before, y), (xs[at] + after, y)]
    return parts


def _point(x: float, y: float, signal: str) -> str:
    """Common cause: a small grey dot. Improvement: a large circle; concern: a square; neutral
    special cause: a triangle (each in its Making Data Count colour as well)."""
    colour = SIGNAL_MARKS.get(signal)
    if colour is None:
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.6" fill="{DARK_GREY}"/>'
    if signal == "improvement":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.6" fill="{colour}"/>'
    if signal == "concern":
        return (
            f'<rect x="{x - 4.2:.1f}" y="{y - 4.2:.1f}" width="8.4" height="8.4" fill="{colour}"/>'
        )
    return (
        f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},{y + 4:.1f}" '
        f'fill="{colour}"/>'
    )


def _month_labels(box: Box, frame: Frame, most: int = 8) -> list[str]:
    months = []
    month = frame.first.replace(day=1)
    while month <= frame.last:
        if month >= frame.first:
            months.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    step = max(1, math.ceil(len(months) / most))
    parts, year = [], None
    for month in months[::step]:
        # The year with the first label and wherever it changes; the month alone otherwise.
        words = MONTHS[month.month - 1] if month.year == year else month_year(month)
        year = month.year
        x = box.x(frame, month)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{box.height - box.bottom:g}" '
            f'y2="{box.height - box.bottom + 4:g}" stroke="{DARK_GREY}" stroke-width="1"/>'
        )
        parts.append(text(x, box.height - 8, words, 11))
    return parts
