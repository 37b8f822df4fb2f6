"""Assemble one chart on a Figure: header, plot, markers, legends and icons."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.dates import date2num
from matplotlib.figure import Figure

from measurement.spc.types import Analysis

from . import layers
from .icons import assurance_icon, draw_icons, variation_icon
from .layout import MARGIN, Layout, plan
from .legend import (
    KEY_ORDER,
    Entry,
    add_legends,
    draw_pdsa,
    draw_points,
    pdsa_entries,
    pdsa_rows,
)
from .markers import marker_keys, marker_style
from .spec import ChartSpec
from .style import (
    CENTRE,
    CENTRE_RUNS_SIGNAL,
    DARK_GREY,
    LIMITS,
    LINE,
    MID_GREY,
    REBASE,
    SUBTITLE_SIZE,
    TARGET,
    TITLE_SIZE,
)
from .ticks import draw_ticks
from .wording import TIGHT_UNITS, centre_word, chart_name, rules_name, value_format

DIRECTION_WORDS = {"increase": "higher is better", "decrease": "lower is better"}
TITLE_LENGTH = 72


def build_figure(figure: Figure, analysis: Analysis, spec: ChartSpec, ident: str):
    """Draw the chart; returns the figure and {element id: description} for the SVG."""
    if not analysis.points:
        return _empty(figure, analysis, spec), {}
    plot = layers.plot_arrays(analysis, spec.multiplier)
    keys = marker_keys(analysis, spec.improvement)
    styles = {key: marker_style(key, *_chart_and_rules(analysis)) for key in set(keys)}
    xlim = _xlim(plot, spec)
    rows = pdsa_rows(spec.pdsa_markers, xlim)
    entries, pdsa = _legend_entries(analysis, spec, plot, styles), pdsa_entries(spec.pdsa_markers)
    layout = plan(
        [e.label for e in entries],
        [e.label for e in pdsa],
        max(rows, default=-1) + 1,
        end_labels=spec.target is not None,
    )
    ax = _axes(figure, layout, f"{ident}-plot")
    _draw_data(ax, analysis, spec, plot, ident)
    draw_points(ax, plot.x, plot.y, keys, styles, f"{ident}-points")
    draw_pdsa(ax, spec.pdsa_markers, rows, f"{ident}-pdsa")
    _axes_style(ax, spec, xlim, _ylim(plot, spec, rebased=len(plot.starts) > 1))
    add_legends(figure, layout, entries, pdsa)
    _header(figure, layout, analysis, spec)
    return figure, _icons(figure, layout, analysis, ident)


def _chart_and_rules(analysis: Analysis) -> tuple[str, str]:
    return analysis.settings.chart, analysis.settings.rules


def _axes(figure: Figure, layout: Layout, gid: str | None = None) -> Axes:
    figure.set_size_inches(layout.width, layout.height)
    return figure.add_axes(layout.axes_rect(), gid=gid)


def _draw_data(ax: Axes, analysis: Analysis, spec: ChartSpec, plot, ident: str) -> None:
    layers.draw_line(ax, plot, f"{ident}-line")
    signals = [_runs_signal(analysis, phase) for phase in analysis.phases]
    layers.draw_centre(ax, plot, signals, f"{ident}-centre")
    if plot.has_limits:
        layers.draw_limits(ax, plot, f"{ident}-limits")
    if spec.target is not None:
        label = f"Target\n{value_format(analysis, spec).target(spec.target)}"
        layers.draw_target(ax, spec.target * spec.multiplier, label, f"{ident}-target")
    reasons = [phase.reason or "Rebase" for phase in analysis.phases[1:]]
    layers.draw_rebases(ax, plot, reasons, f"{ident}-rebase")


def _runs_signal(analysis: Analysis, phase) -> bool:
    # Making Data Count flags points; Anhøj's runs signal belongs to a whole phase.
    return analysis.settings.rules == "anhoej" and phase.runs_signal


def _legend_entries(analysis: Analysis, spec: ChartSpec, plot, styles) -> list[Entry]:
    entries = [Entry("Measure", line=LINE)]
    entries += [Entry(styles[key].label, marker=styles[key]) for key in KEY_ORDER if key in styles]
    centre = centre_word(analysis).capitalize()
    signals = [_runs_signal(analysis, phase) for phase in analysis.phases]
    if not all(signals):
        entries.append(Entry(centre, line=CENTRE))
    if any(signals):
        entries.append(Entry(f"{centre}: non-random runs", line=CENTRE_RUNS_SIGNAL))
    if plot.has_limits:
        name = "Process limits" if analysis.settings.rules == "mdc" else "Control limits"
        entries.append(Entry(name, line=LIMITS))
    if spec.target is not None:
        entries.append(Entry("Target", line=TARGET))
    if len(analysis.phases) > 1:
        entries.append(Entry("Rebase (new phase)", line=REBASE))
    return entries


def _xlim(plot, spec: ChartSpec) -> tuple[float, float]:
    xs = [plot.x[0], plot.x[-1], *(date2num(m.start) for m in spec.pdsa_markers)]
    low, high = min(xs), max(xs)
    pad = max((high - low) * 0.02, 3.5)
    return low - pad, high + pad


def _ylim(plot, spec: ChartSpec, rebased: bool) -> tuple[float, float]:
    shown = np.concatenate([plot.y, plot.centre, plot.lower, plot.upper])
    if spec.target is not None:
        shown = np.append(shown, spec.target * spec.multiplier)
    shown = shown[np.isfinite(shown)]
    low, high = float(shown.min()), float(shown.max())
    span = (high - low) or max(abs(high), 1.0)
    # Headroom above the data for the rebase labels.
    return low - span * 0.06, high + span * (0.16 if rebased else 0.08)


def _axes_style(ax: Axes, spec: ChartSpec, xlim, ylim) -> None:
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    draw_ticks(ax, spec.unit)
    if spec.unit and spec.unit not in TIGHT_UNITS:
        ax.text(
            -0.075,
            0.5,
            spec.unit,
            transform=ax.transAxes,
            rotation=90,
            ha="center",
            va="center",
            color=DARK_GREY,
        )
    ax.spines[["top", "right"]].set_visible(False)


def _header(figure: Figure, layout: Layout, analysis: Analysis, spec: ChartSpec) -> None:
    inches = {"transform": figure.dpi_scale_trans, "ha": "left", "va": "top"}
    title = layers.shorten(spec.title, TITLE_LENGTH)
    figure.text(
        MARGIN, layout.height - 0.14, title, fontsize=TITLE_SIZE, fontweight="bold", **inches
    )
    figure.text(
        MARGIN,
        layout.height - 0.5,
        _subtitle(analysis, spec),
        fontsize=SUBTITLE_SIZE,
        color=DARK_GREY,
        **inches,
    )


def _subtitle(analysis: Analysis, spec: ChartSpec) -> str:
    parts = [chart_name(analysis, spec), rules_name(analysis, spec)]
    if spec.improvement in DIRECTION_WORDS:
        parts.append(DIRECTION_WORDS[spec.improvement])
    if analysis.settings.baseline_points:
        lines = "median" if analysis.settings.chart == "run" else "centre and limits"
        parts.append(f"{lines} from the first {analysis.settings.baseline_points} points")
    return " · ".join(parts)


def _icons(figure: Figure, layout: Layout, analysis: Analysis, ident: str) -> dict[str, str]:
    if analysis.settings.rules != "mdc" or analysis.settings.chart != "xmr":
        return {}
    icons = [
        variation_icon(analysis.variation, analysis.settings.improvement),
        assurance_icon(analysis.assurance),
    ]
    icons = [icon for icon in icons if icon is not None]
    draw_icons(figure, layout, icons, ident)
    return {f"{ident}-{icon.key}-icon": icon.description for icon in icons}


def _empty(figure: Figure, analysis: Analysis, spec: ChartSpec) -> Figure:
    layout = plan([], [], 0)
    ax = _axes(figure, layout)
    ax.xaxis.set_visible(False)
    ax.yaxis.set_visible(False)
    for side in ax.spines.values():
        side.set_color(MID_GREY)
    ax.text(
        0.5,
        0.5,
        "No data yet",
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize=TITLE_SIZE,
        color=DARK_GREY,
    )
    _header(figure, layout, analysis, spec)
    return figure
