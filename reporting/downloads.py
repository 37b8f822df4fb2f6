"""The dashboards' figures as CSV and XLSX files: the numbers the page shows, nothing else.

Both files hold the same table: one row per scope (England first on the national dashboard, then
each region the user may see, in the table's order), one column per figure. The workbook adds a
sheet for each of the page's other tables and one saying what the figures are.
"""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from reporting import presenters as present
from reporting.models import NATIONAL

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
LEADING = ["Region", "Financial year", "Period", "Project topic"]


def filename(scope: str, filters: present.Filters, file_format: str) -> str:
    """'psc-figures-2016-17.csv', 'psc-figures-wessex-2016-17-q1-falls.xlsx'."""
    parts = [
        "psc-figures",
        "" if scope == NATIONAL else scope,
        filters.year,
        f"q{filters.quarter}" if filters.quarter else "",
        filters.topic.replace("_", "-"),
    ]
    return "-".join(part for part in parts if part) + f".{file_format}"


def figure_rows(scope: str, regions, by_scope: dict, filters: present.Filters) -> list[list]:
    """The header row, then a row of figures for each scope, as the table on the page orders it
    (completions are blank under a topic: they are not stored by topic)."""
    period = present.period_label(filters.year, filters.quarter)
    topic = present.topic_label(filters.topic)
    rows = present.sorted_rows(
        [
            present.table_row(
                region.name, "", present.scope_values(by_scope.get(region.slug, {}), filters.topic)
            )
            for region in regions
        ],
        filters.sort,
    )
    named = [(row.name, row.values) for row in rows]
    if scope == NATIONAL:
        named.insert(
            0, ("England", present.scope_values(by_scope.get(NATIONAL, {}), filters.topic))
        )
    header = [*LEADING, *(column.label for column in present.FIGURES)]
    return [
        header,
        *(
            [
                name,
                present.year_label(filters.year),
                period,
                topic,
                *(values[column.key] for column in present.FIGURES),
            ]
            for name, values in named
        ),
    ]


def to_csv(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows([["" if cell is None else cell for cell in row] for row in rows])
    return buffer.getvalue().encode("utf-8")


def _sheet(workbook: Workbook, title: str, rows: list[list], first: bool = False) -> None:
    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, int):
                cell.number_format = "#,##0"
    for column in sheet.columns:
        width = max(len(str(cell.value or "")) for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    sheet.freeze_panes = "A2"


def _about(scope_name: str, filters: present.Filters, refreshed) -> list[list]:
    return [
        ["About these figures", ""],
        ["Scope", scope_name],
        ["Period", present.period_label(filters.year, filters.quarter)],
        ["Project topic", present.topic_label(filters.topic)],
        ["", present.refreshed_sentence(refreshed)],
        ["", "Projects are counted in their lead region, so regions add up to England."],
        ["", "An organisation engaged by two regions counts once in England's figures."],
        ["", "Projects active and measures are counted at the end of the period."],
        [
            "",
            "The project topic applies to projects started and active only; completions are "
            "not stored by topic.",
        ],
        ["", present.ONCE],
        [
            "",
            "Changes count where their owner is (a region, or each lead region of the programme "
            "that owns them) and programmes in each of their lead regions, each once in "
            "England's figures; national programmes and their changes count in England only.",
        ],
        [
            "",
            "Programmes and their member teams count in every period their dates overlap; a team "
            "counts in the region that leads its project.",
        ],
        ["", present.STORIES_NOTE],
        [
            "",
            "Stories published count by the day they were first published; projects started from "
            "a story by the day they were started.",
        ],
    ]


def to_xlsx(rows: list[list], scope_name: str, filters: present.Filters, refreshed) -> bytes:
    values = dict(zip(rows[0], rows[1], strict=True))
    workbook = Workbook()
    _sheet(workbook, "Figures", rows, first=True)
    _sheet(
        workbook,
        "Headline figures",
        [
            ["Figure", scope_name],
            *([column.label, values[column.label]] for column in present.FIGURES),
        ],
    )
    patients = ["Of whom patients and carers", values["Of whom patients and carers"]]
    for title, prefix, extra in (
        ("Organisations by type", "Organisations engaged: ", []),
        ("People trained by type", "People trained: ", [patients]),
    ):
        _sheet(
            workbook,
            title,
            [
                ["Type", scope_name],
                *(
                    [label.removeprefix(prefix), value]
                    for label, value in values.items()
                    if label.startswith(prefix)
                ),
                *extra,
            ],
        )
    _sheet(workbook, "About", _about(scope_name, filters, refreshed))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def response(
    file_format: str, *, scope: str, regions, by_scope: dict, filters: present.Filters, refreshed
) -> HttpResponse:
    rows = figure_rows(scope, regions, by_scope, filters)
    if file_format == "csv":
        content = to_csv(rows)
    else:
        content = to_xlsx(rows, rows[1][0], filters, refreshed)
    download = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    download["Content-Disposition"] = (
        f'attachment; filename="{filename(scope, filters, file_format)}"'
    )
    return download
