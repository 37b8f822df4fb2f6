"""The summary's rows as CSV and XLSX files: the page's columns, every row (not one page), in
the page's order. Text never runs as a formula (measurement.downloads.csv_safe; workbook cells
are stored as text)."""

from __future__ import annotations

import csv
import io
from datetime import date

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook

from measurement.downloads import CONTENT_TYPES, csv_safe, write_sheet
from reporting.mdc_summary.types import SummaryRow

HEADINGS = [
    "Measure ID",
    "Measure",
    "Project ID",
    "Project",
    "Region",
    "Project topic",
    "Latest value",
    "Unit",
    "Latest value in words",
    "Latest period",
    "Target",
    "Target in words",
    "Variation",
    "Assurance",
    "Of concern",
]


def table(rows: list[SummaryRow]) -> list[list]:
    return [HEADINGS, *(_cells(row) for row in rows)]


def _cells(row: SummaryRow) -> list:
    return [
        row.measure_id,
        row.measure_name,
        row.project_id,
        row.project_title,
        row.region_name,
        row.topic_label,
        row.latest_value,
        row.unit,
        row.latest_value_text,
        row.latest_period,
        row.target,
        row.target_text,
        row.variation_words,
        row.assurance_words,
        "Yes" if row.concern else "No",
    ]


def to_csv(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([_csv_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8")


def _csv_cell(cell):
    if cell is None:
        return ""
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    return csv_safe(cell)


def to_xlsx(rows: list[list], about: list[list]) -> bytes:
    workbook = Workbook()
    write_sheet(workbook.active, "Measures", rows)
    write_sheet(workbook.create_sheet(), "About", about)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def about(scope: str, count: int) -> list[list]:
    return [
        ["About these measures", ""],
        ["Scope", scope],
        ["Measures", count],
        ["", "One row per measure you may see, with its latest value and target in display units."],
        ["", "A region's measures are those of the projects it leads."],
        [
            "",
            "Variation and assurance are the Making Data Count readings of each measure's chart "
            "as last analysed. 'Of concern': special cause concern, or the target consistently "
            "missed.",
        ],
    ]


def response(rows: list[SummaryRow], file_format: str, *, scope: str, stem: str) -> HttpResponse:
    cells = table(rows)
    content = to_csv(cells) if file_format == "csv" else to_xlsx(cells, about(scope, len(rows)))
    download = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    download["Content-Disposition"] = content_disposition_header(True, f"{stem}.{file_format}")
    download["Cache-Control"] = "private, no-store"
    return download
