"""NHS.UK colours, line styles and the matplotlib settings every chart is drawn with."""

from __future__ import annotations

BLUE = "#005eb8"  # NHS blue: improvement
DARK_GREY = "#425563"
MID_GREY = "#768692"  # common cause
PALE_GREY = "#d8dde0"
ORANGE = "#ed8b00"  # concern
PURPLE = "#330072"  # special cause with no improvement direction
GREEN = "#007f3b"  # target
BLACK = "#212b32"  # NHS.UK text colour
WHITE = "#ffffff"

FIGURE_SIZE = (9.0, 5.4)  # inches; the SVG is 648 × 389 pt and scales to its container
NARROW_WIDTH = 3.75  # inches: 360 CSS px, a phone's width, so its text is read at full size
PNG_DPI = 150

TITLE_SIZE = 14
SUBTITLE_SIZE = 10.5
BASE_SIZE = 10
SMALL_SIZE = 9

LINE = {"color": DARK_GREY, "linewidth": 1.1, "zorder": 3}
CENTRE = {"color": DARK_GREY, "linewidth": 1.6, "linestyle": "-", "zorder": 2}
CENTRE_RUNS_SIGNAL = {"color": PURPLE, "linewidth": 2.2, "linestyle": "-", "zorder": 2}
LIMITS = {"color": MID_GREY, "linewidth": 1.2, "linestyle": (0, (5, 3)), "zorder": 2}
TARGET = {"color": GREEN, "linewidth": 1.6, "linestyle": (0, (8, 3, 1.5, 3)), "zorder": 2}
REBASE = {"color": DARK_GREY, "linewidth": 1.2, "linestyle": (0, (1, 2.5)), "zorder": 1}

# Read by the artists and the SVG writer while a chart is drawn (see render._settings).
RC = {
    "svg.fonttype": "none",  # real text in the SVG: smaller, faster, selectable, read aloud
    "font.family": "sans-serif",
    # Arial is the NHS.UK fallback font; Liberation Sans has its metrics where Arial is missing.
    "font.sans-serif": ["Arial", "Liberation Sans", "Helvetica", "DejaVu Sans"],
    "font.size": BASE_SIZE,
    "text.color": BLACK,
    "axes.edgecolor": DARK_GREY,
    "axes.labelcolor": BLACK,
    "axes.linewidth": 0.8,
    "xtick.color": DARK_GREY,
    "ytick.color": DARK_GREY,
    "xtick.labelcolor": BLACK,
    "ytick.labelcolor": BLACK,
    "xtick.labelsize": SMALL_SIZE,
    "ytick.labelsize": SMALL_SIZE,
    "legend.fontsize": SMALL_SIZE,
    "path.simplify": True,
}
