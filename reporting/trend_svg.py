"""The dashboards' small trend charts as SVG, written directly: columns or a line over quarters,
a few gridlines, a label at each financial year and the chosen year shaded.

matplotlib took about 50 ms a chart, and a dashboard has six for each scope, topic and chosen
year (over a thousand after a change of figures); these take well under a millisecond, so a page
never waits on drawing. They are plain enough not to need more. Pure: no Django.
"""

from __future__ import annotations

import math
from xml.sax.saxutils import escape, quoteattr

from measurement.charts.style import BLACK, BLUE, PALE_GREY

WIDTH, HEIGHT = 320, 180  # user units: the SVG scales to its container
LEFT, RIGHT, TOP, BOTTOM = 44, 8, 10, 24  # room for the axis labels
FONT = 'font-family="Frutiger W01, Arial, sans-serif" font-size="11"'


def nice_ticks(top: float, most: int = 4) -> list[int]:
    """Whole-number gridlines from 0 up to at least `top`, at most `most` + 1 of them, on a
    step of 1, 2 or 5 times a power of ten."""
    if top <= 0:
        return [0, 1]
    raw = top / most
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    step = max(1, int(step))
    count = math.ceil(top / step)
    return [n * step for n in range(count + 1)]


def _number(value: int) -> str:
    return f"{value:,}"


def trend_svg(
    *,
    ident: str,
    title: str,
    desc: str,
    values: list[int],
    year_starts: list[tuple[int, str]],
    shaded: tuple[int, int] | None,
    kind: str,
) -> str:
    """`values` one a quarter; `year_starts` (index, label) where each labelled year begins;
    `shaded` the first and last index of the chosen year; `kind` "column" or "line"."""
    ticks = nice_ticks(max([*values, 1]))
    top = ticks[-1]
    slots = max(len(values), 4)
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(index: float) -> float:
        return LEFT + (index + 0.5) * plot_width / slots

    def y(value: float) -> float:
        return TOP + plot_height * (1 - value / top)

    slot = plot_width / slots
    parts = [
        f'<svg class="app-trend" focusable="false" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'xmlns="http://www.w3.org/2000/svg" role="img" '
        f"aria-labelledby={quoteattr(f'{ident}-title {ident}-desc')}>",
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
    ]
    if shaded:
        first, last = shaded
        band = (last - first + 1) * slot
        parts.append(
            f'<rect x="{x(first) - slot / 2:.1f}" y="{TOP}" width="{band:.1f}" '
            f'height="{plot_height}" fill="{PALE_GREY}"/>'
        )
    for tick in ticks:
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            f'stroke="{PALE_GREY}" stroke-width="0.8"/>'
            f'<text x="{LEFT - 5}" y="{y(tick) + 4:.1f}" text-anchor="end" fill="{BLACK}" {FONT}>'
            f"{_number(tick)}</text>"
        )
    if kind == "line" and values:
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
        parts.append(f'<polyline points="{points}" fill="none" stroke="{BLUE}" stroke-width="2"/>')
        parts += [
            f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="1.8" fill="{BLUE}"/>'
            for i, v in enumerate(values)
        ]
    else:
        width = slot * 0.75
        parts += [
            f'<rect x="{x(i) - width / 2:.1f}" y="{y(v):.1f}" width="{width:.1f}" '
            f'height="{y(0) - y(v):.1f}" fill="{BLUE}"/>'
            for i, v in enumerate(values)
            if v
        ]
    parts += [
        f'<text x="{x(index):.1f}" y="{HEIGHT - 6}" text-anchor="middle" fill="{BLACK}" {FONT}>'
        f"{escape(label)}</text>"
        for index, label in year_starts
    ]
    parts.append("</svg>")
    return "".join(parts)
