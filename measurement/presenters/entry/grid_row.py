"""One row of the grid: a period's inputs for every measure, with what was just posted
(values, problems, warnings, a save)."""

from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse
from markupsafe import Markup

from measurement import csv_import
from measurement.entry_rules import VALUE_FIELDS, Problem
from measurement.models import DataPoint, Measure
from measurement.presenters.entry.wording import period_label, period_phrase
from projects.models import Project


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
    ("proportion", "numerator"): "Count",
    ("proportion", "denominator"): "Out of",
    ("rate", "numerator"): "Events",
    ("rate", "denominator"): "Exposure",
}


def _visible_short_label(full: str, short: str | None) -> Markup | None:
    """Shows the short word; screen readers hear the full label."""
    if not short:
        return None
    return Markup(
        '<span class="nhsuk-u-visually-hidden">{} (</span>{}'
        '<span class="nhsuk-u-visually-hidden">)</span>'
    ).format(full, short)


def _cell(measure: Measure, period: date, frequency: str, point, state: RowState) -> dict:
    problems = {pr.field: pr for pr in state.problems.get(measure.pk, [])}
    inputs = []
    for name in VALUE_FIELDS[measure.data_type]:
        key = field_name(measure.pk, name)
        value = state.posted[key] if key in state.posted else _shown(getattr(point, name, None))
        problem = problems.get(name)
        which = "" if name == "value" else f", {name}"
        inputs.append(
            {
                "id": input_id(measure.pk, name, period),
                "name": key,
                "value": value,
                "label": f"{measure.name}{which}, {period_phrase(period, frequency)}",
                "label_html": _visible_short_label(
                    f"{measure.name}{which}, {period_phrase(period, frequency)}",
                    SHORT_LABELS.get((measure.data_type, name)),
                ),
                "error": csv_import.problem_message(problem) if problem else "",
                "error_hidden": f"Error in “{measure.name}”",
                "measure": measure.name,
            }
        )
    text = " / ".join(i["value"] for i in inputs) if point is not None else "–"
    return {"measure_pk": measure.pk, "heading": measure.name, "inputs": inputs, "text": text}


def grid_row(
    project: Project,
    measures: list[Measure],
    period: date,
    *,
    frequency: str,
    end: date,
    points: dict,
    state: RowState | None = None,
    rows: int = 12,
) -> dict:
    state = state or RowState()
    iso, phrase = period.isoformat(), period_phrase(period, frequency)
    cells = [_cell(m, period, frequency, points.get((m.pk, period)), state) for m in measures]
    errors = [
        {"text": f"{i['measure']}: {i['error']}", "href": f"#{i['id']}"}
        for c in cells
        for i in c["inputs"]
        if i["error"]
    ]
    return {
        "id": f"period-{iso}",
        "form_id": f"row-{iso}",
        "iso": iso,
        "label": period_label(period, frequency),
        "phrase": phrase,
        "action": reverse("measurement:grid_row_save", args=[project.pk, iso]),
        "frequency": frequency,
        "end": end.isoformat(),
        "row_count": rows,
        "cells": cells,
        "errors": errors,
        "error_title": f"There is a problem with the {phrase}",
        "warnings": state.warnings,
        "confirm": state.confirm,
        "saved": state.saved,
        "notice": state.notice,
        "columns": len(measures) + 2,
    }


@dataclass(frozen=True)
class Shown:
    """A stored value as a grid cell shows it."""

    value: float | None
    numerator: float | None
    denominator: float | None


def point_map(measures: list[Measure], periods: list[date]) -> dict:
    """(measure id, period) -> the stored values of just the periods on screen, in one query."""
    rows = DataPoint.objects.filter(
        measure__in=[m.pk for m in measures], period__in=periods
    ).values_list("measure_id", "period", "value", "numerator", "denominator")
    return {(measure_id, period): Shown(*values) for measure_id, period, *values in rows}
