"""A long gap in the data drawn as a break: a pale band saying how long, and the axis cut."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from .style import DARK_GREY, SMALL_SIZE, WHITE

BAND = "#f0f4f5"  # NHS.UK grey 5
CUT = {
    "markeredgecolor": DARK_GREY,
    "markeredgewidth": 1.2,
    "markersize": 9,
    "clip_on": False,
    "zorder": 6,
}


def draw_breaks(ax: Axes, breaks: list[tuple[float, float]], words: list[str], gid: str) -> None:
    """`breaks` are (left, right) plot positions; `words` say how long each gap is."""
    across = ax.get_xaxis_transform()
    for number, ((left, right), length) in enumerate(zip(breaks, words, strict=True), start=1):
        band = Rectangle((left, 0), right - left, 1, transform=across, fc=BAND, ec="none")
        ax.add_artist(band).set(zorder=0.4, gid=f"{gid}-{number}")
        ax.text(
            (left + right) / 2,
            0.5,
            f"No data for {length}",
            transform=across,
            rotation=90,
            ha="center",
            va="center",
            fontsize=SMALL_SIZE - 0.5,
            color=DARK_GREY,
            gid=f"{gid}-{number}-label",
        )
        _cut_axis(ax, left, right)


def _cut_axis(ax: Axes, left: float, right: float) -> None:
    """White over the x axis within the break, with a slanted stroke at each side."""
    across = ax.get_xaxis_transform()
    ax.add_artist(Line2D([left, right], [0, 0], transform=across, color=WHITE, lw=2.5, **_above()))
    # Two slanted strokes, the usual mark of a cut axis ("//").
    strokes = Line2D(
        [left, right], [0, 0], transform=across, linestyle="none", marker=(2, 2, -30), **CUT
    )
    ax.add_artist(strokes)


def _above() -> dict:
    return {"clip_on": False, "zorder": 5.5}
