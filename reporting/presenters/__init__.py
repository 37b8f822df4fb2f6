"""Display values for the national and regional dashboards, from stored rollup figures.

Views hand over flat figures ({metric: value}, as `reporting.rollups.read` returns them) and the
chosen filters; these modules turn them into sentences, tiles, table rows with sort links, filter
choices and the rows the downloads write. They make no queries: every number was stored by a run.
Views and downloads import this package (`from reporting import presenters as present`).
"""

from core.fiscal import year_label
from reporting.presenters.figures import (
    FIGURES,
    ORGANISATION_LABELS,
    TABLE_COLUMNS,
    Column,
    Values,
    scope_values,
    shown,
)
from reporting.presenters.filters import (
    Filters,
    default_year,
    filter_fields,
    read_filters,
    topic_label,
    trend_years,
)
from reporting.presenters.headlines import (
    headline_sentences,
    organisation_rows,
    patients_note,
    tiles,
    training_rows,
)
from reporting.presenters.periods import period_end, period_label
from reporting.presenters.refreshes import moment, refresh_progress, refreshed_sentence
from reporting.presenters.region_table import (
    Header,
    TableRow,
    region_table,
    sorted_rows,
    table_row,
)
from reporting.presenters.regional import (
    portfolio_table,
    signal_groups,
    signal_page,
    signal_page_param,
)
from reporting.presenters.spread import (
    ONCE,
    SPREAD_TABLE_COLUMNS,
    adoption_type_rows,
    spread_region_rows,
    spread_sentences,
    spread_tiles,
)
from reporting.presenters.stories import (
    STORIES_NOTE,
    STORY_TABLE_COLUMNS,
    story_region_rows,
    story_sentences,
    story_tiles,
)

__all__ = [
    "FIGURES",
    "ORGANISATION_LABELS",
    "TABLE_COLUMNS",
    "ONCE",
    "SPREAD_TABLE_COLUMNS",
    "STORIES_NOTE",
    "STORY_TABLE_COLUMNS",
    "Column",
    "Filters",
    "Header",
    "TableRow",
    "Values",
    "adoption_type_rows",
    "default_year",
    "filter_fields",
    "headline_sentences",
    "moment",
    "organisation_rows",
    "patients_note",
    "period_end",
    "period_label",
    "portfolio_table",
    "read_filters",
    "refresh_progress",
    "refreshed_sentence",
    "region_table",
    "scope_values",
    "shown",
    "signal_groups",
    "signal_page",
    "signal_page_param",
    "sorted_rows",
    "spread_region_rows",
    "spread_sentences",
    "spread_tiles",
    "story_region_rows",
    "story_sentences",
    "story_tiles",
    "table_row",
    "tiles",
    "topic_label",
    "training_rows",
    "trend_years",
    "year_label",
]
