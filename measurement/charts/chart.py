"""Assemble one chart on a Figure: header, plot, markers, legends and icons."""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from core.wording import long_date
from measurement.spc.types import Analysis

from . import layers
from .breaks import draw_breaks
from .icons import assurance_icon, draw_icons, variation_icon
from .layout import ICON_SIZE, MARGIN, WIDE, Frame, Layout, plan, right_margin
from .legend import (
    KEY_ORDER,
    Entry,
    add_legends,
    draw_notes,
    draw_pdsa,
    draw_points,
    note_entries,
    pdsa_entries,
    pdsa_rows,
)
from .markers import marker_keys, marker_style
from .period import charted_period, plotted_notes
from .spec import ChartSpec, PdsaMarker
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
from .timeline import missing_words
from .wording import TIGHT_UNITS, centre_word, chart_name, rules_name, value_format

DIRECTION_WORDS = {"increase": "higher is better", "decrease": "lower is better"}
NO_VARIATION = "no_variation"  # measurement.spc.types.NO_VARIATION, a note of the analysis
NO_VARIATION_WORDS = "no limits: no variation in the baseline"
TITLE_LENGTH = 72
TITLE_CHAR = 0.11  # inches per character of the 14 pt bold title
SUBTITLE_CHAR = 0.075  # and of the 10.5 pt subtitle
UNIT_LABEL_OFFSET = 0.6  # inches left of the plot
TITLE_LINE = 0.24  # inches: a second line of the 14 pt title


def build_figure(figure: Figure, analysis: Analysis, spec: ChartSpec, ident: str, frame=WIDE):
    """Draw the chart; returns the figure and {element id: description} for the SVG."""
    if not analysis.points:
        return _empty(figure, analysis, spec, frame), {}
    plot = layers.plot_arrays(analysis, spec.multiplier, spec.frequency)
    keys = marker_keys(analysis, spec.improvement)
    styles = {key: marker_style(key, *_chart_and_rules(analysis)) for key in set(keys)}
    markers = charted_markers(analysis, spec)
    marker_xs = [plot.at(m.start) for m in markers]
    xlim = _xlim(plot, marker_xs)
    target_label = _target_label(analysis, spec)
    rows = pdsa_rows(marker_xs, xlim, frame.plot_width(right_margin(target_label)))
    notes = [(note, plot.x[i], plot.y[i]) for note, i in plotted_notes(analysis, spec)]
    entries, pdsa = _legend_entries(analysis, spec, plot, styles), pdsa_entries(markers)
    noted = note_entries(tuple(note for note, _, _ in notes))
    icons = _icon_list(analysis)
    width = _header_width(frame, icons)
    title, subtitle = title_lines(spec.title, width), _subtitle_lines(analysis, spec, width)
    layout = plan(
        [e.label for e in entries],
        [e.label for e in pdsa],
        max(rows, default=-1) + 1,
        end_label=target_label,
        frame=frame,
        note_labels=tuple(e.label for e in noted),
        subtitle_lines=_header_lines(title, subtitle),
    )
    ax = _axes(figure, layout, f"{ident}-plot")
    _draw_data(ax, analysis, spec, plot, ident, target_label, xlim)
    breaks = plot.scale.breaks()
    draw_breaks(ax, breaks, _break_words(analysis, spec, plot), f"{ident}-break")
    draw_points(ax, plot.x, plot.y, keys, styles, f"{ident}-points")
    draw_notes(ax, notes, f"{ident}-note")
    draw_pdsa(ax, markers, marker_xs, rows, f"{ident}-pdsa")
    ylim = _ylim(plot, spec, rebased=len(plot.starts) > 1, noted=bool(notes))
    _axes_style(ax, spec, xlim, ylim, plot, frame, layout)
    add_legends(figure, layout, entries, pdsa, noted)
    _header(figure, layout, title, subtitle)
    described = {f"{ident}-note-{n.number}": _note_words(n) for n, _, _ in notes}
    return figure, {**described, **_icons(figure, layout, icons, ident)}


def charted_markers(analysis: Analysis, spec: ChartSpec) -> tuple[PdsaMarker, ...]:
    """The PDSA cycles that start within the charted period (the others are listed, not drawn)."""
    first, last = charted_period(analysis, spec)
    return tuple(m for m in spec.pdsa_markers if first <= m.start <= last)


def _target_label(analysis: Analysis, spec: ChartSpec) -> str:
    if spec.target is None:
        return ""
    return f"Target\n{value_format(analysis, spec).target(spec.target)}"


def _break_words(analysis: Analysis, spec: ChartSpec, plot) -> list[str]:
    points = analysis.points
    return [
        missing_words(points[i - 1].period, points[i].period, spec.frequency)
        for i in plot.gap_starts
    ]


def _note_words(note) -> str:
    return f"Note {note.number} ({long_date(note.period)}): {note.text}"


def _chart_and_rules(analysis: Analysis) -> tuple[str, str]:
    return analysis.settings.chart, analysis.settings.rules


def _axes(figure: Figure, layout: Layout, gid: str | None = None) -> Axes:
    figure.set_size_inches(layout.width, layout.height)
    return figure.add_axes(layout.axes_rect(), gid=gid)


def _draw_data(ax: Axes, analysis: Analysis, spec: ChartSpec, plot, ident, label, xlim) -> None:
    layers.draw_line(ax, plot, f"{ident}-line")
    signals = [_runs_signal(analysis, phase) for phase in analysis.phases]
    layers.draw_centre(ax, plot, signals, f"{ident}-centre")
    if plot.has_limits:
        layers.draw_limits(ax, plot, f"{ident}-limits")
    if spec.target is not None:
        layers.draw_target(ax, spec.target * spec.multiplier, label, f"{ident}-target")
    reasons = [phase.reason or "Rebase" for phase in analysis.phases[1:]]
    layers.draw_rebases(ax, plot, reasons, f"{ident}-rebase", xlim)


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


def _xlim(plot, marker_xs: list[float]) -> tuple[float, float]:
    """The data's span (and PDSA cycles starting within its last period), a little padded."""
    xs = [plot.x[0], plot.x[-1], *marker_xs]
    low, high = min(xs), max(xs)
    pad = max((high - low) * 0.02, 3.5)
    return low - pad, high + pad


def _ylim(plot, spec: ChartSpec, rebased: bool, noted: bool = False) -> tuple[float, float]:
    shown = np.concatenate([plot.y, plot.centre, plot.lower, plot.upper])
    if spec.target is not None:
        shown = np.append(shown, spec.target * spec.multiplier)
    shown = shown[np.isfinite(shown)]
    low, high = float(shown.min()), float(shown.max())
    span = (high - low) or max(abs(high), 1.0)
    # Headroom above the data for the rebase labels and the notes' markers.
    return low - span * 0.06, high + span * (0.16 if rebased or noted else 0.08)


def _axes_style(ax: Axes, spec: ChartSpec, xlim, ylim, plot, frame: Frame, layout) -> None:
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    draw_ticks(ax, spec.unit, plot.scale, frame.max_ticks)
    if spec.unit and spec.unit not in TIGHT_UNITS:
        ax.text(
            -UNIT_LABEL_OFFSET / frame.plot_width(layout.right),
            0.5,
            spec.unit,
            transform=ax.transAxes,
            rotation=90,
            ha="center",
            va="center",
            color=DARK_GREY,
        )
    ax.spines[["top", "right"]].set_visible(False)


def _header_width(frame: Frame, icons: list) -> float:
    """The width the title and subtitle may take: all of it less the icons at the top right."""
    return frame.width - 2 * MARGIN - len(icons) * (ICON_SIZE + 0.15)


def title_lines(title: str, width: float) -> list[str]:
    """The title on one line, or on two where the chart is narrow, shortened past that."""
    most = min(TITLE_LENGTH, int(width / TITLE_CHAR))
    lines = textwrap.wrap(" ".join(title.split()), most) or [""]
    if len(lines) == 1 or width >= WIDE.width / 2:
        return [layers.shorten(title, most)]
    return [lines[0], layers.shorten(" ".join(lines[1:]), most)]


def _header_lines(title: list[str], subtitle: list[str]) -> int:
    """The header's height in subtitle lines: a second title line takes a little over one."""
    return len(subtitle) + (1 if len(title) > 1 else 0)


def _header(figure: Figure, layout: Layout, title: list[str], subtitle: list[str]) -> None:
    """The title (bold), then the subtitle, lower by a second title line if there is one."""
    inches = {"transform": figure.dpi_scale_trans, "ha": "left", "va": "top"}
    figure.text(
        MARGIN,
        layout.height - 0.14,
        "\n".join(title),
        fontsize=TITLE_SIZE,
        fontweight="bold",
        linespacing=1.15,
        **inches,
    )
    figure.text(
        MARGIN,
        layout.height - 0.5 - (TITLE_LINE if len(title) > 1 else 0),
        "\n".join(subtitle),
        fontsize=SUBTITLE_SIZE,
        color=DARK_GREY,
        linespacing=1.25,
        **inches,
    )


def _subtitle_lines(analysis: Analysis, spec: ChartSpec, width: float) -> list[str]:
    """The subtitle's parts joined with " · ", wrapped to lines that fit `width` inches."""
    most = int(width / SUBTITLE_CHAR)
    lines: list[str] = []
    for part in _subtitle_parts(analysis, spec):
        if lines and len(lines[-1]) + 3 + len(part) <= most:
            lines[-1] += " · " + part
        else:
            lines.append(part)
    return lines


def _subtitle_parts(analysis: Analysis, spec: ChartSpec) -> list[str]:
    parts = [chart_name(analysis, spec), rules_name(analysis, spec)]
    if spec.improvement in DIRECTION_WORDS:
        parts.append(DIRECTION_WORDS[spec.improvement])
    if analysis.settings.baseline_points:
        lines = "median" if analysis.settings.chart == "run" else "centre and limits"
        parts.append(f"{lines} from the first {analysis.settings.baseline_points} points")
    if NO_VARIATION in getattr(analysis, "notes", ()):
        parts.append(NO_VARIATION_WORDS)
    return parts


def _icon_list(analysis: Analysis) -> list:
    if analysis.settings.rules != "mdc" or analysis.settings.chart != "xmr":
        return []
    icons = [
        variation_icon(analysis.variation, analysis.settings.improvement),
        assurance_icon(analysis.assurance),
    ]
    return [icon for icon in icons if icon is not None]


def _icons(figure: Figure, layout: Layout, icons: list, ident: str) -> dict[str, str]:
    if not icons:
        return {}
    draw_icons(figure, layout, icons, ident)
    return {f"{ident}-{icon.key}-icon": icon.description for icon in icons}


def _empty(figure: Figure, analysis: Analysis, spec: ChartSpec, frame: Frame = WIDE) -> Figure:
    width = _header_width(frame, [])
    title, subtitle = title_lines(spec.title, width), _subtitle_lines(analysis, spec, width)
    layout = plan([], [], 0, frame=frame, subtitle_lines=_header_lines(title, subtitle))
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
    _header(figure, layout, title, subtitle)
    return figure
