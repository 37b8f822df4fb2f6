"""Rare events: recording and removing a measure's dated events."""

from datetime import date

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render

from core.form_fields import DateInput
from core.wording import long_date
from measurement import access
from measurement.models import DataType
from measurement.presenters import entry as present
from measurement.services.events import days_since_last_event, event_delete, events_upsert
from measurement.services.permissions import check_may_enter
from measurement.views.entry.lookup import measure_or_404


class EventForm(forms.Form):
    date = forms.DateField(
        label="Date of the event",
        widget=DateInput(),
        error_messages={
            "required": "Enter the date of the event",
            "invalid": "Enter the date of the event as a real date, like 06/01/2025",
        },
    )
    opportunities_since_previous = forms.IntegerField(
        label="Opportunities since the previous event",
        required=False,
        help_text="For example, deliveries since the previous event",
        error_messages={"invalid": "Enter the opportunities as a whole number, like 120"},
    )

    def __init__(self, *args, counted: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not counted:
            del self.fields["opportunities_since_previous"]


def event_entry(request, pk):
    measure = measure_or_404(request, pk)
    if measure.data_type != DataType.EVENTS:
        return redirect(present.grid_href(measure.project_id, measure.frequency))
    if request.method == "POST":
        check_may_enter(request.user, measure)
        if "delete" in request.POST:
            return _delete_event(request, measure)
    form = EventForm(
        request.POST if request.method == "POST" else None, counted=measure.chart == "g"
    )
    if request.method == "POST" and form.is_valid() and _record_event(request, measure, form):
        return redirect(request.path)
    context = present.events_context(
        measure, days_since_last_event(measure), access.can_edit_measure(request.user, measure)
    )
    context["form"] = form
    return render(request, "measurement/entry/events.jinja", context)


def _record_event(request, measure, form) -> bool:
    day = form.cleaned_data["date"]
    if measure.events.filter(date=day).exists():
        form.add_error("date", f"An event on {long_date(day)} is already recorded")
        return False
    row = {"date": day.isoformat(), **{k: v for k, v in form.cleaned_data.items() if k != "date"}}
    summary = events_upsert(by=request.user, measure=measure, rows=[row])
    for problem in summary.rejected:
        form.add_error(problem.field if problem.field in form.fields else None, problem.message)
    if summary.rejected:
        return False
    messages.success(request, f"The event on {long_date(day)} is recorded.")
    return True


def _delete_event(request, measure):
    try:
        day = date.fromisoformat(request.POST["delete"])
    except ValueError:
        raise Http404("There is no event on that date.") from None
    if event_delete(by=request.user, measure=measure, date=day):
        messages.success(request, f"The event on {long_date(day)} was removed.")
    return redirect(request.path)
