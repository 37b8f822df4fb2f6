"""Display values for data entry: the user's measures, the project grid, its rows and charts.

Templates only loop over what these modules return: labels, input names and ids, prefilled
values, error and warning sentences, chart addresses and summaries. The entry views import this
package (`from measurement.presenters import entry as present`).
"""

from measurement.presenters.entry.charts import chart_block, chart_blocks, with_current_versions
from measurement.presenters.entry.events import events_context
from measurement.presenters.entry.grid import (
    GRID_ROWS,
    column,
    frequencies,
    grid_context,
    grid_href,
    grid_measures,
)
from measurement.presenters.entry.grid_row import (
    RowState,
    field_name,
    grid_row,
    input_id,
    point_map,
)
from measurement.presenters.entry.my_measures import (
    missing_for,
    my_measure_groups,
    my_measures_context,
)
from measurement.presenters.entry.outliers import confirm_token, outlier_warning, plotted
from measurement.presenters.entry.upload import upload_context
from measurement.presenters.entry.wording import (
    NOUNS,
    import_summary_text,
    period_label,
    period_phrase,
)

__all__ = [
    "GRID_ROWS",
    "NOUNS",
    "RowState",
    "chart_block",
    "chart_blocks",
    "column",
    "confirm_token",
    "events_context",
    "field_name",
    "frequencies",
    "grid_context",
    "grid_href",
    "grid_measures",
    "grid_row",
    "import_summary_text",
    "input_id",
    "missing_for",
    "my_measure_groups",
    "my_measures_context",
    "outlier_warning",
    "period_label",
    "period_phrase",
    "plotted",
    "point_map",
    "upload_context",
    "with_current_versions",
]
