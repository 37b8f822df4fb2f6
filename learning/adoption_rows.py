"""Checking rows of adoptions (from a CSV file or the API) before any is saved.

A row is a dict of text: `organisation` (an ODS code, or the organisation's id as digits),
`change` (a catalogue entry's slug) or `package` (a programme's slug, for its whole change
package), `adopted_on` (YYYY-MM-DD, or DD/MM/YYYY as Excel saves it), `status`, `source`,
`source_project` (a project's id), `source_programme` (a programme's slug) and `source_note`.

Every problem names the row (1-based as the person sees it: the file's line for a CSV, the
position in the list for the API), the field, a code a partner platform can act on and a
sentence a person can. The organisations, entries, programmes and projects a batch names are
each looked up in one query, and who may record each row is decided from a few more, so a
5,000-row upload costs the same handful of queries as a 5-row one.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from core import csv_files
from learning import access
from learning.models import (
    AdoptionSource,
    AdoptionStatus,
    ChangeEntry,
    PackageItem,
    Programme,
)
from projects.access import projects_visible_to
from regions.access import organisations_visible_to
from regions.models import Organisation, User
from regions.roles import is_national_admin, led_region_ids
from regions.validators import normalise_ods_code

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


def _text(row: dict, name: str) -> str:
    value = row.get(name)
    return "" if value is None else str(value).strip()


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


def _id(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) < 10 else None


# Looking up what a batch names, one query each --------------------------------------------


@dataclass
class Lookups:
    organisations_by_code: dict[str, Organisation]
    organisations_by_id: dict[int, Organisation]
    entries: dict[str, ChangeEntry]
    programmes: dict[str, Programme]
    projects: dict[int, object]

    def organisation(self, text: str) -> Organisation | None:
        found = self.organisations_by_code.get(normalise_ods_code(text))
        if found is None and _id(text) is not None:
            found = self.organisations_by_id.get(_id(text))
        return found


def lookups(by: User, rows: list[dict]) -> Lookups:
    names = [_text(row, "organisation") for row in rows]
    codes = {normalise_ods_code(name) for name in names if name}
    ids = {_id(name) for name in names} - {None}
    organisations = list(organisations_visible_to(by).filter(Q(ods_code__in=codes) | Q(id__in=ids)))
    entry_slugs = {_text(row, "change") for row in rows} - {""}
    programme_slugs = {_text(row, n) for row in rows for n in ("package", "source_programme")}
    project_ids = {_id(_text(row, "source_project")) for row in rows} - {None}
    return Lookups(
        organisations_by_code={o.ods_code: o for o in organisations if o.ods_code},
        organisations_by_id={o.pk: o for o in organisations},
        entries={e.slug: e for e in access.changes_visible_to(by).filter(slug__in=entry_slugs)},
        programmes={
            p.slug: p
            for p in access.programmes_visible_to(by).filter(slug__in=programme_slugs - {""})
        },
        projects={p.pk: p for p in projects_visible_to(by).filter(pk__in=project_ids)},
    )


# Who may record each row, decided for the whole batch -------------------------------------


class Recorders:
    """`access.can_record_adoption` for many rows at once: national admins any row; leads of
    the organisation's region; leads of a programme concerned (the package's, the source's,
    one whose package holds the entry, or the entry's owner)."""

    def __init__(self, by: User, entries):
        self.everything = is_national_admin(by)
        self.regions = led_region_ids(by) if by.is_authenticated else set()
        self.programmes = (
            set(Programme.objects.filter(leads=by).values_list("id", flat=True))
            if by.is_authenticated and not self.everything
            else set()
        )
        self.packaged = set()
        if self.programmes:
            self.packaged = set(
                PackageItem.objects.filter(
                    entry__in=list(entries), programme__in=self.programmes
                ).values_list("entry_id", flat=True)
            )

    def may_record(self, values: dict) -> bool:
        if self.everything or values["organisation"].region_id in self.regions:
            return True
        entry, package, source = (
            values.get("entry"),
            values.get("package_of"),
            values.get("source_programme"),
        )
        concerned = {p.pk for p in (package, source) if p is not None}
        if entry is not None:
            concerned.add(entry.owner_programme_id)
            if entry.pk in self.packaged:
                return True
        return bool(concerned & self.programmes)


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
        if "\x00" in _text(row, name):
            problems.append((name, "invalid", "This cell holds a NUL character: retype it"))
    if problems:
        return {}, problems
    values: dict = {}
    for check_part in (_organisation, _adopts, _when_and_status, _source):
        problems += check_part(row, found, today, values)
    return values, problems


def _organisation(row, found, today, values):
    text = _text(row, "organisation")
    if not text:
        return [("organisation", "required", "Give the organisation's ODS code")]
    organisation = found.organisation(text)
    if organisation is None:
        return [("organisation", "unknown", f"There is no organisation with the ODS code “{text}”")]
    values["organisation"] = organisation
    return []


def _adopts(row, found, today, values):
    change, package = _text(row, "change"), _text(row, "package")
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
    status_text = _text(row, "status")
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
    text = _text(row, "adopted_on")
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
    text = _text(row, "source")
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
    project_text, programme_text = _text(row, "source_project"), _text(row, "source_programme")
    project = programme = None
    if project_text:
        project = found.projects.get(_id(project_text))
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
    note = _text(row, "source_note")
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


# CSV files ---------------------------------------------------------------------------------

EXPECTED = csv_files.Expected(
    COLUMNS,
    MAX_ROWS,
    unknown_column="a column adoptions do not use",
    one_row_per="organisation and change (or package) adopted",
)


def template_csv() -> str:
    example = "RHM,early-warning-scores,,2017-01-09,testing,elsewhere,,,Seen at a regional event"
    return EXPECTED.header + "\r\n" + example + "\r\n"


@dataclass
class CsvRows:
    rows: list[dict] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # rows the reader could not match


def read_csv(data: bytes) -> CsvRows:
    """The file's rows with their lines; raises csv_files.Unreadable for a file as a whole."""
    table = csv_files.read(data, EXPECTED)
    return CsvRows(
        rows=[row.cells for row in table.rows],
        lines=[row.line for row in table.rows],
        problems=[Problem(bad.line, "row", "columns", bad.message) for bad in table.bad_rows],
    )
