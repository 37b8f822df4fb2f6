"""Reading a CSV upload of weekly or monthly values into rows for `data_points_upsert`.

Pure: no Django. The file is refused as a whole (too big, not UTF-8, wrong header) with one
sentence; otherwise each data row becomes a dict, remembered with its line number (the header is
line 1) so the entry rules' problems can be reported against the line a person sees in Excel.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date

from measurement.entry_rules import VALUE_FIELDS, Problem

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 10_000
# Excel often rewrites 2025-01-06 as 06/01/2025 when it saves a CSV file.
UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


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
    if len(data) > MAX_BYTES:
        return ParsedCsv(problem="The file is bigger than 2 MB. Split it into smaller files "
                                 "and upload each one.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return ParsedCsv(problem="The file is not UTF-8 text. In Excel, save it as “CSV UTF-8 "
                                 "(Comma delimited)” and upload it again.")
    try:
        return _parse_text(text, columns_for(data_type))
    except csv.Error as error:
        return ParsedCsv(problem=f"The file could not be read as CSV: {error}.")


def _parse_text(text: str, columns: tuple[str, ...]) -> ParsedCsv:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next((row for row in reader if any(cell.strip() for cell in row)), None)
    if header is None:
        return ParsedCsv(problem=f"The file is empty. Its first line must be the header "
                                 f"{','.join(columns)}, then one row per period.")
    names = _trimmed([cell.strip().lower() for cell in header])
    problem = _header_problem(names, columns)
    if problem:
        return ParsedCsv(problem=problem)
    parsed = ParsedCsv()
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue  # blank lines (often at the end of a file) are not rows
        if len(parsed.rows) + len(parsed.row_problems) >= MAX_ROWS:
            return ParsedCsv(problem=f"The file has more than {MAX_ROWS:,} rows. Split it into "
                                     f"smaller files and upload each one.")
        _add_row(parsed, names, cells, reader.line_num)
    if not (parsed.rows or parsed.row_problems):
        parsed.problem = "The file has a header but no rows of data."
    return parsed


def _trimmed(cells: list[str]) -> list[str]:
    """Drops empty cells at the end of a line, as spreadsheets add them."""
    while cells and not cells[-1].strip():
        cells = cells[:-1]
    return cells


def _header_problem(names: list[str], columns: tuple[str, ...]) -> str:
    expected = f"The first line must be the header {','.join(columns)}."
    for name in names:
        if names.count(name) > 1:
            return f"The header names the column “{name}” twice. {expected}"
    unknown = [name for name in names if name not in columns]
    if unknown:
        shown = unknown[0] or "(a blank column name)"
        return f"The header has a column this measure does not use: “{shown}”. {expected}"
    missing = [column for column in columns if column not in names]
    if missing:
        return f"The header has no “{missing[0]}” column. {expected}"
    return ""


def _add_row(parsed: ParsedCsv, names: list[str], cells: list[str], line: int) -> None:
    cells = _trimmed(cells)
    if len(cells) > len(names):
        parsed.row_problems.append(ReportRow(
            line, cells[0].strip(), "row",
            f"This row has {len(cells)} cells but the header has {len(names)} columns"))
        return
    row = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(names)}
    row["period"] = _iso_period(row["period"])
    parsed.rows.append(row)
    parsed.lines.append(line)


def _iso_period(text: str) -> str:
    match = UK_DATE.match(text)
    if not match:
        return text
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return text


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
        rows.append(ReportRow(parsed.lines[problem.index], problem.period, problem.field,
                              message))
    return sorted(rows, key=lambda row: row.line)


def _duplicate_message(parsed: ParsedCsv, problem: Problem) -> str:
    period = parsed.rows[problem.index]["period"]
    first = next((i for i in range(problem.index) if parsed.rows[i]["period"] == period), None)
    if first is None:
        return ""
    return f"This period is also given on line {parsed.lines[first]}"
