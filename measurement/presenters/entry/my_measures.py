"""My measures: the user's measures by project, each with the periods still to enter."""

from collections import defaultdict
from datetime import date

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from core.wording import plural, short_date
from measurement import access
from measurement import periods as p
from measurement.models import DataType, Measure
from measurement.presenters.entry.grid import grid_href
from measurement.presenters.entry.wording import NOUNS, period_label
from measurement.readings import VARIATION_NAMES
from projects.models import Project, ProjectStatus

MISSING_SHOWN = 3


def _project_end(project: Project) -> date | None:
    """Data is not expected after a project completes or stops."""
    if project.status == ProjectStatus.COMPLETED:
        return project.completed_on or project.status_since
    return project.status_since if project.status == ProjectStatus.STOPPED else None


DUE_WINDOW = 12  # the periods a team is asked about: the grid's own span


def missing_for(measure: Measure, entered: set[date], today: date) -> list[date]:
    """Periods still to enter among the last DUE_WINDOW complete ones (older gaps are history,
    not a to-do list)."""
    since = min(entered) if entered else timezone.localtime(measure.created_at).date()
    window = p.shift(
        p.last_complete_period(today, measure.frequency), measure.frequency, -(DUE_WINDOW - 1)
    )
    since = max(since, window)
    missing = p.missing_periods(entered, since, today, measure.frequency)
    end = _project_end(measure.project)
    return [period for period in missing if end is None or period <= end]


def _value_row(measure: Measure, entered: set[date], today: date) -> dict:
    frequency, noun = measure.frequency, NOUNS[measure.frequency]
    missing = missing_for(measure, entered, today)
    shown = [period_label(x, frequency) for x in reversed(missing[-MISSING_SHOWN:])]
    return {
        "latest": period_label(max(entered), frequency) if entered else "None yet",
        "todo": f"{plural(len(missing), noun)} to enter" if missing else "Up to date",
        "todo_list": shown,
        "todo_more": f"and {len(missing) - len(shown)} earlier"
        if len(missing) > len(shown)
        else "",
        "links": [
            _link("Enter in the grid", grid_href(measure.project_id, frequency), measure),
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
    entered: dict[int, set[date]],
    last_events: dict[int, date],
    today: date,
) -> list[dict]:
    """The measures grouped by project, each with what is still to enter."""
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
            },
        )
        if measure.data_type == DataType.EVENTS:
            row = _events_row(measure, last_events.get(measure.pk), today)
        else:
            row = _value_row(measure, entered.get(measure.pk, set()), today)
        row.update(
            name=measure.name,
            href=measure.get_absolute_url(),
            frequency="Dated events"
            if measure.data_type == DataType.EVENTS
            else measure.frequency.capitalize(),
            variation=VARIATION_NAMES.get(measure.variation, measure.variation),
        )
        group["rows"].append(row)
    return list(groups.values())


def my_measures_context(user, today: date) -> dict:
    editable = access.measures_editable_by(user)
    measures = list(editable.select_related("project").order_by("project__title", "name"))
    entered: dict[int, set[date]] = defaultdict(set)
    points = access.data_points_editable_by(user).exclude(measure__data_type=DataType.EVENTS)
    for pk, period in points.values_list("measure_id", "period"):
        entered[pk].add(period)
    last_events = dict(
        access.events_editable_by(user)
        .values("measure")
        .annotate(last=Max("date"))
        .values_list("measure", "last")
    )
    return {"groups": my_measure_groups(measures, entered, last_events, today)}
