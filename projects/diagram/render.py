"""Draws a driver diagram's layout with matplotlib to SVG and PNG bytes.

No pyplot: a bare `Figure` is drawn and saved by the SVG or Agg backend, so there is no global
figure state to leak between requests. SVG text stays text (svg.fonttype 'none') so it can be
searched, copied and read; the root carries role="img", a <title> and a <desc> holding the whole
diagram as an outline. Widths are measured with DejaVu Sans, which ships with matplotlib, so the
wrapping is the same on every server; viewers showing the SVG in a narrower font fit easily.
"""

from __future__ import annotations

import io
import re
import threading
from functools import lru_cache
from xml.sax.saxutils import escape

import matplotlib
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Rectangle
from matplotlib.textpath import text_to_path

from core.svg import without_style_attributes
from projects.diagram.layout import Layout, Measure, Style, layout
from projects.diagram.nodes import DiagramInput
from projects.diagram.outline import as_text, outline

NHS_BLUE = "#005eb8"
NHS_TEXT = "#212b32"
NHS_GREY = "#4c6272"  # connectors: quieter than the boxes, still 7:1 on white
NHS_PALE_BLUE = "#e8f1f8"
FONT = "DejaVu Sans"
PNG_DPI = 200  # A4 landscape at 200 dpi: about 2,340 pixels wide, sharp when printed
POINTS_PER_INCH = 72

# rcParams are process-global; the lock keeps one request's SVG settings out of another's.
_RENDER_LOCK = threading.Lock()
_SVG_RC = {"svg.fonttype": "none", "svg.hashsalt": "psc-driver-diagram"}


def font_measure(style: Style) -> Measure:
    prop = FontProperties(family=FONT, size=style.font_size)

    @lru_cache(maxsize=4096)
    def measure(text: str) -> float:
        width, _, _ = text_to_path.get_text_width_height_descent(text, prop, ismath=False)
        return width

    return measure


_MEASURE = font_measure(Style())


def _text(ax, x, y, text, **kwargs):
    # parse_math=False: "$5 to $10" in a driver must not be read as TeX.
    ax.text(x, y, text, family=FONT, parse_math=False, **kwargs)


def _draw_headers(ax, drawn: Layout) -> None:
    for header in drawn.headers:
        ax.add_patch(Rectangle((header.x, header.y), header.width, header.height,
                               facecolor=NHS_BLUE, edgecolor="none"))  # fmt: skip
        _text(ax, header.x + header.width / 2, header.y + header.height / 2, header.title,
              ha="center", va="center_baseline", color="white", weight="bold",
              fontsize=drawn.style.header_font_size)  # fmt: skip


def _draw_boxes(ax, drawn: Layout) -> None:
    for box in drawn.boxes:
        aim = box.kind == "aim"
        ax.add_patch(Rectangle(
            (box.x, box.y), box.width, box.height, facecolor=NHS_PALE_BLUE if aim else "white",
            edgecolor=NHS_BLUE, linewidth=2 if aim else 1, zorder=2,
        ))  # fmt: skip
        for line in box.lines:
            _text(ax, line.x, line.baseline, line.text, va="baseline", color=NHS_TEXT,
                  fontsize=drawn.style.font_size, zorder=3)  # fmt: skip


def _figure(drawn: Layout) -> Figure:
    figure = Figure(
        figsize=(drawn.width / POINTS_PER_INCH, drawn.height / POINTS_PER_INCH),
        dpi=POINTS_PER_INCH,
        facecolor="white",
    )
    # One data unit is one point: the layout's coordinates are drawn as they are.
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, drawn.width)
    ax.set_ylim(drawn.height, 0)
    ax.set_axis_off()
    for connector in drawn.connectors:
        xs, ys = zip(*connector.points, strict=True)
        ax.plot(xs, ys, color=NHS_GREY, linewidth=1, zorder=1, solid_joinstyle="miter")
    _draw_headers(ax, drawn)
    _draw_boxes(ax, drawn)
    return figure


def describe(diagram: DiagramInput) -> str:
    return as_text(outline(diagram))


def _accessible(svg: str, diagram: DiagramInput) -> str:
    """Names the image (<title>, which matplotlib wrote from the metadata) and describes it."""
    title = (
        f'<title id="diagram-title">{escape(diagram.title)}</title>\n'
        f' <desc id="diagram-desc">{escape(describe(diagram))}</desc>'
    )
    svg = re.sub(r"<title>.*?</title>", lambda _: title, svg, count=1, flags=re.S)
    return svg.replace(
        "<svg ",
        '<svg role="img" aria-labelledby="diagram-title" aria-describedby="diagram-desc" ',
        1,
    )


@lru_cache(maxsize=64)
def svg(diagram: DiagramInput) -> bytes:
    """The diagram as a standalone SVG document. Cached: an unchanged diagram is not redrawn."""
    buffer = io.BytesIO()
    with _RENDER_LOCK, matplotlib.rc_context(_SVG_RC):
        _figure(layout(diagram, _MEASURE)).savefig(
            buffer, format="svg", metadata={"Title": diagram.title, "Date": None}
        )
    return _accessible(buffer.getvalue().decode(), diagram).encode()


@lru_cache(maxsize=16)
def png(diagram: DiagramInput) -> bytes:
    buffer = io.BytesIO()
    with _RENDER_LOCK:
        _figure(layout(diagram, _MEASURE)).savefig(
            buffer,
            format="png",
            dpi=PNG_DPI,
            metadata={"Title": diagram.title, "Description": describe(diagram)},
        )
    return buffer.getvalue()


def inline_svg(diagram: DiagramInput) -> str:
    """The SVG for embedding in a page: no XML prologue or metadata, no global stylesheet
    (matplotlib's `*{...}` rule would reach every other SVG on the page) and no style
    attributes (the page's Content-Security-Policy refuses them: core/svg.py); it scales to the
    width of its container."""
    document = svg(diagram).decode()
    document = document[document.index("<svg ") :]
    document = re.sub(r"\s*<metadata>.*?</metadata>", "", document, count=1, flags=re.S)
    document = re.sub(r"\s*<style[^>]*>.*?</style>", "", document, count=1, flags=re.S)
    document = without_style_attributes(document)
    return re.sub(
        r'width="[\d.]+pt" height="[\d.]+pt"',
        'width="100%" class="app-diagram__image"',
        document,
        count=1,
    )
