"""Run charts and SPC charts drawn with matplotlib, with their text summary and data table.

Pure like measurement.spc: no Django. The presenter builds a ChartSpec from the measure and
its project; views serve `render_svg` (or `render_png`) with `text_summary` and `data_table`.
"""

from .render import chart_id, render_png, render_svg
from .spec import ChartSpec, PdsaMarker
from .summary import assurance_sentence, text_summary
from .table import data_table, table_headers

__all__ = [
    "ChartSpec",
    "PdsaMarker",
    "assurance_sentence",
    "chart_id",
    "data_table",
    "render_png",
    "render_svg",
    "table_headers",
    "text_summary",
]
