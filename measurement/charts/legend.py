"""Point markers, numbered PDSA and note markers, and the legends that explain every one of them.

The legends are placed by hand (see layout.py) rather than with matplotlib's Legend, which
costs several milliseconds per chart to lay out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.transforms import blended_transform_factory

from core.wording import short_date

from .layers import add_line, shorten
from .layout import HANDLE_GAP, HANDLE_WIDTH, LEGEND_ROW, Grid, Layout
from .markers import COMMON, MarkerStyle
from .spec import NoteMarker, PdsaMarker
from .style import BLACK, DARK_GREY, SMALL_SIZE, WHITE

# Legend order: common cause first, then improvement, concern and neutral special causes.
KEY_ORDER = (
    COMMON,
    *(
        f"{kind}_{place}"
        for kind in ("improvement", "concern", "neutral")
        for place in ("high", "low", "outside")
    ),
)
PDSA_TITLE_LENGTH = 40
BADGE = {"boxstyle": "round,pad=0.3,rounding_size=0.25", "fc": DARK_GREY, "ec": DARK_GREY}
BADGE_TEXT = {"color": WHITE, "fontsize": SMALL_SIZE - 1, "fontweight": "bold", "ha": "center"}
# A note's marker: a white ring, so it never reads as a point's status or a PDSA cycle.
NOTE_BADGE = {"boxstyle": "circle,pad=0.22", "fc": WHITE, "ec": BLACK, "lw": 1.0}
NOTE_TEXT = {"color": BLACK, "fontsize": SMALL_SIZE - 1, "fontweight": "bold", "ha": "center"}
NOTE_TEXT_LENGTH = 40
NOTE_LIFT = 10  # points above the point
NOTE_STACK = 15  # points between notes on the same point
BADGE_WIDTH = 0.24  # inches: PDSA markers closer than this go on the next row up


@dataclass(frozen=True)
class Entry:
    """One legend line: a label and what it explains (a line style, a marker or a badge)."""

    label: str
    line: dict | None = None
    marker: MarkerStyle | None = None
    badge: int | None = None
    note: int | None = None


def marker_size(count: int) -> float:
    """Marker width in points: smaller as the chart fills up, never too small to tell apart."""
    return float(np.clip(44 / np.sqrt(max(count, 1)), 4.2, 7.5))


def draw_points(ax: Axes, x, y, keys: list[str], styles: dict[str, MarkerStyle], gid: str) -> None:
    """One artist per marker type (fast to draw and to write as SVG), not one per point."""
    keys_array = np.array(keys)
    size = marker_size(len(keys))
    for key in KEY_ORDER:
        chosen = keys_array == key
        if chosen.any():
            zorder = 4 if key == COMMON else 5
            marker = _marker(styles[key], size)
            add_line(
                ax,
                x[chosen],
                y[chosen],
                linestyle="none",
                gid=f"{gid}-{key}",
                zorder=zorder,
                **marker,
            )


def _marker(style: MarkerStyle, size: float) -> dict:
    grow = 1.25 if style.marker in "^v" else 1.0  # triangles look smaller than circles
    return {
        "marker": style.marker,
        "markersize": size * grow,
        "markerfacecolor": style.colour,
        "markeredgecolor": WHITE,
        "markeredgewidth": 0.6,
    }


def pdsa_rows(xs: list[float], xlim: tuple[float, float], plot_width: float) -> list[int]:
    """A row per marker at plot position x: markers closer than a badge's width (in inches,
    whatever the chart's width) go on the next row up."""
    span = (xlim[1] - xlim[0]) or 1.0
    placed: list[tuple[float, int]] = []
    for x in xs:
        at = (x - xlim[0]) / span * plot_width
        busy = {row for other, row in placed if abs(other - at) < BADGE_WIDTH}
        placed.append((at, next(row for row in range(len(xs) + 1) if row not in busy)))
    return [row for _, row in placed]


def draw_pdsa(
    ax: Axes, markers: tuple[PdsaMarker, ...], xs: list[float], rows: list[int], gid: str
) -> None:
    """Numbered badges above the plot, each on a stalk down to its start (at plot position x)."""
    if not markers:
        return
    above = blended_transform_factory(ax.transData, ax.transAxes)
    points_up = ax.figure.dpi_scale_trans.transform((0, 1))[1] / ax.bbox.height / 72
    stalk_xs, ys = [], []
    for marker, x, row in zip(markers, xs, rows, strict=True):
        lift = 1 + (7 + row * 17) * points_up
        ax.text(
            x,
            lift,
            str(marker.number),
            transform=above,
            va="bottom",
            bbox=BADGE,
            clip_on=False,
            gid=f"{gid}-{marker.number}",
            **BADGE_TEXT,
        )
        stalk_xs += [x, x, np.nan]
        ys += [1, lift, np.nan]
    stalks = Line2D(stalk_xs, ys, color=DARK_GREY, linewidth=1, transform=above, clip_on=False)
    ax.add_artist(stalks)


def draw_notes(ax: Axes, placed: list[tuple[NoteMarker, float, float]], gid: str) -> None:
    """Each note's number in a ring just above its point (x, y), stacked if a point has more."""
    seen: dict[tuple[float, float], int] = {}
    for note, x, y in placed:
        stack = seen.get((x, y), 0)
        seen[(x, y)] = stack + 1
        ax.annotate(
            str(note.number),
            xy=(x, y),
            xytext=(0, NOTE_LIFT + stack * NOTE_STACK),
            textcoords="offset points",
            va="bottom",
            bbox=NOTE_BADGE,
            annotation_clip=False,
            zorder=7,
            gid=f"{gid}-{note.number}",
            **NOTE_TEXT,
        )


def note_entries(notes: tuple[NoteMarker, ...]) -> list[Entry]:
    return [
        Entry(f"{shorten(n.text, NOTE_TEXT_LENGTH)} ({short_date(n.period)})", note=n.number)
        for n in notes
    ]


def pdsa_entries(markers: tuple[PdsaMarker, ...]) -> list[Entry]:
    return [
        Entry(f"{shorten(m.title, PDSA_TITLE_LENGTH)} (from {short_date(m.start)})", badge=m.number)
        for m in markers
    ]


def draw_legend(figure: Figure, grid: Grid, entries: list[Entry], top: float, title: str = ""):
    """Entries in the grid's columns, from `top` (inches above the figure's bottom edge)."""
    inches = figure.dpi_scale_trans
    if title:
        x = grid.columns[0]
        figure.text(
            x,
            top - LEGEND_ROW / 2,
            title,
            va="center",
            fontsize=SMALL_SIZE,
            fontweight="bold",
            transform=inches,
        )
    for index, entry in enumerate(entries):
        x, row = grid.place(index)
        y = top - (row + 0.5) * LEGEND_ROW
        _draw_handle(figure, entry, x, y)
        figure.text(
            x + HANDLE_WIDTH + HANDLE_GAP,
            y,
            entry.label,
            va="center_baseline",
            fontsize=SMALL_SIZE,
            transform=inches,
        )


def _draw_handle(figure: Figure, entry: Entry, x: float, y: float) -> None:
    inches = figure.dpi_scale_trans
    middle = x + HANDLE_WIDTH / 2
    if entry.line is not None:
        style = {k: v for k, v in entry.line.items() if k != "zorder"}
        figure.add_artist(Line2D([x, x + HANDLE_WIDTH], [y, y], transform=inches, **style))
    elif entry.marker is not None:
        marker = _marker(entry.marker, 7.0)
        figure.add_artist(Line2D([middle], [y], linestyle="none", transform=inches, **marker))
    elif entry.badge is not None:
        figure.text(
            middle, y, str(entry.badge), va="center", bbox=BADGE, transform=inches, **BADGE_TEXT
        )
    elif entry.note is not None:
        figure.text(
            middle, y, str(entry.note), va="center", bbox=NOTE_BADGE, transform=inches, **NOTE_TEXT
        )


def add_legends(
    figure: Figure,
    layout: Layout,
    entries: list[Entry],
    pdsa: list[Entry],
    notes: list[Entry] = (),
) -> None:
    if entries:
        draw_legend(figure, layout.legend, entries, layout.legend_top())
    if pdsa:
        draw_legend(figure, layout.pdsa, pdsa, layout.pdsa_top(), title="PDSA cycles")
    if notes:
        draw_legend(figure, layout.notes, notes, layout.notes_top(), title="Notes on points")
