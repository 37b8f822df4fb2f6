"""Display values for data entry: the user's measures, the project grid, its rows and charts.

Templates only loop over what these modules return: labels, input names and ids, prefilled
values, error and warning sentences, chart addresses and summaries. The entry views import this
package (`from measurement.presenters import entry as present`).
"""

from measurement.presenters.entry.charts import chart_block, chart_blocks, with_current_versions
from measurement.presenters.entry.due import (
    DUE_CAP,
    asks_for_data,
    closed_text,
    due_for,
    due_periods,
    project_end,
)
from measurement.presenters.entry.events import events_context
from measurement.presenters.entry.grid import (
    GRID_ROWS,
    ROW_CHOICES,
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
from measurement.presenters.entry.my_measures import my_measure_groups, my_measures_context
from measurement.presenters.entry.outliers import confirm_token, outlier_warning, plotted
from measurement.presenters.entry.upload import upload_context
from measurement.presenters.entry.wording import (
    NOUNS,
    import_summary_text,
    period_label,
    period_phrase,
)

__all__ = [
    "DUE_CAP",
    "GRID_ROWS",
    "NOUNS",
    "ROW_CHOICES",
    "RowState",
    "asks_for_data",
    "chart_block",
    "chart_blocks",
    "closed_text",
    "column",
    "confirm_token",
    "due_for",
    "due_periods",
    "events_context",
    "field_name",
    "frequencies",
    "grid_context",
    "grid_href",
    "grid_measures",
    "grid_row",
    "import_summary_text",
    "input_id",
    "my_measure_groups",
    "my_measures_context",
    "outlier_warning",
    "period_label",
    "period_phrase",
    "plotted",
    "point_map",
    "project_end",
    "upload_context",
    "with_current_versions",
]
