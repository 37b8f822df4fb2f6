"""Display values for data entry: the user's measures, the project grid, its rows and charts.

Templates only loop over what this module returns: labels, input names and ids, prefilled
values, error and warning sentences, chart addresses and summaries.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from markupsafe import Markup

from measurement import csv_import
from measurement import periods as p
from measurement.analysis import analyse_measure
from measurement.charting import chart_spec, pdsa_markers
from measurement.charts.summary import NO_DATA, text_summary
from measurement.charts.wording import MONTHS, long_date, short_date, value_format
from measurement.entry_rules import VALUE_FIELDS, CleanPoint, Problem
from measurement.models import DataType, Measure
from measurement.signals import VARIATION_NAMES
from projects.models import Project, ProjectStatus
from regions import access

GRID_ROWS = 12
NOUNS = {p.WEEKLY: "week", p.MONTHLY: "month"}
RATIO_HINTS = {DataType.PROPORTION: "Numerator above denominator",
               DataType.RATE: "Events above exposure"}


def period_label(period: date, frequency: str) -> str:
    """'6 Jan 2025' for a week, 'January 2025' for a month."""
    if frequency == p.MONTHLY:
        return f"{MONTHS[period.month - 1]} {period.year}"
    return short_date(period)


def period_phrase(period: date, frequency: str) -> str:
    noun = "week of" if frequency == p.WEEKLY else "month of"
    return f"{noun} {period_label(period, frequency)}"


def grid_href(project_pk: int, frequency: str = p.WEEKLY, end: date | None = None) -> str:
    query = {"frequency": frequency} if frequency != p.WEEKLY else {}
    if end:
        query["end"] = end.isoformat()
    base = reverse("measurement:project_grid", args=[project_pk])
    return f"{base}?{urlencode(query)}" if query else base


def count_word(n: int, noun: str) -> str:
    """'1 week', '1,204 days'."""
    return f"{n:,} {noun if n == 1 else noun + 's'}"


def import_summary_text(created: int, updated: int, unchanged: int, frequency: str) -> str:
    """'12 weeks added, 3 corrected, 5 unchanged'."""
    noun = NOUNS[frequency]
    return (f"{count_word(created, noun)} added, {updated} corrected, "
            f"{unchanged} unchanged")


# Charts beside the grid -----------------------------------------------------------------


def chart_block(measure: Measure, analysis, markers) -> dict:
    spec = chart_spec(measure, markers)
    chart = reverse("measurement:measure_chart", args=[measure.pk, "svg"])
    return {
        "id": f"chart-{measure.pk}",
        "name": measure.name,
        "href": measure.get_absolute_url(),
        "src": f"{chart}?v={measure.data_version}",
        "alt": f"{measure.get_chart_display()} of {measure.name}; its summary follows.",
        "summary": text_summary(analysis, spec) if analysis else NO_DATA,
        "summary_id": f"chart-summary-{measure.pk}",
    }


def chart_blocks(measures: list[Measure]) -> list[dict]:
    """Each measure's chart and summary; the measures share a project, so its PDSA markers."""
    markers = pdsa_markers(measures[0]) if measures else ()
    return [chart_block(m, analyse_measure(m), markers) for m in measures]


# The far-outside check before saving ------------------------------------------------------


def plotted(point: CleanPoint) -> float:
    return point.value if point.value is not None else point.numerator / point.denominator


def outlier_warning(measure: Measure, analysis, point: CleanPoint) -> str:
    """A sentence when the value lies more than one limit-width beyond the last phase's limits
    (run charts: above three times the median); empty when it looks ordinary."""
    if analysis is None or not analysis.points:
        return ""
    value, last = plotted(point), analysis.points[-1]
    fmt = value_format(analysis, chart_spec(measure, ()))
    shown = f"“{measure.name}”: {fmt.value(value)}"
    if _finite(last.upper, last.lower):
        width = last.upper - last.lower
        if width > 0 and value > last.upper + width:
            return f"{shown} is far above the chart's upper limit ({fmt(last.upper)})"
        if width > 0 and value < last.lower - width:
            return f"{shown} is far below the chart's lower limit ({fmt(last.lower)})"
    elif _finite(last.centre) and last.upper is None and 0 < 3 * last.centre < value:
        return f"{shown} is more than three times the median ({fmt(last.centre)})"
    return ""


def _finite(*numbers) -> bool:
    return all(n is not None and math.isfinite(n) for n in numbers)


def confirm_token(points: dict[int, CleanPoint]) -> str:
    """Names the values a person confirmed, so a changed value is checked again."""
    return ";".join(f"{pk}={points[pk].value}|{points[pk].numerator}|{points[pk].denominator}"
                    for pk in sorted(points))


# One row of the grid ------------------------------------------------------------------------


@dataclass
class RowState:
    """What happened to a row just posted: typed values, problems, warnings or a save."""

    posted: dict[str, str] = field(default_factory=dict)
    problems: dict[int, list[Problem]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    confirm: str = ""
    saved: str = ""
    notice: str = ""


def input_id(measure_pk: int, name: str, period: date) -> str:
    return f"m{measure_pk}-{name}-{period.isoformat()}"


def field_name(measure_pk: int, name: str) -> str:
    return f"m{measure_pk}-{name}"


def _shown(number: float | None) -> str:
    """A stored number as typed: 12, 0.25, 1400000 (never 1.4e+06, which would not re-save)."""
    if number is None:
        return ""
    return str(int(number)) if number.is_integer() else repr(number)


# Visible words beside a ratio's two boxes, so nobody has to remember which is which.
SHORT_LABELS = {
    ("proportion", "numerator"): "Count", ("proportion", "denominator"): "Out of",
    ("rate", "numerator"): "Events", ("rate", "denominator"): "Exposure",
}


def _visible_short_label(full: str, short: str | None) -> Markup | None:
    """Shows the short word; screen readers hear the full label."""
    if not short:
        return None
    return Markup('<span class="nhsuk-u-visually-hidden">{} (</span>{}'
                  '<span class="nhsuk-u-visually-hidden">)</span>').format(full, short)


def _cell(measure: Measure, period: date, frequency: str, point, state: RowState) -> dict:
    problems = {pr.field: pr for pr in state.problems.get(measure.pk, [])}
    inputs = []
    for name in VALUE_FIELDS[measure.data_type]:
        key = field_name(measure.pk, name)
        value = state.posted[key] if key in state.posted else _shown(getattr(point, name, None))
        problem = problems.get(name)
        which = "" if name == "value" else f", {name}"
        inputs.append({
            "id": input_id(measure.pk, name, period), "name": key, "value": value,
            "label": f"{measure.name}{which}, {period_phrase(period, frequency)}",
            "label_html": _visible_short_label(
                f"{measure.name}{which}, {period_phrase(period, frequency)}",
                SHORT_LABELS.get((measure.data_type, name))),
            "error": csv_import.problem_message(problem) if problem else "",
            "error_hidden": f"Error in “{measure.name}”", "measure": measure.name,
        })
    text = " / ".join(i["value"] for i in inputs) if point is not None else "–"
    return {"measure_pk": measure.pk, "inputs": inputs, "text": text}


def grid_row(project: Project, measures: list[Measure], period: date, *, frequency: str,
             end: date, points: dict, state: RowState | None = None) -> dict:
    state = state or RowState()
    iso, phrase = period.isoformat(), period_phrase(period, frequency)
    cells = [_cell(m, period, frequency, points.get((m.pk, period)), state) for m in measures]
    errors = [{"text": f"{i['measure']}: {i['error']}", "href": f"#{i['id']}"}
              for c in cells for i in c["inputs"] if i["error"]]
    return {
        "id": f"period-{iso}", "form_id": f"row-{iso}", "iso": iso,
        "label": period_label(period, frequency), "phrase": phrase,
        "action": reverse("measurement:grid_row_save", args=[project.pk, iso]),
        "frequency": frequency, "end": end.isoformat(), "cells": cells,
        "errors": errors, "error_title": f"There is a problem with the {phrase}",
        "warnings": state.warnings, "confirm": state.confirm,
        "saved": state.saved, "notice": state.notice, "columns": len(measures) + 2,
    }


def point_map(measures: list[Measure], periods: list[date]) -> dict:
    """(measure id, period) -> data point, from each measure's prefetched points."""
    wanted = set(periods)
    return {(m.pk, pt.period): pt for m in measures for pt in m.data_points.all()
            if pt.period in wanted}


# The grid page ----------------------------------------------------------------------------


def grid_measures(project: Project, frequency: str) -> list[Measure]:
    """The project's measures entered per period at this frequency, with what charts need."""
    return list(project.measures.exclude(data_type=DataType.EVENTS)
                .filter(frequency=frequency).order_by("name")
                .prefetch_related("data_points", "rebases"))


def frequencies(project: Project) -> list[str]:
    found = set(project.measures.exclude(data_type=DataType.EVENTS)
                .values_list("frequency", flat=True))
    return [f for f in (p.WEEKLY, p.MONTHLY) if f in found]


def column(measure: Measure) -> dict:
    hint = RATIO_HINTS.get(measure.data_type) or (measure.unit and f"In {measure.unit}") or ""
    return {"name": measure.name, "hint": hint, "href": measure.get_absolute_url()}


def grid_context(project: Project, *, frequency: str, end: date, today: date, editable: bool,
                 states: dict[date, RowState] | None = None) -> dict:
    measures = grid_measures(project, frequency)
    last = p.last_complete_period(today, frequency)
    periods = p.last_periods(end, frequency, GRID_ROWS)
    points = point_map(measures, periods)
    rows = [grid_row(project, measures, period, frequency=frequency, end=end, points=points,
                     state=(states or {}).get(period)) for period in periods]
    later = min(p.shift(end, frequency, GRID_ROWS), last)
    return {
        "project": project, "editable": editable, "frequency": frequency,
        "noun": NOUNS[frequency], "columns": [column(m) for m in measures], "rows": rows,
        "heading": f"{'Enter ' if editable else ''}{NOUNS[frequency]}ly data".capitalize(),
        "events_link": "Record an event" if editable else "Events",
        "charts": chart_blocks(measures),
        "has_errors": any(r["errors"] for r in rows),
        "frequency_links": [
            {"text": f"{NOUNS[f].capitalize()}ly measures", "href": grid_href(project.pk, f),
             "current": f == frequency} for f in frequencies(project)],
        "earlier_href": grid_href(project.pk, frequency, p.shift(periods[-1], frequency, -1)),
        "later_href": grid_href(project.pk, frequency, later) if end < last else "",
        "range_text": f"{period_label(periods[-1], frequency)} to "
                      f"{period_label(periods[0], frequency)}",
        "event_measures": [
            {"name": m.name, "href": reverse("measurement:event_entry", args=[m.pk])}
            for m in project.measures.filter(data_type=DataType.EVENTS).order_by("name")],
    }


# My measures ------------------------------------------------------------------------------

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
    window = p.shift(p.last_complete_period(today, measure.frequency), measure.frequency,
                     -(DUE_WINDOW - 1))
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
        "todo": f"{count_word(len(missing), noun)} to enter" if missing else "Up to date",
        "todo_list": shown,
        "todo_more": f"and {len(missing) - len(shown)} earlier" if len(missing) > len(shown)
        else "",
        "links": [
            _link("Enter in the grid", grid_href(measure.project_id, frequency), measure),
            _link("Upload a CSV file", reverse("measurement:csv_upload", args=[measure.pk]),
                  measure),
        ],
    }


def _events_row(measure: Measure, last: date | None, today: date) -> dict:
    days = (today - last).days if last else None
    return {
        "latest": short_date(last) if last else "No events recorded",
        "todo": count_word(days, "day") + " since the last event" if last else "",
        "todo_list": [], "todo_more": "",
        "links": [_link("Record an event", reverse("measurement:event_entry", args=[measure.pk]),
                        measure)],
    }


def _link(text: str, href: str, measure: Measure) -> dict:
    return {"text": text, "href": href, "hidden": f" for “{measure.name}”"}


def my_measure_groups(measures: list[Measure], entered: dict[int, set[date]],
                      last_events: dict[int, date], today: date) -> list[dict]:
    """The measures grouped by project, each with what is still to enter."""
    groups: dict[int, dict] = {}
    for measure in measures:
        project = measure.project
        group = groups.setdefault(project.pk, {
            "title": project.title, "href": project.get_absolute_url(), "rows": [],
            "grid_href": grid_href(project.pk)})
        if measure.data_type == DataType.EVENTS:
            row = _events_row(measure, last_events.get(measure.pk), today)
        else:
            row = _value_row(measure, entered.get(measure.pk, set()), today)
        row.update(name=measure.name, href=measure.get_absolute_url(),
                   frequency="Dated events" if measure.data_type == DataType.EVENTS
                   else measure.frequency.capitalize(),
                   variation=VARIATION_NAMES.get(measure.variation, measure.variation))
        group["rows"].append(row)
    return list(groups.values())


# Rare events ------------------------------------------------------------------------------


def events_context(measure: Measure, days_since: int | None, editable: bool) -> dict:
    events = list(measure.events.select_related("recorded_by").order_by("-date"))
    counted = measure.chart == "g"
    return {
        "measure": measure, "project": measure.project, "editable": editable,
        "counted": counted,
        "days_text": count_word(days_since, "day") if days_since is not None else "",
        "last_text": f"The last event was on {long_date(events[0].date)}." if events else "",
        "events": [{
            "date": long_date(e.date), "iso": e.date.isoformat(),
            "opportunities": f"{e.opportunities_since_previous:,}"
            if e.opportunities_since_previous is not None else "–",
            "recorded_by": (e.recorded_by.get_full_name() or e.recorded_by.username)
            if e.recorded_by else "–",
        } for e in events],
    }


def my_measures_context(user, today: date) -> dict:
    editable = access.measures_editable_by(user)
    measures = list(editable.select_related("project").order_by("project__title", "name"))
    entered: dict[int, set[date]] = defaultdict(set)
    points = access.data_points_editable_by(user).exclude(measure__data_type=DataType.EVENTS)
    for pk, period in points.values_list("measure_id", "period"):
        entered[pk].add(period)
    last_events = dict(access.events_editable_by(user).values("measure")
                       .annotate(last=Max("date")).values_list("measure", "last"))
    return {"groups": my_measure_groups(measures, entered, last_events, today)}


# CSV upload -------------------------------------------------------------------------------


def upload_context(measure: Measure, form, report: list) -> dict:
    noun = NOUNS[measure.frequency]
    starts = "the Monday the week starts" if noun == "week" else "the 1st of the month"
    rules = [f"the period as a date like 2025-01-06 ({starts}), not in the future",
             "numbers only, none below zero"
             + (", and the numerator no more than the denominator"
                if measure.data_type == DataType.PROPORTION else ""),
             "up to 2 MB and 10,000 rows, saved as CSV UTF-8"]
    return {
        "measure": measure, "project": measure.project, "form": form, "report": report,
        "csv_header": csv_import.header_for(measure.data_type), "noun": noun, "rules": rules,
        "template_href": reverse("measurement:csv_template", args=[measure.pk]),
        "grid_href": grid_href(measure.project_id, measure.frequency),
    }
