"""Making Data Count variation and assurance icons, drawn with patches (no image files)."""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyArrow

from measurement.spc.codes import Assurance, Variation

from .layout import ICON_SIZE, MARGIN, Layout
from .style import BLUE, DARK_GREY, MID_GREY, ORANGE, PURPLE, WHITE

VARIATION = {
    Variation.IMPROVEMENT: (BLUE, "special cause improvement"),
    Variation.CONCERN: (ORANGE, "special cause concern"),
    Variation.NEUTRAL_HIGH: (PURPLE, "special cause"),
    Variation.NEUTRAL_LOW: (PURPLE, "special cause"),
}
ASSURANCE = {
    Assurance.CONSISTENT_PASS: (BLUE, "P", "Assurance: the target is consistently met"),
    Assurance.CONSISTENT_FAIL: (ORANGE, "F", "Assurance: the target is consistently missed"),
    Assurance.INCONSISTENT: (MID_GREY, "?", "Assurance: the target may or may not be met"),
}


@dataclass(frozen=True)
class Icon:
    key: str  # "variation" or "assurance", which is also its caption
    colour: str
    letter: str  # "H", "L", "P", "F", "?" or "" for common cause (a level zigzag)
    arrow: int  # +1 up, -1 down, 0 none
    description: str  # read by screen readers (the SVG <title> of the icon)


def variation_icon(variation: str | None, improvement: str) -> Icon | None:
    if variation == Variation.COMMON_CAUSE:
        return Icon("variation", MID_GREY, "", 0, "Variation: common cause")
    if variation not in VARIATION:
        return None
    colour, words = VARIATION[variation]
    if variation.startswith("special_cause_neutral"):
        high = variation.endswith("high")
    else:
        high = (improvement == "decrease") != (variation == Variation.IMPROVEMENT)
    way = "higher" if high else "lower"
    return Icon(
        "variation", colour, way[0].upper(), 1 if high else -1, f"Variation: {words}, {way} values"
    )


def assurance_icon(assurance: str | None) -> Icon | None:
    if assurance not in ASSURANCE:
        return None
    colour, letter, description = ASSURANCE[assurance]
    return Icon("assurance", colour, letter, 0, description)


def draw_icons(figure: Figure, layout: Layout, icons: list[Icon], gid: str) -> None:
    """Side by side at the top right, the last icon against the right margin.

    Drawn straight onto the figure in inches (no Axes per icon: an Axes costs milliseconds).
    """
    radius = ICON_SIZE / 2
    for slot, icon in enumerate(reversed(icons)):
        x = layout.width - MARGIN - radius - slot * (ICON_SIZE + 0.15)
        y = layout.height - 0.12 - radius
        _draw_icon(figure, icon, x, y, f"{gid}-{icon.key}-icon")


def _draw_icon(figure: Figure, icon: Icon, x: float, y: float, gid: str) -> None:
    centred = {"ha": "center", "transform": figure.dpi_scale_trans}
    r = ICON_SIZE / 2 * 0.86
    ring = Circle((x, y), r, facecolor=WHITE, edgecolor=icon.colour, linewidth=2.4)
    figure.add_artist(ring).set(transform=figure.dpi_scale_trans, gid=gid)
    if icon.letter:
        left = x - 0.22 * r if icon.arrow else x
        letter = {"fontsize": 13, "fontweight": "bold", "color": icon.colour, "va": "center"}
        figure.text(left, y - 0.04 * r, icon.letter, **letter, **centred)
    else:
        _zigzag(figure, x, y, r)
    if icon.arrow:
        _arrow(figure, icon, x + 0.45 * r, y, r)
    caption = {"fontsize": 7, "color": DARK_GREY, "va": "top"}
    figure.text(x, y - ICON_SIZE / 2 - 0.02, icon.key.capitalize(), **caption, **centred)


def _arrow(figure: Figure, icon: Icon, x: float, y: float, r: float) -> None:
    way = icon.arrow
    arrow = FancyArrow(
        x,
        y - 0.38 * r * way,
        0,
        0.55 * r * way,
        width=0.1 * r,
        head_width=0.32 * r,
        head_length=0.24 * r,
        color=icon.colour,
        length_includes_head=True,
    )
    figure.add_artist(arrow).set(transform=figure.dpi_scale_trans)


def _zigzag(figure: Figure, x: float, y: float, r: float) -> None:
    # A level zigzag of dots: values moving about a steady mean.
    xs = [x + r * dx for dx in (-0.55, -0.27, 0.0, 0.27, 0.55)]
    ys = [y + r * dy for dy in (0.0, 0.22, -0.18, 0.16, 0.0)]
    mark = Line2D(xs, ys, color=MID_GREY, linewidth=1.6, marker="o", markersize=3.2)
    figure.add_artist(mark).set(transform=figure.dpi_scale_trans)
