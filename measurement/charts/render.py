"""Render an analysis as an SVG (accessible, text kept as text) or a PNG.

Each chart gets its own Figure on an Agg canvas: no pyplot, so no global figure registry.
matplotlib's rcParams are global, though, and are read while artists are made and drawn,
so charts are drawn one at a time under a lock with the house settings applied.
"""

from __future__ import annotations

import hashlib
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib as mpl
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from measurement.spc.types import Analysis

from .chart import build_figure
from .layout import NARROW, WIDE
from .spec import ChartSpec
from .style import PNG_DPI, RC
from .summary import chart_description
from .svg import accessible_svg

_LOCK = threading.Lock()
# SVG metadata off: the file is then the same for the same chart (cacheable, comparable).
SVG_METADATA = {"Creator": None, "Date": None, "Format": None, "Type": None}


def render_svg(analysis: Analysis, spec: ChartSpec, narrow: bool = False) -> bytes:
    """The chart as SVG bytes, opening with <title> (the chart title) and <desc> (its summary,
    span, notes and what lies outside it). `narrow` draws it for a phone's width."""
    summary = chart_description(analysis, spec)
    ident = chart_id(analysis, spec, summary + (" narrow" if narrow else ""))
    buffer = io.BytesIO()
    with drawing(salt=ident):
        figure, parts = build_figure(_figure(), analysis, spec, ident, NARROW if narrow else WIDE)
        figure.savefig(buffer, format="svg", metadata=SVG_METADATA)
    return accessible_svg(buffer.getvalue(), ident, spec.title, summary, parts)


def render_png(
    analysis: Analysis, spec: ChartSpec, dpi: int = PNG_DPI, narrow: bool = False
) -> bytes:
    """The chart as PNG bytes, with the title and summary in its text metadata."""
    summary = chart_description(analysis, spec)
    buffer = io.BytesIO()
    metadata = {"Title": spec.title, "Description": summary, "Software": None}
    with drawing(salt="png"):
        figure, _ = build_figure(_figure(), analysis, spec, "chart", NARROW if narrow else WIDE)
        figure.savefig(buffer, format="png", dpi=dpi, metadata=metadata)
    return buffer.getvalue()


def chart_id(analysis: Analysis, spec: ChartSpec, summary: str) -> str:
    """A stable id prefix for the chart's elements, different for different charts.

    It also salts matplotlib's hashed ids, so the same chart always gives the same SVG.
    """
    data = [(p.period, p.value) for p in analysis.points]
    seed = repr((spec, analysis.settings, data, summary))
    return "chart-" + hashlib.sha1(seed.encode("utf-8"), usedforsecurity=False).hexdigest()[:10]


def _figure() -> Figure:
    figure = Figure()
    FigureCanvasAgg(figure)
    return figure


@contextmanager
def drawing(salt: str) -> Iterator[None]:
    with _LOCK, mpl.rc_context({**RC, "svg.hashsalt": salt}):
        yield
