"""The grid page: the project's measures at one frequency, 12, 26 or 52 periods ending where the
person went to, what is still to enter, and the charts beside."""

from datetime import date
from urllib.parse import urlencode

from django.db.models import Max
from django.urls import reverse

from measurement import periods as p
from measurement.models import DataPoint, DataType, Measure
from measurement.presenters.entry.charts import chart_blocks
from measurement.presenters.entry.due import asks_for_data, closed_text, due_for
from measurement.presenters.entry.grid_row import RowState, grid_row, point_map
from measurement.presenters.entry.wording import NOUNS, period_label
from projects.models import Project

GRID_ROWS = 12
ROW_CHOICES = (12, 26, 52)
RATIO_HINTS = {
    DataType.PROPORTION: "Numerator above denominator",
    DataType.RATE: "Events above exposure",
}


def grid_href(
    project_pk: int, frequency: str = p.WEEKLY, end: date | None = None, rows: int = GRID_ROWS
) -> str:
    query = {"frequency": frequency} if frequency != p.WEEKLY else {}
    if end:
        query["end"] = end.isoformat()
    if rows != GRID_ROWS:
        query["rows"] = rows
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
    rows: int = GRID_ROWS,
    go_to: dict | None = None,
) -> dict:
    measures = grid_measures(project, frequency)
    last = p.last_complete_period(today, frequency)
    periods = p.last_periods(end, frequency, rows)
    points = point_map(measures, periods)
    grid_rows = [
        grid_row(
            project,
            measures,
            period,
            frequency=frequency,
            end=end,
            points=points,
            state=(states or {}).get(period),
            rows=rows,
        )
        for period in periods
    ]
    later = min(p.shift(end, frequency, rows), last)
    return {
        **navigation(project, frequency, end, rows, go_to),
        "due": due_summary(project, measures, frequency, today) if editable else [],
        "closed_text": closed_text(project),
        "project": project,
        "editable": editable,
        "frequency": frequency,
        "noun": NOUNS[frequency],
        "columns": [column(m) for m in measures],
        "rows": grid_rows,
        "heading": f"{'Enter ' if editable else ''}{NOUNS[frequency]}ly data".capitalize(),
        "events_link": "Record an event" if editable else "Events",
        "charts": chart_blocks(measures),
        "has_errors": any(r["errors"] for r in grid_rows),
        "frequency_links": [
            {
                "text": f"{NOUNS[f].capitalize()}ly measures",
                "href": grid_href(project.pk, f),
                "current": f == frequency,
            }
            for f in frequencies(project)
        ],
        "earlier_href": grid_href(project.pk, frequency, p.shift(periods[-1], frequency, -1), rows),
        "later_href": grid_href(project.pk, frequency, later, rows) if end < last else "",
        "range_text": f"{period_label(periods[-1], frequency)} to "
        f"{period_label(periods[0], frequency)}",
        "event_measures": [
            {"name": m.name, "href": reverse("measurement:event_entry", args=[m.pk])}
            for m in project.measures.filter(data_type=DataType.EVENTS).order_by("name")
        ],
    }


def navigation(project: Project, frequency: str, end: date, rows: int, go_to: dict | None) -> dict:
    """The 'Go to' form: a date, how many rows, and the problem with a date typed (if any)."""
    go_to = go_to or {}
    return {
        "go_to": {
            "action": reverse("measurement:project_grid", args=[project.pk]),
            "frequency": frequency,
            "value": go_to.get("value") or end.isoformat(),
            "error": go_to.get("error", ""),
            "hint": f"Any day: the grid shows the {NOUNS[frequency]} it falls in, with the "
            f"{NOUNS[frequency]}s around it",
            "rows": [
                {"value": str(n), "text": f"{n} {NOUNS[frequency]}s", "selected": n == rows}
                for n in ROW_CHOICES
            ],
        },
        "row_count": rows,
    }


def due_summary(project: Project, measures: list[Measure], frequency: str, today: date) -> list:
    """Each measure's periods still to enter, for a project that still asks for data."""
    if not asks_for_data(project) or not measures:
        return []
    last_entered = dict(
        DataPoint.objects.filter(measure__in=[m.pk for m in measures])
        .values("measure")
        .annotate(last=Max("period"))
        .values_list("measure", "last")
    )
    summary = []
    for measure in measures:
        due = due_for(project, frequency, last_entered.get(measure.pk), today)
        detail = due.since_text()
        summary.append(
            {"name": measure.name, "text": due.text() + (f". {detail}" if detail else "")}
        )
    return summary
