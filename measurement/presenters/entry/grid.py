"""The grid page: the project's measures at one frequency, twelve periods, charts beside."""

from datetime import date
from urllib.parse import urlencode

from django.urls import reverse

from measurement import periods as p
from measurement.models import DataType, Measure
from measurement.presenters.entry.charts import chart_blocks
from measurement.presenters.entry.grid_row import RowState, grid_row, point_map
from measurement.presenters.entry.wording import NOUNS, period_label
from projects.models import Project

GRID_ROWS = 12
RATIO_HINTS = {
    DataType.PROPORTION: "Numerator above denominator",
    DataType.RATE: "Events above exposure",
}


def grid_href(project_pk: int, frequency: str = p.WEEKLY, end: date | None = None) -> str:
    query = {"frequency": frequency} if frequency != p.WEEKLY else {}
    if end:
        query["end"] = end.isoformat()
    base = reverse("measurement:project_grid", args=[project_pk])
    return f"{base}?{urlencode(query)}" if query else base


def grid_measures(project: Project, frequency: str) -> list[Measure]:
    """The project's measures entered per period at this frequency (their values are read
    for the periods on screen only: `point_map`)."""
    return list(
        project.measures.exclude(data_type=DataType.EVENTS)
        .filter(frequency=frequency)
        .select_related("project")
        .order_by("name")
    )


def frequencies(project: Project) -> list[str]:
    found = set(
        project.measures.exclude(data_type=DataType.EVENTS).values_list("frequency", flat=True)
    )
    return [f for f in (p.WEEKLY, p.MONTHLY) if f in found]


def column(measure: Measure) -> dict:
    hint = RATIO_HINTS.get(measure.data_type) or (measure.unit and f"In {measure.unit}") or ""
    return {"name": measure.name, "hint": hint, "href": measure.get_absolute_url()}


def grid_context(
    project: Project,
    *,
    frequency: str,
    end: date,
    today: date,
    editable: bool,
    states: dict[date, RowState] | None = None,
) -> dict:
    measures = grid_measures(project, frequency)
    last = p.last_complete_period(today, frequency)
    periods = p.last_periods(end, frequency, GRID_ROWS)
    points = point_map(measures, periods)
    rows = [
        grid_row(
            project,
            measures,
            period,
            frequency=frequency,
            end=end,
            points=points,
            state=(states or {}).get(period),
        )
        for period in periods
    ]
    later = min(p.shift(end, frequency, GRID_ROWS), last)
    return {
        "project": project,
        "editable": editable,
        "frequency": frequency,
        "noun": NOUNS[frequency],
        "columns": [column(m) for m in measures],
        "rows": rows,
        "heading": f"{'Enter ' if editable else ''}{NOUNS[frequency]}ly data".capitalize(),
        "events_link": "Record an event" if editable else "Events",
        "charts": chart_blocks(measures),
        "has_errors": any(r["errors"] for r in rows),
        "frequency_links": [
            {
                "text": f"{NOUNS[f].capitalize()}ly measures",
                "href": grid_href(project.pk, f),
                "current": f == frequency,
            }
            for f in frequencies(project)
        ],
        "earlier_href": grid_href(project.pk, frequency, p.shift(periods[-1], frequency, -1)),
        "later_href": grid_href(project.pk, frequency, later) if end < last else "",
        "range_text": f"{period_label(periods[-1], frequency)} to "
        f"{period_label(periods[0], frequency)}",
        "event_measures": [
            {"name": m.name, "href": reverse("measurement:event_entry", args=[m.pk])}
            for m in project.measures.filter(data_type=DataType.EVENTS).order_by("name")
        ],
    }
