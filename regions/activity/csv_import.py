"""Uploading activity records as a CSV file: every row is saved, or none.

A file that cannot be read at all (too big, not UTF-8, wrong header, too many rows) is refused
with one sentence. Otherwise each row is checked with the kind's form, so a row is judged exactly
as the page judges it, and every problem is reported against its line (the header is line 1) and
column. Only a file without problems is saved, all of it in one transaction.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date

from django.db import models

from regions.activity import services
from regions.activity.forms import FORMS
from regions.activity.kinds import ENGAGEMENT, Kind
from regions.models import (
    ChampionKind,
    CultureTool,
    EngagementRoute,
    QILevel,
    Region,
    TrainingType,
    User,
)

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5_000
ODS = "organisation_ods_code"
CHOICES: dict[str, type[models.TextChoices]] = {
    "training_type": TrainingType, "qi_level": QILevel, "kind": ChampionKind,
    "route": EngagementRoute, "tool": CultureTool}
DATE_COLUMNS = ("date", "first_engaged")
# Excel often rewrites 2016-06-01 as 01/06/2016 when it saves a CSV file.
UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


@dataclass(frozen=True)
class Problem:
    line: int
    column: str
    message: str


@dataclass
class Checked:
    rows: list[dict] = field(default_factory=list)  # the services' fields, one dict a row
    lines: list[int] = field(default_factory=list)
    problem: str = ""  # the file as a whole cannot be read: nothing else is
    problems: list[Problem] = field(default_factory=list)
    saved: int = 0


def _column(field_name: str) -> str:
    """The CSV column a form or model field's problem is reported against."""
    return {"organisation": ODS, "__all__": "row"}.get(field_name, field_name)


def columns_for(kind: Kind) -> tuple[str, ...]:
    return tuple(ODS if name == "organisation" else name for name in kind.fields)


def header_for(kind: Kind) -> str:
    return ",".join(columns_for(kind))


def template_csv(kind: Kind) -> str:
    return header_for(kind) + "\r\n"


def allowed_values(column: str) -> str:
    return ", ".join(value for value in CHOICES[column].values if value)


# Reading the file ------------------------------------------------------------------------


def _decode(data: bytes) -> tuple[str, str]:
    """(text, problem)."""
    if len(data) > MAX_BYTES:
        return "", "The file is bigger than 2 MB. Split it into smaller files and upload each one."
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        return "", ("The file is not UTF-8 text. In Excel, save it as “CSV UTF-8 (Comma "
                    "delimited)” and upload it again.")


def _header_problem(names: list[str], columns: tuple[str, ...]) -> str:
    expected = f"The first line must be the header {','.join(columns)}."
    for name in names:
        if names.count(name) > 1:
            return f"The header names the column “{name}” twice. {expected}"
    unknown = [name for name in names if name not in columns]
    if unknown:
        return (f"The header has a column these records do not use: "
                f"“{unknown[0] or '(a blank column name)'}”. {expected}")
    missing = [column for column in columns if column not in names]
    if missing:
        return f"The header has no “{missing[0]}” column. {expected}"
    return ""


def _trimmed(cells: list[str]) -> list[str]:
    """Drops empty cells at the end of a line, as spreadsheets add them."""
    while cells and not cells[-1].strip():
        cells = cells[:-1]
    return cells


def read_rows(text: str, kind: Kind) -> tuple[list[tuple[int, dict]], list[Problem], str]:
    """([(line, {column: cell})], problems of shape, problem with the whole file)."""
    columns = columns_for(kind)
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next((row for row in reader if any(cell.strip() for cell in row)), None)
    if header is None:
        return [], [], f"The file is empty. Its first line must be the header {','.join(columns)}."
    names = _trimmed([cell.strip().lower().replace(" ", "_") for cell in header])
    problem = _header_problem(names, columns)
    if problem:
        return [], [], problem
    rows, problems = [], []
    for cells in reader:
        cells = _trimmed(cells)
        if not any(cell.strip() for cell in cells):
            continue  # blank lines (often at the end of a file) are not rows
        if len(rows) + len(problems) >= MAX_ROWS:
            return [], [], (f"The file has more than {MAX_ROWS:,} rows. Split it into smaller "
                            f"files and upload each one.")
        if len(cells) > len(names):
            problems.append(Problem(reader.line_num, "row", f"This row has {len(cells)} cells "
                                    f"but the header has {len(names)} columns"))
            continue
        rows.append((reader.line_num, {name: (cells[i].strip() if i < len(cells) else "")
                                       for i, name in enumerate(names)}))
    if not (rows or problems):
        return [], [], "The file has a header but no rows of data."
    return rows, problems, ""


# Checking each row with the kind's form -----------------------------------------------------


def _choice(column: str, text: str) -> str | None:
    """The stored value for a cell holding either the value or its label; None if neither."""
    wanted = text.strip().lower()
    for value, label in CHOICES[column].choices:
        if wanted in (value.lower(), str(label).lower()):
            return value
    return None


def _iso_date(text: str) -> str:
    match = UK_DATE.match(text)
    if not match:
        return text
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return text


def _form_data(row: dict) -> tuple[dict, list[tuple[str, str]]]:
    """The row as form data, and the problems of choice cells no form would explain well."""
    data, problems = dict(row), []
    for column in DATE_COLUMNS:
        if column in data:
            data[column] = _iso_date(data[column])
    for column in CHOICES.keys() & data.keys():
        if data[column]:
            value = _choice(column, data[column])
            if value is None:
                problems.append((column, f"“{data[column]}” is not a {column.replace('_', ' ')}"
                                         f": use one of {allowed_values(column)}"))
            data[column] = value or data[column]
    return data, problems


def _check_row(kind: Kind, row: dict, *, region: Region, user: User):
    """(the services' fields, or None; [(column, message)])."""
    data, problems = _form_data(row)
    form = FORMS[kind.slug](data=data, region=region, user=user)
    if form.is_valid() and not problems:
        return form.record_fields(), []
    explained = {column for column, _ in problems}
    for name, messages in form.errors.items():
        column = _column(name)
        if column not in explained:
            problems.extend((column, message) for message in messages)
    return None, problems


def check(text: str, kind: Kind, *, region: Region, user: User) -> Checked:
    rows, shape_problems, problem = read_rows(text, kind)
    checked = Checked(problem=problem, problems=list(shape_problems))
    first_line_of: dict[int, int] = {}  # organisation id -> line, for engagement
    for line, row in rows:
        fields, problems = _check_row(kind, row, region=region, user=user)
        if fields and kind is ENGAGEMENT:
            earlier = first_line_of.setdefault(fields["organisation"].pk, line)
            if earlier != line:
                problems = [(ODS, f"This organisation is also on line {earlier}: an "
                                  f"organisation is engaged once")]
        checked.problems.extend(Problem(line, column, message) for column, message in problems)
        if not problems:
            checked.rows.append(fields)
            checked.lines.append(line)
    checked.problems.sort(key=lambda p: p.line)
    return checked


# Saving ------------------------------------------------------------------------------------


def import_csv(*, by: User, kind: Kind, region: Region, data: bytes) -> Checked:
    """Checks the file and, only if it has no problems at all, saves every row."""
    services.check_may_write(by, region)
    text, problem = _decode(data)
    if problem:
        return Checked(problem=problem)
    checked = check(text, kind, region=region, user=by)
    if checked.problem or checked.problems:
        return checked
    try:
        checked.saved = len(services.records_import(by=by, kind=kind, region=region,
                                                    rows=checked.rows))
    except services.RowRejected as refused:
        line = checked.lines[refused.index]
        checked.problems = [Problem(line, _column(name), message)
                            for name, messages in refused.error.message_dict.items()
                            for message in messages]
    return checked
