"""What the results charts share: scales, the frame every team's chart of a measure shares, and
the few SVG pieces each chart is made of. Pure: no Django."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape, quoteattr

from measurement.charts.style import BLACK, DARK_GREY, PALE_GREY

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


def open_svg(ident: str, title: str, desc: str, box: Box, classes: str) -> list[str]:
    return [
        f'<svg class="{classes}" focusable="false" viewBox="0 0 {box.width:g} {box.height:g}" '
        f'width="{box.width:g}" height="{box.height:g}" xmlns="http://www.w3.org/2000/svg" '
        f'role="img" '
        f"aria-labelledby={quoteattr(f'{ident}-title {ident}-desc')}>",
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
    ]


def text(x: float, y: float, words: str, size: float, anchor="middle", colour=BLACK) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{colour}" {FONT} '
        f'font-size="{size:g}">{escape(words)}</text>'
    )


def hline(box: Box, y: float, colour: str, width: float, dash: str = "") -> str:
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{box.left:g}" x2="{box.width - box.right:g}" y1="{y:.1f}" y2="{y:.1f}" '
        f'stroke="{colour}" stroke-width="{width:g}"{dashes}/>'
    )


def grid(box: Box, frame: Frame, size: float) -> list[str]:
    parts = []
    for tick in frame.ticks:
        y = box.y(frame, tick)
        parts.append(hline(box, y, PALE_GREY, 0.8))
        parts.append(text(box.left - 4, y + size / 3, frame.label(tick), size, "end"))
    return parts


def session_lines(box: Box, frame: Frame, days: Sequence[date]) -> list[str]:
    return [
        f'<line x1="{box.x(frame, day):.1f}" x2="{box.x(frame, day):.1f}" y1="{box.top:g}" '
        f'y2="{box.height - box.bottom:g}" stroke="{DARK_GREY}" stroke-width="1" '
        f'stroke-dasharray="3 2"/>'
        for day in days
        if frame.first <= day <= frame.last
    ]


def polyline(box: Box, frame: Frame, points: Sequence[tuple[date, float]], width: float) -> str:
    if len(points) < 2:
        return ""
    coordinates = " ".join(f"{box.x(frame, d):.1f},{box.y(frame, v):.1f}" for d, v in points)
    return (
        f'<polyline points="{coordinates}" fill="none" stroke="{DARK_GREY}" '
        f'stroke-width="{width:g}"/>'
    )


def month_year(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"
