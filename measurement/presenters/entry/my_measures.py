"""My measures: the user's measures by project, each with the periods still to enter (see
`due`: since the project's start or the last entry, capped; none for a closed project)."""

from datetime import date

from django.db.models import Max
from django.urls import reverse

from core.wording import plural, short_date
from measurement import access
from measurement.models import DataType, Measure
from measurement.presenters.entry.due import asks_for_data, closed_text, due_for
from measurement.presenters.entry.grid import grid_href
from measurement.presenters.entry.wording import period_label
from measurement.readings import VARIATION_NAMES

MISSING_SHOWN = 3


def _value_row(measure: Measure, last: date | None, today: date) -> dict:
    frequency = measure.frequency
    due = due_for(measure.project, frequency, last, today)
    shown = [] if due.capped else [period_label(x, frequency) for x in due.newest[:MISSING_SHOWN]]
    more = due.count - len(shown)
    return {
        "latest": period_label(last, frequency) if last else "None yet",
        "todo": due.text() if asks_for_data(measure.project) else "No longer asked for",
        "todo_list": shown,
        "todo_more": due.since_text() or (f"and {more} earlier" if shown and more > 0 else ""),
        "links": [
            _link(
                "Enter in the grid" if asks_for_data(measure.project) else "Correct in the grid",
                grid_href(measure.project_id, frequency),
                measure,
            ),
            _link(
                "Upload a CSV file", reverse("measurement:csv_upload", args=[measure.pk]), measure
            ),
        ],
    }


def _events_row(measure: Measure, last: date | None, today: date) -> dict:
    days = (today - last).days if last else None
    return {
        "latest": short_date(last) if last else "No events recorded",
        "todo": plural(days, "day") + " since the last event" if last else "",
        "todo_list": [],
        "todo_more": "",
        "links": [
            _link("Record an event", reverse("measurement:event_entry", args=[measure.pk]), measure)
        ],
    }


def _link(text: str, href: str, measure: Measure) -> dict:
    return {"text": text, "href": href, "hidden": f" for “{measure.name}”"}


def my_measure_groups(
    measures: list[Measure],
    last_entered: dict[int, date],
    last_events: dict[int, date],
    today: date,
) -> list[dict]:
    """The measures grouped by project, each with what is still to enter; the projects that
    still ask for data first, then the completed and stopped ones."""
    groups: dict[int, dict] = {}
    for measure in measures:
        project = measure.project
        group = groups.setdefault(
            project.pk,
            {
                "title": project.title,
                "href": project.get_absolute_url(),
                "rows": [],
                "grid_href": grid_href(project.pk),
                "grid_text": "Enter data in the grid"
                if asks_for_data(project)
                else "Correct past data in the grid",
                "closed_text": closed_text(project),
            },
        )
        if measure.data_type == DataType.EVENTS:
            row = _events_row(measure, last_events.get(measure.pk), today)
        else:
            row = _value_row(measure, last_entered.get(measure.pk), today)
        row.update(
            name=measure.name,
            href=measure.get_absolute_url(),
            frequency="Dated events"
            if measure.data_type == DataType.EVENTS
            else measure.frequency.capitalize(),
            variation=VARIATION_NAMES.get(measure.variation, measure.variation),
        )
        group["rows"].append(row)
    return sorted(groups.values(), key=lambda group: bool(group["closed_text"]))


def my_measures_context(user, today: date) -> dict:
    editable = access.measures_editable_by(user)
    measures = list(editable.select_related("project").order_by("project__title", "name"))
    points = access.data_points_editable_by(user).exclude(measure__data_type=DataType.EVENTS)
    last_entered = dict(
        points.values("measure").annotate(last=Max("period")).values_list("measure", "last")
    )
    last_events = dict(
        access.events_editable_by(user)
        .values("measure")
        .annotate(last=Max("date"))
        .values_list("measure", "last")
    )
    return {"groups": my_measure_groups(measures, last_entered, last_events, today)}
