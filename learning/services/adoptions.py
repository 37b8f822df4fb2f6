"""Recording which organisations adopted a change (or a programme's whole package), when, how
far they have got and where it came from: one at a time (the pages) or many (CSV upload, API).

An organisation adopts a given entry, or a given package, once: recording it again updates
that adoption (its history keeps every earlier version). Only a plan may be dated in the
future; the other statuses say what has happened, so they are dated today or earlier. The source
names its project or programme (a source of "elsewhere" may have a note); links that do not
match the source are cleared, so changing the source from a project to elsewhere needs no
second edit.

Permission: learning.access.can_record_adoption, checked here whatever the caller checked.
A batch is all or nothing unless `partial`: every row is checked first, and a row with a
problem (a refused one too) is named with its field and nothing is saved.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from core.keywords import NOT_GIVEN, given
from learning.adoption_rows import Problem, check, future_date_problem, source_problems
from learning.models import Adoption, AdoptionSource, Programme
from learning.services.permissions import check_may_edit_adoption, check_may_record_adoption
from regions.models import User
from regions.roles import is_national_admin, led_region_ids

FIELDS = ("adopted_on", "status", "source", "source_project", "source_programme", "source_note")
CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass
class AdoptionsSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    saved: bool = False  # something was written (never on a dry run)

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "problems": [problem.as_dict() for problem in self.problems],
            "saved": self.saved,
        }


# One adoption ------------------------------------------------------------------------------


@transaction.atomic
def adoption_record(
    *,
    by: User,
    organisation,
    entry=None,
    package_of=None,
    adopted_on,
    status,
    source=AdoptionSource.ELSEWHERE,
    source_project=None,
    source_programme=None,
    source_note="",
) -> Adoption:
    """Records that `organisation` adopted `entry` (or `package_of`'s package); updates its
    adoption of it if there is one already."""
    if (entry is None) == (package_of is None):
        raise ValidationError(
            {"entry": "Give the change adopted, or the programme whose package was adopted"}
        )
    arguments = locals()
    values = {name: arguments[name] for name in FIELDS}
    check_may_record_adoption(
        by, organisation, entry=entry, package_of=package_of, source_programme=source_programme
    )
    existing = _existing(organisation, entry, package_of)
    if existing is not None:
        check_may_edit_adoption(by, existing)
    adoption = existing or Adoption(
        organisation=organisation, entry=entry, package_of=package_of, recorded_by=by
    )
    _apply(by, adoption, values)
    return adoption


@transaction.atomic
def adoption_update(
    *,
    by: User,
    adoption: Adoption,
    adopted_on=NOT_GIVEN,
    status=NOT_GIVEN,
    source=NOT_GIVEN,
    source_project=NOT_GIVEN,
    source_programme=NOT_GIVEN,
    source_note=NOT_GIVEN,
) -> Adoption:
    """Changes how far an adoption has got, its date or its source."""
    changes = given(locals(), leave_out=("by", "adoption"))
    check_may_edit_adoption(by, adoption)
    if changes.get("source_programme"):
        check_may_record_adoption(
            by,
            adoption.organisation,
            entry=adoption.entry,
            package_of=adoption.package_of,
            source_programme=changes["source_programme"],
        )
    _apply(by, adoption, changes)
    return adoption


def _existing(organisation, entry, package_of) -> Adoption | None:
    found = Adoption.objects.select_for_update().filter(organisation=organisation)
    if entry is not None:
        return found.filter(entry=entry).first()
    return found.filter(package_of=package_of).first()


FOREIGN_KEYS = ("source_project", "source_programme")


def _snapshot(adoption: Adoption) -> tuple:
    """The fields as stored values (ids for the links, so no query loads them)."""
    return tuple(
        getattr(adoption, f"{name}_id" if name in FOREIGN_KEYS else name) for name in FIELDS
    )


def _apply(by: User, adoption: Adoption, changes: dict, *, checked: bool = False) -> str:
    """Sets and checks the changes; saves if anything changed. Returns what happened."""
    before = None if adoption.pk is None else _snapshot(adoption)
    for name, value in changes.items():
        setattr(adoption, name, value)
    if adoption.source != AdoptionSource.PROJECT:
        adoption.source_project = None
    if adoption.source != AdoptionSource.PROGRAMME:
        adoption.source_programme = None
    if before == _snapshot(adoption):
        return UNCHANGED
    _validate(adoption, checked=checked)
    adoption._history_user = by
    adoption.save()
    return CREATED if before is None else UPDATED


def _validate(adoption: Adoption, *, checked: bool) -> None:
    """The rules a person can fix, each naming its field; then the model's own. Rows already
    checked by learning.adoption_rows skip the model's per-row queries (foreign keys exist,
    constraints hold: they were looked up and checked for the whole batch)."""
    errors = {}
    if adoption.adopted_on and adoption.status:
        future = future_date_problem(adoption.adopted_on, adoption.status, timezone.localdate())
        if future:
            errors["adopted_on"] = future
    errors.update(
        source_problems(adoption.source, adoption.source_project, adoption.source_programme)
    )
    if errors:
        raise ValidationError(errors)
    if checked:
        adoption.full_clean(
            exclude=["organisation", "entry", "package_of", "source_project", "source_programme"],
            validate_unique=False,
            validate_constraints=False,
        )
    else:
        adoption.full_clean()


# Many adoptions ----------------------------------------------------------------------------


def may_record_some(by: User) -> bool:
    """National admins, regional leads and programme leads record adoptions (of what, and for
    whom, each row's check decides)."""
    if is_national_admin(by) or led_region_ids(by):
        return True
    return by.is_authenticated and Programme.objects.filter(leads=by).exists()


def check_may_record_some(by: User) -> None:
    """Whoever may record no adoption at all is refused the batch as a whole."""
    if may_record_some(by):
        return
    raise PermissionDenied(
        "Only regional leads, programme leads and national admins can record adoptions."
    )


def adoptions_save(
    *,
    by: User,
    rows: list[dict],
    partial: bool = False,
    dry_run: bool = False,
    numbers: list[int] | None = None,
) -> AdoptionsSummary:
    """Records (or updates) one adoption a row. `rows` as learning.adoption_rows describes;
    `numbers` the row numbers the person sees (a CSV file's lines), else 1, 2, 3... . All or
    nothing unless `partial` (which saves the good rows); `dry_run` checks and saves nothing."""
    check_may_record_some(by)
    checked = check(by, rows, numbers=numbers, today=timezone.localdate())
    summary = AdoptionsSummary(problems=checked.problems)
    if checked.problems and not partial:
        return summary
    try:
        with transaction.atomic():
            _save_rows(by, checked.rows, summary, dry_run=dry_run)
    except _RowRefused as refused:  # a rule the row checks missed: nothing is kept
        summary = AdoptionsSummary(problems=[*checked.problems, *refused.problems])
    summary.problems.sort(key=lambda problem: problem.row)
    return summary


class _RowRefused(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems


def _save_rows(by, rows, summary: AdoptionsSummary, *, dry_run: bool) -> None:
    existing = _existing_for(rows)
    for row in rows:
        values = dict(row.values)
        key = _key(values)
        adoption = existing.get(key) or Adoption(
            organisation=values.pop("organisation"),
            entry=values.pop("entry", None),
            package_of=values.pop("package_of", None),
            recorded_by=by,
        )
        changes = {name: values[name] for name in FIELDS}
        if dry_run:
            summary.count(_would_happen(adoption, changes))
            continue
        try:
            summary.count(_apply(by, adoption, changes, checked=True))
        except ValidationError as error:
            raise _RowRefused(
                [
                    Problem(row.row, _column(name), "invalid", message)
                    for name, messages in error.message_dict.items()
                    for message in messages
                ]
            ) from None
    summary.saved = not dry_run and bool(summary.created or summary.updated)


def _key(values: dict) -> tuple:
    if values.get("entry") is not None:
        return (values["organisation"].pk, "entry", values["entry"].pk)
    return (values["organisation"].pk, "package", values["package_of"].pk)


def _existing_for(rows) -> dict[tuple, Adoption]:
    """The adoptions the rows would update: one query for entries, one for packages."""
    entry_rows = [row.values for row in rows if row.values.get("entry") is not None]
    package_rows = [row.values for row in rows if row.values.get("package_of") is not None]
    found: dict[tuple, Adoption] = {}
    if entry_rows:
        for adoption in Adoption.objects.select_for_update().filter(
            organisation__in={v["organisation"].pk for v in entry_rows},
            entry__in={v["entry"].pk for v in entry_rows},
        ):
            found[(adoption.organisation_id, "entry", adoption.entry_id)] = adoption
    if package_rows:
        for adoption in Adoption.objects.select_for_update().filter(
            organisation__in={v["organisation"].pk for v in package_rows},
            package_of__in={v["package_of"].pk for v in package_rows},
        ):
            found[(adoption.organisation_id, "package", adoption.package_of_id)] = adoption
    return found


def _would_happen(adoption: Adoption, changes: dict) -> str:
    if adoption.pk is None:
        return CREATED
    before = _snapshot(adoption)
    after = tuple(getattr(value, "pk", value) for value in (changes[name] for name in FIELDS))
    return UNCHANGED if before == after else UPDATED


def _column(name: str) -> str:
    return {"entry": "change", "package_of": "package", "__all__": "row"}.get(name, name)
