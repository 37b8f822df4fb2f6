"""A measure's notes on points, numbered in period order: the chart's markers and the data
table's Notes column use the same numbers, so the two always agree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from measurement.models import Measure, PointNote

FORMER_USER = "a former user"


@dataclass(frozen=True)
class NumberedNote:
    number: int  # 1, 2, 3 … in period order (then in the order written)
    period: date
    text: str
    by: str  # who wrote it, as a name
    at: datetime  # when it was written
    pdsa_cycle: str | None  # the attached PDSA cycle's title
    note: PointNote


def numbered_notes(measure: Measure) -> list[NumberedNote]:
    """Every note on the measure's points, oldest period first, in one query."""
    notes = (
        PointNote.objects.filter(measure=measure)
        .select_related("created_by", "pdsa_cycle")
        .order_by("period", "created_at", "pk")
    )
    return [_numbered(number, note) for number, note in enumerate(notes, start=1)]


def _numbered(number: int, note: PointNote) -> NumberedNote:
    return NumberedNote(
        number=number,
        period=note.period,
        text=note.text,
        by=_name(note.created_by),
        at=note.created_at,
        pdsa_cycle=note.pdsa_cycle.title if note.pdsa_cycle else None,
        note=note,
    )


def _name(user) -> str:
    if user is None:
        return FORMER_USER
    return user.get_full_name() or user.username
