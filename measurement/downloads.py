"""A measure's data as CSV and XLSX files: every point (or event) in order with its phase, the
chart's centre line and limits there, its signals in words and the notes on it.

The CSV holds the data table alone, so it opens as one table; the workbook adds sheets saying
what the measure is (its definition, unit, chart and rules), its phases with their reasons and
its notes. The measure page and the API serve the same files (`download_response`). Reading
takes one query per kind (phases, points or events, notes) however long the series.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font

from measurement import spc
from measurement.analysis import Inputs, analyse_inputs, settings_for
from measurement.charts.table import CENTRE_LABELS, VALUE_LABELS
from measurement.charts.wording import POINT_TYPE_WORDS, signal_words
from measurement.models import DataPoint, DataType, Event, Measure, Rebase
from measurement.presenters.chart import target_text
from measurement.presenters.notes import NumberedNote, numbered_notes
from measurement.presenters.phases import person
from measurement.readings import ASSURANCE_NAMES, VARIATION_NAMES

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# A spreadsheet takes a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "d mmm yyyy"
DECIMALS = 6  # enough for any display; drops float noise such as 85.00000000000001
FIRST_PHASE_REASON = "The first phase, from the first point"


@dataclass(frozen=True)
class Download:
    """Plain rows for both files: the data table and the workbook's other sheets."""

    stem: str  # the file name before ".csv": "falls-with-harm-data"
    table: list[list]  # headings, then one row per point or event
    about: list[list]
    phases: list[list]
    notes: list[list]


@dataclass(frozen=True)
class _Read:
    rebases: list[Rebase]
    rows: list[tuple]  # (period, value, numerator, denominator) or (date, opportunities)
    notes: list[NumberedNote]


def measure_download(measure: Measure) -> Download:
    """Everything both files hold, read in three queries."""
    read = _read(measure)
    analysis, problem = _analyse(measure, read)
    points = {point.period: point for point in analysis.points} if analysis else {}
    return Download(
        stem=f"{slugify(measure.name)[:80] or f'measure-{measure.pk}'}-data",
        table=[_headings(measure, read), *_table_rows(measure, read, points)],
        about=_about(measure, problem),
        phases=_phase_rows(read),
        notes=_note_rows(read.notes),
    )


def _read(measure: Measure) -> _Read:
    rebases = list(
        Rebase.objects.filter(measure=measure).select_related("created_by").order_by("start")
    )
    if measure.data_type == DataType.EVENTS:
        rows = Event.objects.filter(measure=measure).order_by("date")
        rows = list(rows.values_list("date", "opportunities_since_previous"))
    else:
        rows = DataPoint.objects.filter(measure=measure).order_by("period")
        rows = list(rows.values_list("period", "value", "numerator", "denominator"))
    return _Read(rebases, rows, numbered_notes(measure))


def _analyse(measure: Measure, read: _Read) -> tuple[spc.Analysis | None, str]:
    """The analysis the measure page draws, from the rows already read; a stored value the
    chart cannot take leaves the chart's columns blank and says why."""
    events = measure.data_type == DataType.EVENTS
    inputs = Inputs(
        settings_for(measure, read.rebases),
        observations=() if events else tuple(spc.Observation(*row) for row in read.rows),
        events=tuple(spc.Event(*row) for row in read.rows) if events else (),
    )
    try:
        return analyse_inputs(inputs), ""
    except spc.InvalidData as error:
        return None, f"The stored data cannot be charted: {error}"


def _has_counts(measure: Measure, read: _Read) -> bool:
    if measure.data_type == DataType.EVENTS:
        return False
    return measure.data_type in (DataType.PROPORTION, DataType.RATE) or any(
        row[3] is not None for row in read.rows
    )


def _headings(measure: Measure, read: _Read) -> list[str]:
    unit = f" ({measure.unit})" if measure.unit else ""
    if measure.data_type == DataType.EVENTS:
        headings = ["Event date", VALUE_LABELS.get(measure.chart, "Value")]
    else:
        headings = ["Period", f"Value{unit}"]
    if _has_counts(measure, read):
        headings += ["Numerator", "Denominator"]
    headings += ["Phase", "Phase starts", "Phase reason"]
    headings.append(CENTRE_LABELS.get(measure.chart, "Centre line") + unit)
    if measure.chart != "run":
        headings += [f"Lower limit{unit}", f"Upper limit{unit}"]
    headings.append("Signals")
    if measure.rules == "mdc":
        headings.append("Variation")
    return [*headings, "Notes"]


def _table_rows(measure: Measure, read: _Read, points: dict) -> list[list]:
    notes: dict[date, list[NumberedNote]] = {}
    for note in read.notes:
        notes.setdefault(note.period, []).append(note)
    first = read.rows[0][0] if read.rows else None
    scale = _scaled(measure.multiplier)
    counts = _has_counts(measure, read)
    rows = []
    for row in read.rows:
        day, point = row[0], points.get(row[0])
        cells = [day, _value(measure, row, point, scale)]
        if counts:
            cells += [row[2], row[3]]
        cells += _phase_cells(read.rebases, day, first)
        cells += _chart_cells(measure, point, scale)
        rows.append([*cells, _note_cell(notes.get(day, []))])
    return rows


def _scaled(multiplier: float):
    def scale(number: float | None) -> float | None:
        return None if number is None else round(number * multiplier, DECIMALS)

    return scale


def _value(measure: Measure, row: tuple, point, scale) -> float | None:
    if measure.data_type == DataType.EVENTS:  # days or opportunities since the previous event
        return scale(point.value if point else row[1])
    _, value, numerator, denominator = row
    if value is None and numerator is not None and denominator:
        value = numerator / denominator
    return scale(value)


def _phase_cells(rebases: list[Rebase], day: date, first: date | None) -> list:
    """The phase as the page's Phases section numbers it: 1 from the first point, then one
    for each new phase started on or before this point."""
    started = [rebase for rebase in rebases if rebase.start <= day]
    if not started:
        return [1, first, ""]
    return [len(started) + 1, started[-1].start, started[-1].reason]


def _chart_cells(measure: Measure, point, scale) -> list:
    limits = measure.chart != "run"
    if point is None:  # not charted: the first event, or data the chart cannot take
        return [None] * (4 if limits else 2) + ([""] if measure.rules == "mdc" else [])
    cells = [scale(point.centre)]
    if limits:
        cells += [scale(point.lower), scale(point.upper)]
    cells.append(signal_words(point.signals) or "None")
    if measure.rules == "mdc":
        cells.append(POINT_TYPE_WORDS.get(point.point_type or "", ""))
    return cells


def _note_cell(notes: list[NumberedNote]) -> str:
    """'1. New rota (Ann Smith, 2 Dec 2026)', one a line, numbered as on the chart."""
    return "\n".join(f"{n.number}. {n.text} ({n.by}, {n.at:%-d %b %Y})" for n in notes)


def _about(measure: Measure, problem: str) -> list[list]:
    rows = [
        ["About this measure", ""],
        ["Measure", measure.name],
        ["Project", measure.project.title],
        ["Kind", measure.get_kind_display()],
        ["Definition", measure.definition or "Not written yet"],
        ["Includes", measure.inclusions],
        ["Excludes", measure.exclusions],
        ["Data source", measure.data_source],
        ["Unit", measure.unit or "None"],
        ["Values shown multiplied by", measure.multiplier],
        ["Data type", measure.get_data_type_display()],
        ["Frequency", _frequency(measure)],
        ["Chart", measure.get_chart_display()],
        ["Rules", measure.get_rules_display()],
        ["Improvement", measure.get_improvement_display()],
        ["Target", target_text(measure)],
        ["Variation", VARIATION_NAMES.get(measure.variation, "Not yet known")],
        ["Assurance", ASSURANCE_NAMES.get(measure.assurance, "None")],
        ["Address", measure.get_absolute_url()],
    ]
    return rows + ([["", problem]] if problem else [])


def _frequency(measure: Measure) -> str:
    if measure.data_type == DataType.EVENTS:
        return "Each event"
    return measure.get_frequency_display()


def _phase_rows(read: _Read) -> list[list]:
    rows = [["Phase", "Starts", "Reason", "Started by", "Recorded on"]]
    if read.rows:
        rows.append([1, read.rows[0][0], FIRST_PHASE_REASON, "", None])
    for number, rebase in enumerate(read.rebases, start=2):
        who = person(rebase.created_by)
        rows.append([number, rebase.start, rebase.reason, who, rebase.created_at.date()])
    return rows


def _note_rows(notes: list[NumberedNote]) -> list[list]:
    header = ["Note", "Period", "Note text", "Written by", "Written on", "PDSA cycle"]
    return [
        header,
        *([n.number, n.period, n.text, n.by, n.at.date(), n.pdsa_cycle or ""] for n in notes),
    ]


def csv_safe(cell):
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return f"'{cell}"
    return cell


def to_csv(download: Download) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in download.table:
        writer.writerow(["" if cell is None else _csv_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8")


def _csv_cell(cell):
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    return csv_safe(cell)


def to_xlsx(download: Download) -> bytes:
    workbook = Workbook()
    for n, (title, rows) in enumerate(
        [
            ("Data", download.table),
            ("About", download.about),
            ("Phases", download.phases),
            ("Notes", download.notes),
        ]
    ):
        write_sheet(workbook.active if n == 0 else workbook.create_sheet(), title, rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_sheet(sheet, title: str, rows: list[list]) -> None:
    """`rows` into `sheet` under a bold, frozen header row: dates as dates, text never a
    formula, columns as wide as their longest value (within reason)."""
    sheet.title = title
    for row in rows:  # control characters cannot be stored in a workbook
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in sheet.iter_cols():
        for cell in column:
            _format(cell)
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    sheet.freeze_panes = "A2"


def _format(cell) -> None:
    if isinstance(cell.value, date):
        cell.number_format = DATE_FORMAT
    elif isinstance(cell.value, str):
        cell.data_type = "s"  # text, even when it starts with "=": never run as a formula
        if "\n" in cell.value:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def download_response(measure: Measure, file_format: str) -> HttpResponse:
    """The measure's data as a CSV or XLSX attachment (`file_format` one of FORMATS)."""
    download = measure_download(measure)
    content = to_csv(download) if file_format == "csv" else to_xlsx(download)
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = content_disposition_header(
        True, f"{download.stem}.{file_format}"
    )
    response["Cache-Control"] = "private, no-store"
    return response
