"""Run charts and SPC charts drawn with matplotlib, with their text summary and data table.

Pure like measurement.spc: no Django. The presenter builds a ChartSpec from the measure, its
project's PDSA cycles and its notes; views serve `render_svg` (or `render_png`, either wide or
narrow for phones) with `text_summary`, `chart_description` and `data_table`.
"""

from .render import chart_id, render_png, render_svg
from .spec import ChartSpec, NoteMarker, PdsaMarker
from .summary import assurance_sentence, chart_description, text_summary
from .table import data_table, table_headers

__all__ = [
    "ChartSpec",
    "NoteMarker",
    "PdsaMarker",
    "assurance_sentence",
    "chart_description",
    "chart_id",
    "data_table",
    "render_png",
    "render_svg",
    "table_headers",
    "text_summary",
]
