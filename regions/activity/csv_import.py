"""Uploading activity records as a CSV file: every row is saved, or none.

A file that cannot be read at all (too big, not UTF-8, wrong header, too many rows) is refused
with one sentence by the shared reader, core/csv_files.py. Otherwise each row is checked with the
kind's form, so a row is judged exactly as the page judges it, and every problem is reported
against its line (the header is line 1) and column. Only a file without problems is saved, all of
it in one transaction.
"""

from dataclasses import dataclass, field

from django.db import models

from core import csv_files
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

MAX_BYTES = csv_files.MAX_BYTES
MAX_ROWS = 5_000
ODS = "organisation_ods_code"
CHOICES: dict[str, type[models.TextChoices]] = {
    "training_type": TrainingType,
    "qi_level": QILevel,
    "kind": ChampionKind,
    "route": EngagementRoute,
    "tool": CultureTool,
}
DATE_COLUMNS = ("date", "first_engaged")


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


def expected_for(kind: Kind) -> csv_files.Expected:
    return csv_files.Expected(
        columns_for(kind), MAX_ROWS, unknown_column="a column these records do not use"
    )


# Checking each row with the kind's form -----------------------------------------------------


def _choice(column: str, text: str) -> str | None:
    """The stored value for a cell holding either the value or its label; None if neither."""
    wanted = text.strip().lower()
    for value, label in CHOICES[column].choices:
        if wanted in (value.lower(), str(label).lower()):
            return value
    return None


def _form_data(row: dict) -> tuple[dict, list[tuple[str, str]]]:
    """The row as form data, and the problems of choice cells no form would explain well."""
    data, problems = dict(row), []
    for column in DATE_COLUMNS:
        if column in data:
            data[column] = csv_files.iso_date(data[column])
    for column in CHOICES.keys() & data.keys():
        if data[column]:
            value = _choice(column, data[column])
            if value is None:
                problems.append(
                    (
                        column,
                        f"“{data[column]}” is not a {column.replace('_', ' ')}"
                        f": use one of {allowed_values(column)}",
                    )
                )
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


def check(table: csv_files.Table, kind: Kind, *, region: Region, user: User) -> Checked:
    checked = Checked(problems=[Problem(bad.line, "row", bad.message) for bad in table.bad_rows])
    first_line_of: dict[int, int] = {}  # organisation id -> line, for engagement
    for row in table.rows:
        line = row.line
        fields, problems = _check_row(kind, row.cells, region=region, user=user)
        if fields and kind is ENGAGEMENT:
            earlier = first_line_of.setdefault(fields["organisation"].pk, line)
            if earlier != line:
                problems = [
                    (
                        ODS,
                        f"This organisation is also on line {earlier}: an "
                        f"organisation is engaged once",
                    )
                ]
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
    try:
        table = csv_files.read(data, expected_for(kind))
    except csv_files.Unreadable as refusal:
        return Checked(problem=str(refusal))
    checked = check(table, kind, region=region, user=by)
    if checked.problems:
        return checked
    try:
        checked.saved = len(
            services.records_import(by=by, kind=kind, region=region, rows=checked.rows)
        )
    except services.RowRejected as refused:
        line = checked.lines[refused.index]
        checked.problems = [
            Problem(line, _column(name), message)
            for name, messages in refused.error.message_dict.items()
            for message in messages
        ]
    return checked
