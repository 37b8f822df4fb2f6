"""The teams' progress scores by month, and the Making Data Count icons. Pure: no Django."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape

from learning.results_svg.drawing import FONT, MONTHS, Box, hline, open_svg, text
from measurement.charts.style import BLUE, DARK_GREY, MID_GREY, PALE_GREY

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
    parts = open_svg(ident, title, desc, box, "app-progress-chart")
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
        parts.append(hline(box, y(s), PALE_GREY, 0.8))
        parts.append(text(box.left - 6, y(s) + 4, f"{score:.1f}", 12, "end"))
    parts += _mean_line(means, x, y, scores)
    for m, month_counts in enumerate(counts):
        for s, count in enumerate(month_counts):
            if count:
                radius = 8 + 5 * math.sqrt(count / most)
                parts.append(
                    f'<circle cx="{x(m):.1f}" cy="{y(s):.1f}" r="{radius:.1f}" fill="#c8dcf0" '
                    f'stroke="{BLUE}" stroke-width="1.2"/>'
                )
                parts.append(text(x(m), y(s) + 4.5, str(count), 12))
    for m, month in enumerate(months):
        words = MONTHS[month.month - 1]
        parts.append(text(x(m), box.height - 20, words, 12))
        if m == 0 or month.month == 1:
            parts.append(text(x(m), box.height - 5, str(month.year), 12))
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
