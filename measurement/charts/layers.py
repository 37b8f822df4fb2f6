"""The data layers of a chart: the measure's line, centre lines, limits, target and rebases."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.dates import date2num
from matplotlib.lines import Line2D

from measurement.spc.types import Analysis

from .style import CENTRE, CENTRE_RUNS_SIGNAL, LIMITS, LINE, REBASE, SMALL_SIZE, TARGET, WHITE
from .timeline import TimeScale, segments, time_scale

REASON_LENGTH = 28
REASON_CHAR = 0.06  # inches per character of the 8.5 pt reason, generously
HALF_WEEK = 3.5  # days


@dataclass(frozen=True)
class Plot:
    """The analysis as arrays in display units, with x as plot positions: matplotlib date
    numbers, less the width taken out of each break (see timeline.TimeScale)."""

    x: np.ndarray
    y: np.ndarray
    centre: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    starts: tuple[int, ...]  # index of each phase's first point
    scale: TimeScale = TimeScale(((0.0, 0.0),))
    gap_starts: tuple[int, ...] = ()  # index of each point after a break

    @property
    def has_limits(self) -> bool:
        return bool(np.isfinite(self.upper).any() or np.isfinite(self.lower).any())

    def at(self, day) -> float:
        """The plot position of a date."""
        return self.scale.position(float(date2num(day)))

    @property
    def pieces(self) -> list[tuple[int, int, int]]:
        """(first, after last, phase number from 0) of each run with no phase change or break."""
        cuts = sorted({*self.starts, *self.gap_starts})
        stops = [*cuts[1:], len(self.x)]
        phase = [sum(s <= cut for s in self.starts) - 1 for cut in cuts]
        return list(zip(cuts, stops, phase, strict=True))


def plot_arrays(analysis: Analysis, multiplier: float, frequency: str | None = None) -> Plot:
    points = analysis.points
    periods = [p.period for p in points]
    starts = tuple(i for i, p in enumerate(points) if i == 0 or p.phase != points[i - 1].phase)
    days = [float(d) for d in date2num(periods)]
    scale = time_scale(days, periods, frequency)
    return Plot(
        x=np.array(scale.positions(days)),
        y=np.array([p.value for p in points], dtype=float) * multiplier,
        centre=_column([p.centre for p in points], multiplier),
        lower=_column([p.lower for p in points], multiplier),
        upper=_column([p.upper for p in points], multiplier),
        starts=starts,
        scale=scale,
        gap_starts=tuple(start for start, _ in segments(periods, frequency)[1:]),
    )


def _column(values: list[float | None], multiplier: float) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], dtype=float) * multiplier


def add_line(ax: Axes, xs, ys, **style) -> Line2D:
    """Add a line without matplotlib's data-limit bookkeeping: every chart sets its limits."""
    return ax.add_artist(Line2D(xs, ys, **style))


def draw_line(ax: Axes, plot: Plot, gid: str) -> None:
    """One line through the points, broken between phases and across long gaps."""
    cuts = [first for first, _, _ in plot.pieces[1:]]
    x, y = _broken(plot.x, cuts), _broken(plot.y, cuts)
    add_line(ax, x, y, gid=gid, **LINE)


def _broken(values: np.ndarray, cuts: list[int]) -> np.ndarray:
    return np.insert(values, cuts, np.nan)


def draw_centre(ax: Axes, plot: Plot, runs_signal: list[bool], gid: str) -> None:
    """Solid centre line per phase; a phase with a runs signal (Anhøj) gets the signal style."""
    quiet = [not flag for flag in runs_signal]
    for style, keep, suffix in ((CENTRE, quiet, ""), (CENTRE_RUNS_SIGNAL, runs_signal, "-signal")):
        if any(keep):
            xs, ys = _steps(plot, plot.centre, keep)
            add_line(ax, xs, ys, gid=gid + suffix, **style)


def draw_limits(ax: Axes, plot: Plot, gid: str) -> None:
    every = [True] * len(plot.starts)
    upper, lower = _steps(plot, plot.upper, every), _steps(plot, plot.lower, every)
    xs = np.concatenate([upper[0], lower[0]])
    add_line(ax, xs, np.concatenate([upper[1], lower[1]]), gid=gid, **LIMITS)


def _steps(plot: Plot, values: np.ndarray, phases: list[bool]) -> tuple[np.ndarray, np.ndarray]:
    """Step lines of `values` for the chosen phases, reaching halfway to the next phase and
    stopping at the points either side of a break."""
    xs: list[float] = []
    ys: list[float] = []
    ends = {0, len(plot.x), *plot.gap_starts}
    for start, stop, phase in plot.pieces:
        if phases[phase]:
            edges = _edges(plot.x, start, stop, ends)
            _phase_steps(edges, values[start:stop], xs, ys)
    return np.array(xs), np.array(ys)


def _edges(x: np.ndarray, start: int, stop: int, ends: set[int]) -> np.ndarray:
    # A run of one point at an end of the chart or of a break gets half a week each side.
    alone = HALF_WEEK if stop - start == 1 else 0.0
    left = x[start] - alone if start in ends else (x[start - 1] + x[start]) / 2
    right = x[stop - 1] + alone if stop in ends else (x[stop - 1] + x[stop]) / 2
    middles = (x[start : stop - 1] + x[start + 1 : stop]) / 2
    return np.concatenate(([left], middles, [right]))


def _phase_steps(edges: np.ndarray, values: np.ndarray, xs: list, ys: list) -> None:
    # Merge equal neighbours: a constant limit is one segment, not one per point.
    changes = np.flatnonzero(~_same(values[1:], values[:-1])) + 1
    firsts = [0, *changes.tolist()]
    lasts = [*changes.tolist(), len(values)]
    for first, last in zip(firsts, lasts, strict=True):
        xs += [edges[first], edges[last]]
        ys += [values[first], values[first]]
    xs.append(np.nan)
    ys.append(np.nan)


def _same(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a == b) | (np.isnan(a) & np.isnan(b))


def draw_target(ax: Axes, target: float, label: str, gid: str) -> None:
    """The target across the plot, labelled past its right-hand end (never over the data)."""
    add_line(ax, [0, 1], [target, target], transform=ax.get_yaxis_transform(), gid=gid, **TARGET)
    ax.annotate(
        label,
        xy=(1, target),
        xycoords=("axes fraction", "data"),
        xytext=(5, 0),
        textcoords="offset points",
        ha="left",
        va="center",
        fontsize=SMALL_SIZE,
        color=TARGET["color"],
        fontweight="bold",
        linespacing=1.2,
        annotation_clip=False,
        gid=gid + "-label",
    )


def draw_rebases(ax: Axes, plot: Plot, reasons: list[str], gid: str, xlim=None) -> None:
    """A dotted line halfway between phases, labelled with the (shortened) reason: to the right
    of the line, or to its left where the right has too little room (near a narrow chart's end)."""
    low, high = xlim or ax.get_xlim()
    inches = ax.bbox.width / ax.figure.dpi / ((high - low) or 1.0)
    for phase, (start, reason) in enumerate(zip(plot.starts[1:], reasons, strict=True), start=2):
        x = (plot.x[start - 1] + plot.x[start]) / 2
        across = ax.get_xaxis_transform()
        add_line(ax, [x, x], [0, 1], transform=across, gid=f"{gid}-{phase}", **REBASE)
        text, side = rebase_label(reason, (high - x) * inches, (x - low) * inches)
        ax.annotate(
            text,
            xy=(x, 1),
            xycoords=("data", "axes fraction"),
            xytext=(4 if side == "left" else -4, -4),
            textcoords="offset points",
            ha=side,
            va="top",
            fontsize=SMALL_SIZE - 0.5,
            bbox={"boxstyle": "square,pad=0.15", "fc": WHITE, "ec": "none", "alpha": 0.85},
        )


def rebase_label(reason: str, room_right: float, room_left: float) -> tuple[str, str]:
    """The shortened reason and its alignment ("left": it starts at the line), given the room
    in inches either side of the line."""
    fits = [int((room - 0.08) / REASON_CHAR) for room in (room_right, room_left)]
    text = shorten(reason, REASON_LENGTH)
    if len(text) <= fits[0] or fits[0] >= fits[1]:
        return shorten(text, max(fits[0], 8)), "left"
    return shorten(text, fits[1]), "right"


def shorten(text: str, length: int) -> str:
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    # Break at a word when one ends reasonably late; otherwise mid-word.
    space = cut.rfind(" ")
    return (cut[:space] if space > length // 2 else cut).rstrip(" ,;:-–") + "…"
