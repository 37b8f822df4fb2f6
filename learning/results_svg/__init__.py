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

from learning.results_svg.drawing import Frame, frame_for, nice_ticks, number
from learning.results_svg.measure import (
    NARROW,
    SMALL,
    WIDE,
    Band,
    PlotPoint,
    Session,
    collaborative_svg,
    small_multiple_svg,
)
from learning.results_svg.progress import icon_svg, progress_svg

__all__ = [
    "NARROW",
    "SMALL",
    "WIDE",
    "Band",
    "Frame",
    "PlotPoint",
    "Session",
    "collaborative_svg",
    "frame_for",
    "icon_svg",
    "nice_ticks",
    "number",
    "progress_svg",
    "small_multiple_svg",
]
