"""Reading a CSV upload of weekly or monthly values into rows for `data_points_upsert`.

Pure: no Django. The shared reader (core/csv_files.py) refuses a file as a whole (too big, not
UTF-8, wrong header) with one sentence; otherwise each data row becomes a dict, remembered with
its line number (the header is line 1) so the entry rules' problems can be reported against the
line a person sees in Excel.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from core import csv_files
from measurement.entry_rules import VALUE_FIELDS, Problem

MAX_BYTES = csv_files.MAX_BYTES
MAX_ROWS = 10_000


@dataclass(frozen=True)
class ReportRow:
    line: int
    period: str
    field: str
    message: str


@dataclass
class ParsedCsv:
    rows: list[dict] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    problem: str = ""  # the file as a whole cannot be read: nothing else is
    row_problems: list[ReportRow] = field(default_factory=list)


def columns_for(data_type: str) -> tuple[str, ...]:
    return ("period", *VALUE_FIELDS[data_type])


def header_for(data_type: str) -> str:
    return ",".join(columns_for(data_type))


def template_csv(data_type: str, periods: list[date]) -> str:
    """The header, then one row per period with its values left blank."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    columns = columns_for(data_type)
    writer.writerow(columns)
    writer.writerows([period.isoformat(), *[""] * (len(columns) - 1)] for period in periods)
    return out.getvalue()


def parse_csv(data: bytes, data_type: str) -> ParsedCsv:
    expected = csv_files.Expected(
        columns_for(data_type),
        MAX_ROWS,
        one_row_per="period",
        unknown_column="a column this measure does not use",
    )
    try:
        table = csv_files.read(data, expected)
    except csv_files.Unreadable as refusal:
        return ParsedCsv(problem=str(refusal))
    parsed = ParsedCsv(
        row_problems=[
            ReportRow(bad.line, bad.first_cell, "row", bad.message) for bad in table.bad_rows
        ]
    )
    for row in table.rows:
        parsed.rows.append({**row.cells, "period": csv_files.iso_date(row.cells["period"])})
        parsed.lines.append(row.line)
    return parsed


def problem_message(problem: Problem) -> str:
    """The entry rules' sentence, worded for someone fixing a spreadsheet or a form."""
    if problem.code == "not_a_number":
        return f"Enter the {problem.field} as a number, like 12 or 4.5"
    if problem.code == "required":
        return f"Enter the {problem.field}"
    return problem.message


def report(parsed: ParsedCsv, rejected: list[Problem]) -> list[ReportRow]:
    """Every problem in the file against its line, in line order."""
    rows = list(parsed.row_problems)
    for problem in rejected:
        message = problem_message(problem)
        if problem.code == "duplicate_period":
            message = _duplicate_message(parsed, problem) or message
        rows.append(ReportRow(parsed.lines[problem.index], problem.period, problem.field, message))
    return sorted(rows, key=lambda row: row.line)


def _duplicate_message(parsed: ParsedCsv, problem: Problem) -> str:
    period = parsed.rows[problem.index]["period"]
    first = next((i for i in range(problem.index) if parsed.rows[i]["period"] == period), None)
    if first is None:
        return ""
    return f"This period is also given on line {parsed.lines[first]}"
