"""Checking rows of adoptions (from a CSV file or the API) before any is saved.

A row is a dict of text: `organisation` (an ODS code, or the organisation's id as digits),
`change` (a catalogue entry's slug) or `package` (a programme's slug, for its whole change
package), `adopted_on` (YYYY-MM-DD, or DD/MM/YYYY as Excel saves it), `status`, `source`,
`source_project` (a project's id), `source_programme` (a programme's slug) and `source_note`.

Every problem names the row (1-based as the person sees it: the file's line for a CSV, the
position in the list for the API), the field, a code a partner platform can act on and a
sentence a person can. The organisations, entries, programmes and projects a batch names are
each looked up in one query, and who may record each row is decided from a few more
(learning.adoption_lookups), so a 5,000-row upload costs the same handful of queries as a
5-row one.
"""

from dataclasses import dataclass, field
from datetime import date

from core import csv_files
from learning.adoption_lookups import Lookups, Recorders, id_of, lookups, text_of
from learning.models import AdoptionSource, AdoptionStatus
from regions.models import User

COLUMNS = (
    "organisation",
    "change",
    "package",
    "adopted_on",
    "status",
    "source",
    "source_project",
    "source_programme",
    "source_note",
)
MAX_ROWS = 5_000
NOTE_MAX = 300


@dataclass(frozen=True)
class Problem:
    """What is wrong with one row: `row` 1-based as the person sees it, `field` the column."""

    row: int
    field: str
    code: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "field": self.field, "code": self.code, "message": self.message}


@dataclass
class CheckedRow:
    """A row that passed: the service's fields, with the objects looked up."""

    row: int
    values: dict


@dataclass
class Checked:
    rows: list[CheckedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def future_date_problem(adopted_on: date, status: str, today: date) -> str:
    """Only a plan may be dated in the future: testing, implemented, sustained and abandoned
    say what has happened, so they are dated today or earlier."""
    if adopted_on > today and status != AdoptionStatus.PLANNED:
        return (
            f"{adopted_on.day} {adopted_on:%B %Y} is in the future: only a planned adoption "
            "can be dated after today"
        )
    return ""


def source_problems(source: str, source_project, source_programme) -> dict[str, str]:
    """The source's link the model requires: a project for "project", a programme for
    "programme"."""
    if source == AdoptionSource.PROJECT and source_project is None:
        return {"source_project": "Name the project it came from (its id)"}
    if source == AdoptionSource.PROGRAMME and source_programme is None:
        return {"source_programme": "Name the programme it came from (its slug)"}
    return {}


# Reading one row's cells ------------------------------------------------------------------


def _choice(choices, text: str) -> str | None:
    """The stored value for a cell holding the value or its label, any case; None if neither."""
    wanted = text.lower()
    for value, label in choices.choices:
        if wanted in (value, str(label).lower()):
            return value
    return None


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(csv_files.iso_date(text))
    except ValueError:
        return None


# Checking a batch --------------------------------------------------------------------------


def check(by: User, rows: list[dict], *, numbers: list[int] | None = None, today: date) -> Checked:
    """Every row checked; `numbers` the row numbers to report (a CSV's lines), else 1, 2, 3..."""
    numbers = numbers or list(range(1, len(rows) + 1))
    found = lookups(by, rows)
    recorders = Recorders(by, found.entries.values())
    checked = Checked()
    first_row_of: dict[tuple, int] = {}
    for number, row in zip(numbers, rows, strict=True):
        values, problems = _check_row(row, found, today)
        if not problems:
            problems = _permission_and_once(values, recorders, first_row_of, number)
        checked.problems.extend(
            Problem(number, name, code, message) for name, code, message in problems
        )
        if not problems:
            checked.rows.append(CheckedRow(number, values))
    return checked


def _permission_and_once(values, recorders, first_row_of, number):
    organisation = values["organisation"]
    if not recorders.may_record(values):
        return [
            (
                "organisation",
                "forbidden",
                f"You cannot record adoptions for {organisation.name}: only leads of "
                f"{organisation.region.name}, leads of the programme concerned and national "
                "admins can",
            )
        ]
    adopts = values.get("entry") or values.get("package_of")
    key = (organisation.pk, type(adopts).__name__, adopts.pk)
    earlier = first_row_of.setdefault(key, number)
    if earlier != number:
        return [
            (
                "organisation",
                "duplicate",
                f"{organisation.name}'s adoption of this is also on row {earlier}: give it once",
            )
        ]
    return []


def _check_row(row: dict, found: Lookups, today: date):
    """(the service's fields, [(field, code, message)])."""
    problems: list[tuple[str, str, str]] = []
    for name in COLUMNS:
        if "\x00" in text_of(row, name):
            problems.append((name, "invalid", "This cell holds a NUL character: retype it"))
    if problems:
        return {}, problems
    values: dict = {}
    for check_part in (_organisation, _adopts, _when_and_status, _source):
        problems += check_part(row, found, today, values)
    return values, problems


def _organisation(row, found, today, values):
    text = text_of(row, "organisation")
    if not text:
        return [("organisation", "required", "Give the organisation's ODS code")]
    organisation = found.organisation(text)
    if organisation is None:
        return [("organisation", "unknown", f"There is no organisation with the ODS code “{text}”")]
    values["organisation"] = organisation
    return []


def _adopts(row, found, today, values):
    change, package = text_of(row, "change"), text_of(row, "package")
    if change and package:
        return [
            (
                "package",
                "both",
                "Give a change or a programme's package, not both: one row adopts one of them",
            )
        ]
    if not (change or package):
        return [("change", "required", "Give the change's slug, or a programme's in package")]
    if change:
        values["entry"] = found.entries.get(change)
        if values["entry"] is None:
            return [("change", "unknown", f"There is no change in the catalogue called “{change}”")]
    else:
        values["package_of"] = found.programmes.get(package)
        if values["package_of"] is None:
            return [("package", "unknown", f"There is no programme called “{package}”")]
    return []


def _when_and_status(row, found, today, values):
    problems = []
    status_text = text_of(row, "status")
    status = _choice(AdoptionStatus, status_text) if status_text else None
    if not status_text:
        problems.append(("status", "required", f"Give the status: {_allowed(AdoptionStatus)}"))
    elif status is None:
        problems.append(
            (
                "status",
                "invalid",
                f"“{status_text}” is not a status: use one of {_allowed(AdoptionStatus)}",
            )
        )
    text = text_of(row, "adopted_on")
    adopted_on = _date(text) if text else None
    if not text:
        problems.append(("adopted_on", "required", "Give the date it was adopted, as YYYY-MM-DD"))
    elif adopted_on is None:
        problems.append(
            ("adopted_on", "invalid", f"“{text}” is not a date: write it as YYYY-MM-DD")
        )
    elif status and (future := future_date_problem(adopted_on, status, today)):
        problems.append(("adopted_on", "future", future))
    values.update(status=status, adopted_on=adopted_on)
    return problems


def _source(row, found, today, values):
    text = text_of(row, "source")
    source = _choice(AdoptionSource, text) if text else AdoptionSource.ELSEWHERE
    if source is None:
        return [
            (
                "source",
                "invalid",
                f"“{text}” is not a source: use one of {_allowed(AdoptionSource)}",
            )
        ]
    values["source"] = source
    problems = []
    project_text, programme_text = text_of(row, "source_project"), text_of(row, "source_programme")
    project = programme = None
    if project_text:
        project = found.projects.get(id_of(project_text))
        if project is None:
            problems.append(
                ("source_project", "unknown", f"There is no project with the id “{project_text}”")
            )
    if programme_text:
        programme = found.programmes.get(programme_text)
        if programme is None:
            problems.append(
                ("source_programme", "unknown", f"There is no programme called “{programme_text}”")
            )
    if not problems:
        problems = [
            (name, "required", message)
            for name, message in source_problems(source, project, programme).items()
        ]
    note = text_of(row, "source_note")
    if len(note) > NOTE_MAX:
        problems.append(
            (
                "source_note",
                "too_long",
                f"Keep the note to {NOTE_MAX} characters (it has {len(note)})",
            )
        )
    values.update(
        source_project=project if source == AdoptionSource.PROJECT else None,
        source_programme=programme if source == AdoptionSource.PROGRAMME else None,
        source_note=note,
    )
    return problems


def _allowed(choices) -> str:
    return ", ".join(choices.values)
