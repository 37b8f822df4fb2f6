"""A programme's results charts as SVG written directly (pure: no Django).

- each team's chart of a shared measure, small, on one scale for all teams (`small_multiple_svg`);
- the collaborative's own chart, with its learning sessions as vertical lines and the action
  periods between them shaded and named (`collaborative_svg`);
- the teams' IHI progress scores by month: a circle for each score a month, sized by how many
  teams stood there, the number written in it (`progress_svg`);
- a Making Data Count icon, beside the words that say the same (`icon_svg`).

Every chart opens with <title> and <desc>; the pages put the numbers in a table as well, and
what a point signals is said by its shape and in words, never by its colour alone.
Like reporting.trend_svg, these take well under a millisecond; matplotlib took ~50 ms a chart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from measurement.charts.style import BLACK, BLUE, DARK_GREY, MID_GREY, ORANGE, PALE_GREY, PURPLE

FONT = 'font-family="Frutiger W01, Arial, sans-serif"'
BAND = "#e8edee"  # action periods: a pale grey behind the data, every other one
PAD = 8  # user units inside the plot's left and right edges
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()  # noqa: SIM905


# Scales ------------------------------------------------------------------------------------------


def nice_ticks(top: float, most: int = 4) -> list[float]:
    """Gridlines from 0 up to at least `top`, on a step of 1, 2 or 5 times a power of ten."""
    if top <= 0 or not math.isfinite(top):
        return [0.0, 1.0]
    raw = top / most
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw * (1 - 1e-9))
    return [round(n * step, 10) for n in range(math.ceil(top / step - 1e-9) + 1)]


def number(value: float) -> str:
    """A tick or point label: 1,250; 42; 4.5; 0.25."""
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}".removesuffix(".0")
    return f"{value:.2f}".rstrip("0").rstrip(".") or "0"


@dataclass(frozen=True)
class Frame:
    """The scale every chart of one measure shares: the same dates across, the same values up."""

    first: date
    last: date
    ticks: tuple[float, ...]
    unit: str = ""  # "%" is written after each number; other units go in the charts' titles

    @property
    def top(self) -> float:
        return self.ticks[-1]

    def label(self, value: float) -> str:
        return f"{number(value)}%" if self.unit == "%" else number(value)


def frame_for(days: Sequence[date], values: Sequence[float], unit: str = "") -> Frame:
    """A frame over `days` (periods and sessions) with room for every value."""
    first, last = (min(days), max(days)) if days else (date.today(), date.today())
    return Frame(first, last, tuple(nice_ticks(max([0.0, *values]))), unit)


@dataclass(frozen=True)
class Box:
    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float

    def x(self, frame: Frame, day: date) -> float:
        # A little room inside each side, so a session on the first day clears the axis labels.
        span = max((frame.last - frame.first).days, 1)
        inner = self.width - self.left - self.right - 2 * PAD
        return self.left + PAD + inner * ((day - frame.first).days / span)

    def y(self, frame: Frame, value: float) -> float:
        inner = self.height - self.top - self.bottom
        return self.top + inner * (1 - min(max(value, 0.0), frame.top) / frame.top)


def _open(ident: str, title: str, desc: str, box: Box, classes: str) -> list[str]:
    return [
        f'<svg class="{classes}" focusable="false" viewBox="0 0 {box.width:g} {box.height:g}" '
        f'width="{box.width:g}" height="{box.height:g}" xmlns="http://www.w3.org/2000/svg" '
        f'role="img" '
        f"aria-labelledby={quoteattr(f'{ident}-title {ident}-desc')}>",
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
    ]


def _text(x: float, y: float, words: str, size: float, anchor="middle", colour=BLACK) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{colour}" {FONT} '
        f'font-size="{size:g}">{escape(words)}</text>'
    )


def _hline(box: Box, y: float, colour: str, width: float, dash: str = "") -> str:
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{box.left:g}" x2="{box.width - box.right:g}" y1="{y:.1f}" y2="{y:.1f}" '
        f'stroke="{colour}" stroke-width="{width:g}"{dashes}/>'
    )


def _grid(box: Box, frame: Frame, size: float) -> list[str]:
    parts = []
    for tick in frame.ticks:
        y = box.y(frame, tick)
        parts.append(_hline(box, y, PALE_GREY, 0.8))
        parts.append(_text(box.left - 4, y + size / 3, frame.label(tick), size, "end"))
    return parts


def _sessions(box: Box, frame: Frame, days: Sequence[date]) -> list[str]:
    return [
        f'<line x1="{box.x(frame, day):.1f}" x2="{box.x(frame, day):.1f}" y1="{box.top:g}" '
        f'y2="{box.height - box.bottom:g}" stroke="{DARK_GREY}" stroke-width="1" '
        f'stroke-dasharray="3 2"/>'
        for day in days
        if frame.first <= day <= frame.last
    ]


def _line(box: Box, frame: Frame, points: Sequence[tuple[date, float]], width: float) -> str:
    if len(points) < 2:
        return ""
    coordinates = " ".join(f"{box.x(frame, d):.1f},{box.y(frame, v):.1f}" for d, v in points)
    return (
        f'<polyline points="{coordinates}" fill="none" stroke="{DARK_GREY}" '
        f'stroke-width="{width:g}"/>'
    )


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
    parts = _open(ident, title, desc, box, "app-small-multiple")
    parts += _grid(box, frame, 11)
    parts += _sessions(box, frame, sessions)
    if centre is not None:
        parts.append(_hline(box, box.y(frame, centre), MID_GREY, 1.2, "5 3"))
    parts.append(_line(box, frame, points, 1.4))
    parts += [
        f'<circle cx="{box.x(frame, d):.1f}" cy="{box.y(frame, v):.1f}" r="2.2" '
        f'fill="{DARK_GREY}"/>'
        for d, v in points
    ]
    parts.append(_text(box.left, box.height - 5, _month_year(frame.first), 11, "start"))
    parts.append(_text(box.width - box.right, box.height - 5, _month_year(frame.last), 11, "end"))
    parts.append("</svg>")
    return "".join(parts)


def _month_year(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


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
    parts = _open(ident, title, desc, box, f"app-collaborative-chart app-results-chart--{width}")
    parts.append(
        f'<rect x="{box.left:g}" y="{box.top:g}" width="{box.width - box.left - box.right:g}" '
        f'height="{box.height - box.top - box.bottom:g}" fill="#ffffff"/>'
    )
    parts += _bands(box, frame, bands)
    parts += _grid(box, frame, 11)
    parts += _sessions(box, frame, [s.day for s in sessions])
    parts += [
        _text(box.x(frame, s.day), box.top - 4, s.label, 11)
        for s in sessions
        if frame.first <= s.day <= frame.last
    ]
    parts += _steps(box, frame, points, "centre", DARK_GREY, "")
    parts += _steps(box, frame, points, "lower", MID_GREY, "5 3")
    parts += _steps(box, frame, points, "upper", MID_GREY, "5 3")
    parts.append(_line(box, frame, [(p.period, p.value) for p in points], 1.6))
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
        parts.append(_text((x1 + x2) / 2, box.top - 22, words, 11, colour=DARK_GREY))
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
        words = MONTHS[month.month - 1] if month.year == year else _month_year(month)
        year = month.year
        x = box.x(frame, month)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{box.height - box.bottom:g}" '
            f'y2="{box.height - box.bottom + 4:g}" stroke="{DARK_GREY}" stroke-width="1"/>'
        )
        parts.append(_text(x, box.height - 8, words, 11))
    return parts


# Progress scores ---------------------------------------------------------------------------------


def progress_svg(
    *,
    ident: str,
    title: str,
    desc: str,
    months: Sequence[date],
    scores: Sequence[Decimal],
    counts: Sequence[Sequence[int]],
    means: Sequence[float | None] = (),
) -> str:
    """`counts[m][s]`: teams at `scores[s]` at the end of `months[m]`. A circle per nonzero
    count, its area by the count, the count written in it; the mean score as a dashed line."""
    column, row = 44, 28
    box = Box(
        width=max(56 + 8 + column * len(months), 320),
        height=12 + row * len(scores) + 38,
        left=56,
        right=8,
        top=12,
        bottom=38,
    )
    parts = _open(ident, title, desc, box, "app-progress-chart")
    parts.append(
        f'<rect x="{box.left:g}" y="{box.top:g}" width="{column * len(months):g}" '
        f'height="{row * len(scores):g}" fill="#ffffff"/>'
    )
    most = max([1, *(n for month in counts for n in month)])

    def x(m: int) -> float:
        return box.left + column * (m + 0.5)

    def y(s: float) -> float:  # s: the score's index, 0 for the lowest, at the bottom
        return box.height - box.bottom - row * (s + 0.5)

    for s, score in enumerate(scores):
        parts.append(_hline(box, y(s), PALE_GREY, 0.8))
        parts.append(_text(box.left - 6, y(s) + 4, f"{score:.1f}", 12, "end"))
    parts += _mean_line(means, x, y, scores)
    for m, month_counts in enumerate(counts):
        for s, count in enumerate(month_counts):
            if count:
                radius = 8 + 5 * math.sqrt(count / most)
                parts.append(
                    f'<circle cx="{x(m):.1f}" cy="{y(s):.1f}" r="{radius:.1f}" fill="#c8dcf0" '
                    f'stroke="{BLUE}" stroke-width="1.2"/>'
                )
                parts.append(_text(x(m), y(s) + 4.5, str(count), 12))
    for m, month in enumerate(months):
        words = MONTHS[month.month - 1]
        parts.append(_text(x(m), box.height - 20, words, 12))
        if m == 0 or month.month == 1:
            parts.append(_text(x(m), box.height - 5, str(month.year), 12))
    parts.append("</svg>")
    return "".join(parts)


def _mean_line(means, x, y, scores: Sequence[Decimal]) -> list[str]:
    lowest, step = float(scores[0]), float(scores[1] - scores[0]) if len(scores) > 1 else 1.0
    coordinates = [
        f"{x(m):.1f},{y((mean - lowest) / step):.1f}" for m, mean in enumerate(means) if mean
    ]
    if len(coordinates) < 2:
        return []
    return [
        f'<polyline points="{" ".join(coordinates)}" fill="none" stroke="{DARK_GREY}" '
        f'stroke-width="1.4" stroke-dasharray="6 3"/>'
    ]


# Making Data Count icons -------------------------------------------------------------------------


def icon_svg(*, colour: str, letter: str, arrow: int) -> str:
    """A Making Data Count icon (a ring with its letter, an arrow for the direction, a level
    zigzag for common cause). Decorative: the words beside it say the same."""
    parts = [
        '<svg class="app-mdc-icon" focusable="false" aria-hidden="true" viewBox="0 0 40 40" '
        'width="40" height="40" xmlns="http://www.w3.org/2000/svg">',
        f'<circle cx="20" cy="20" r="17" fill="#ffffff" stroke="{colour}" stroke-width="3"/>',
    ]
    if letter:
        x = 16 if arrow else 20
        parts.append(
            f'<text x="{x}" y="25.5" text-anchor="middle" fill="{colour}" {FONT} '
            f'font-size="16" font-weight="bold">{escape(letter)}</text>'
        )
    else:
        parts.append(
            f'<polyline points="9,20 14.5,15.5 20,24 25.5,16.5 31,20" fill="none" '
            f'stroke="{MID_GREY}" stroke-width="2.2"/>'
        )
    if arrow:
        tip, base = (9, 17) if arrow > 0 else (31, 23)
        parts.append(f'<polygon points="28,{tip} 32,{base} 24,{base}" fill="{colour}"/>')
    parts.append("</svg>")
    return "".join(parts)
