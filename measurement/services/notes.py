"""Notes on points: a team's word on one point of its chart, with a PDSA cycle if it has one.

Whoever may change a project's measures (its team, leads of its regions, national admins) may
add, change and remove notes; every version is kept in `PointNote.history`.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from core.keywords import NOT_GIVEN, given
from core.wording import long_date
from measurement.models import DataType, Measure, PointNote
from measurement.services.permissions import check_may_edit_measures
from projects.models import PDSACycle
from regions.models import User

MAX_NOTE_LENGTH = 1_000


def note_periods(measure: Measure) -> list[date]:
    """The periods a note can be attached to: those with a value, or the events' dates."""
    if measure.data_type == DataType.EVENTS:
        dates = measure.events.order_by("date").values_list("date", flat=True)
    else:
        dates = measure.data_points.order_by("period").values_list("period", flat=True)
    return list(dates)


def _has_point(measure: Measure, period: date) -> bool:
    if measure.data_type == DataType.EVENTS:
        return measure.events.filter(date=period).exists()
    return measure.data_points.filter(period=period).exists()


def _period_problem(measure: Measure, period) -> ValidationError | None:
    if not isinstance(period, date):
        return ValidationError("Choose the point the note is about", code="required")
    if not _has_point(measure, period):
        noun = "an event was recorded" if measure.data_type == DataType.EVENTS else "has data"
        return ValidationError(
            f"Choose a period that {noun}: there is no point on {long_date(period)}",
            code="no_point",
        )
    return None


def _text_problem(measure: Measure, text) -> ValidationError | None:
    text = (text or "").strip() if isinstance(text, str) else ""
    if not text:
        return ValidationError("Write the note: say what happened at this point", code="blank")
    if len(text) > MAX_NOTE_LENGTH:
        return ValidationError(
            f"Keep the note to {MAX_NOTE_LENGTH:,} characters or fewer (it has {len(text):,})",
            code="max_length",
        )
    return None


def _cycle_problem(measure: Measure, cycle: PDSACycle | None) -> ValidationError | None:
    if cycle is not None and cycle.project_id != measure.project_id:
        return ValidationError(
            "Choose a PDSA cycle of this measure's project", code="other_project"
        )
    return None


CHECKS = {"period": _period_problem, "text": _text_problem, "pdsa_cycle": _cycle_problem}


def _check(measure: Measure, values: dict) -> None:
    """Every problem with the given fields at once, each under its field's name."""
    problems = {field: CHECKS[field](measure, value) for field, value in values.items()}
    errors = {field: problem for field, problem in problems.items() if problem}
    if errors:
        raise ValidationError(errors)


def _save(note: PointNote, by: User) -> PointNote:
    note._history_user = by
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def note_add(
    *, by: User, measure: Measure, period, text: str, pdsa_cycle: PDSACycle | None = None
) -> PointNote:
    check_may_edit_measures(by, measure.project)
    _check(measure, {"period": period, "text": text, "pdsa_cycle": pdsa_cycle})
    note = PointNote(
        measure=measure, period=period, text=text.strip(), pdsa_cycle=pdsa_cycle, created_by=by
    )
    return _save(note, by)


@transaction.atomic
def note_update(
    *, by: User, note: PointNote, period=NOT_GIVEN, text=NOT_GIVEN, pdsa_cycle=NOT_GIVEN
) -> PointNote:
    """Changes what is given; the earlier version stays in the note's history."""
    changes = given(locals(), leave_out=("by", "note"))
    check_may_edit_measures(by, note.measure.project)
    if changes.get("period") == note.period:
        del changes["period"]  # kept as it was, even if its value has since been removed
    _check(note.measure, changes)
    if "text" in changes:
        changes["text"] = changes["text"].strip()
    for name, value in changes.items():
        setattr(note, name, value)
    return _save(note, by)


@transaction.atomic
def note_delete(*, by: User, note: PointNote) -> None:
    """Removes the note from the chart; its history keeps what it said, who and when."""
    check_may_edit_measures(by, note.measure.project)
    note._history_user = by
    note.delete()


def note_history(note: PointNote) -> list:
    """Every version of the note, newest first, with who saved it."""
    return list(
        note.history.select_related("history_user").order_by("-history_date", "-history_id")
    )
