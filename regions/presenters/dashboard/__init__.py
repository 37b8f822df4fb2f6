"""Display values for the national and regional dashboards, from stored rollup figures.

Views hand over flat figures ({metric: value}, as `regions.rollups.read` returns them) and the
chosen filters; these modules turn them into sentences, tiles, table rows with sort links, filter
choices and the rows the downloads write. They make no queries: every number was stored by a run.
Views and downloads import this package (`from regions.presenters import dashboard as present`).
"""

from regions.presenters.dashboard.figures import (
    FIGURES,
    ORGANISATION_LABELS,
    TABLE_COLUMNS,
    Column,
    Values,
    plural,
    scope_values,
    shown,
)
from regions.presenters.dashboard.filters import (
    Filters,
    default_year,
    filter_fields,
    read_filters,
    topic_label,
)
from regions.presenters.dashboard.headlines import (
    headline_sentences,
    organisation_rows,
    patients_note,
    tiles,
    training_rows,
)
from regions.presenters.dashboard.periods import period_end, period_label, year_label
from regions.presenters.dashboard.refreshes import moment, refresh_progress, refreshed_sentence
from regions.presenters.dashboard.region_table import (
    Header,
    TableRow,
    region_table,
    sorted_rows,
    table_row,
)
from regions.presenters.dashboard.regional import (
    portfolio_table,
    signal_groups,
    signal_page_param,
)

__all__ = [
    "FIGURES",
    "ORGANISATION_LABELS",
    "TABLE_COLUMNS",
    "Column",
    "Filters",
    "Header",
    "TableRow",
    "Values",
    "default_year",
    "filter_fields",
    "headline_sentences",
    "moment",
    "organisation_rows",
    "patients_note",
    "period_end",
    "period_label",
    "plural",
    "portfolio_table",
    "read_filters",
    "refresh_progress",
    "refreshed_sentence",
    "region_table",
    "scope_values",
    "shown",
    "signal_groups",
    "signal_page_param",
    "sorted_rows",
    "table_row",
    "tiles",
    "topic_label",
    "training_rows",
    "year_label",
]
