"""The chart's data as rows for an accessible table, every cell already a display string."""

from __future__ import annotations

from datetime import date

from core.wording import short_date
from measurement.spc.types import Analysis, PointResult

from .spec import ChartSpec, NoteMarker
from .wording import POINT_TYPE_WORDS, ValueFormat, signal_words, value_format

VALUE_LABELS = {"g": "Opportunities since previous event", "t": "Days since previous event"}
CENTRE_LABELS = {"run": "Median", "g": "Median", "xmr": "Mean", "c": "Mean", "t": "Mean"}


def table_headers(analysis: Analysis, spec: ChartSpec | None = None) -> list[dict]:
    """Columns as {"key", "label", "numeric"}; keys match the rows of `data_table`.

    With a spec whose notes fall on charted points, a Notes column numbers them as the chart does.
    """
    settings = analysis.settings
    period = "Event date" if settings.data_type == "events" else "Period"
    columns = [("period", period, False)]
    if any(p.denominator is not None for p in analysis.points):
        columns += [("numerator", "Numerator", True), ("denominator", "Denominator", True)]
    columns.append(("value", VALUE_LABELS.get(settings.chart, "Value"), True))
    columns.append(("centre", CENTRE_LABELS.get(settings.chart, "Centre line"), True))
    if settings.chart != "run":
        columns += [("lower", "Lower limit", True), ("upper", "Upper limit", True)]
    if len({p.phase for p in analysis.points}) > 1 or settings.phases:
        columns.append(("phase", "Phase", True))
    if settings.baseline_points:
        columns.append(("baseline", "In baseline", False))
    columns.append(("signals", "Signals", False))
    if settings.rules == "mdc":
        columns.append(("point_type", "Variation", False))
    if spec is not None and _notes_by_period(analysis, spec):
        columns.append(("notes", "Notes", False))
    return [{"key": key, "label": label, "numeric": numeric} for key, label, numeric in columns]


def data_table(analysis: Analysis, spec: ChartSpec) -> list[dict]:
    """One row per point, oldest first, holding exactly the keys of `table_headers`."""
    keys = [column["key"] for column in table_headers(analysis, spec)]
    fmt = value_format(analysis, spec)
    notes = _notes_by_period(analysis, spec)
    rows = []
    for point in analysis.points:
        cells = {**_cells(point, fmt), "notes": _note_cell(notes.get(point.period, []))}
        rows.append({key: cell for key, cell in cells.items() if key in keys})
    return rows


def _notes_by_period(analysis: Analysis, spec: ChartSpec) -> dict[date, list[NoteMarker]]:
    charted = {point.period for point in analysis.points}
    found: dict[date, list[NoteMarker]] = {}
    for note in spec.notes:
        if note.period in charted:
            found.setdefault(note.period, []).append(note)
    return found


def _note_cell(notes: list[NoteMarker]) -> str:
    """ "1. New rota (Ann Smith, 2 Dec 2026)", one per note, numbered as on the chart."""
    return "\n".join(f"{n.number}. {n.text}{_written(n)}" for n in notes)


def _written(note: NoteMarker) -> str:
    who = [part for part in (note.by, note.on and short_date(note.on)) if part]
    return f" ({', '.join(who)})" if who else ""


def _cells(point: PointResult, fmt: ValueFormat) -> dict[str, str]:
    return {
        "period": short_date(point.period),
        "numerator": _plain(point.numerator),
        "denominator": _plain(point.denominator),
        "value": fmt.value(point.value),
        "centre": fmt(point.centre),
        "lower": fmt(point.lower),
        "upper": fmt(point.upper),
        "phase": str(point.phase),
        "baseline": "Yes" if point.baseline else "No",
        "signals": signal_words(point.signals) or "None",
        "point_type": POINT_TYPE_WORDS.get(point.point_type or "", ""),
    }


def _plain(number: float | None) -> str:
    if number is None:
        return ""
    return f"{number:,.0f}" if float(number).is_integer() else f"{number:,}"
