"""The form for a note on one point of a measure's chart (measurement.services.notes saves it)."""

from datetime import date

from django import forms

from core.wording import long_date, month_year, short_date
from measurement.models import DataType, Frequency, Measure
from measurement.services.notes import MAX_NOTE_LENGTH, note_periods
from projects.models import PDSACycle

NO_PERIOD = "Choose the point the note is about"
NO_TEXT = "Write the note: say what happened at this point"


def period_label(measure: Measure, period: date) -> str:
    """How the point is named in the list of periods: 'Week of 1 Jan 2024', 'January 2024'."""
    if measure.data_type == DataType.EVENTS:
        return f"Event on {short_date(period)}"
    if measure.frequency == Frequency.MONTHLY:
        return month_year(period)
    return f"Week of {short_date(period)}"


def _iso_date(value: str) -> date:
    return date.fromisoformat(value)


class PointNoteForm(forms.Form):
    prefix = "note"  # its fields' ids stay unique on the measure page beside the phase form

    period = forms.TypedChoiceField(
        label="Which point",
        coerce=_iso_date,
        error_messages={
            "required": NO_PERIOD,
            "invalid_choice": "Choose a period from the list: only points with data can have "
            "a note",
        },
    )
    text = forms.CharField(
        label="Note",
        help_text="What happened, in a sentence or two: “agency staff on nights”, "
        "“data from paper records this week”.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_NOTE_LENGTH,
        error_messages={
            "required": NO_TEXT,
            "max_length": f"Keep the note to {MAX_NOTE_LENGTH:,} characters or fewer",
        },
    )
    pdsa_cycle = forms.ModelChoiceField(
        label="PDSA cycle tested at this point (optional)",
        queryset=PDSACycle.objects.none(),
        required=False,
        empty_label="No PDSA cycle",
        error_messages={"invalid_choice": "Choose a PDSA cycle of this project from the list"},
    )

    def __init__(self, *args, measure: Measure, current: date | None = None, **kwargs):
        """`current`: the period of the note being changed, offered even if its value has
        since been removed."""
        super().__init__(*args, **kwargs)
        periods = sorted({*note_periods(measure), *([current] if current else [])})
        self.fields["period"].choices = [
            ("", "Choose a point"),
            *((p.isoformat(), period_label(measure, p)) for p in periods),
        ]
        self.fields["pdsa_cycle"].queryset = measure.project.pdsa_cycles.order_by(
            "start_date", "pk"
        )
        self.fields["pdsa_cycle"].label_from_instance = _cycle_label


def _cycle_label(cycle: PDSACycle) -> str:
    return f"{cycle.title} (from {long_date(cycle.start_date)})"
