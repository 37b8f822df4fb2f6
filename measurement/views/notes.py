"""Notes on points: add one from the measure page, change it (with its history) or remove it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.lookup import refuse_unless, visible_or_404
from measurement import access
from measurement.models import Measure, PointNote
from measurement.note_forms import PointNoteForm, period_label
from measurement.services import notes as services


def _refusal(measure: Measure) -> str:
    return (
        f"Only the team of “{measure.project.title}”, leads of its regions and national admins "
        f"can add or change notes on its charts."
    )


def _editable_measure(request, pk: int) -> Measure:
    measure = visible_or_404(
        access.measures_visible_to(request.user).select_related("project"),
        f"There is no measure with the id {pk}.",
        pk=pk,
    )
    refuse_unless(access.can_edit_measure(request.user, measure), _refusal(measure))
    return measure


def _editable_note(request, pk: int, note_pk: int) -> PointNote:
    measure = _editable_measure(request, pk)
    note = visible_or_404(
        access.notes_visible_to(request.user).select_related("pdsa_cycle", "created_by"),
        f"“{measure.name}” has no note with the id {note_pk}.",
        pk=note_pk,
        measure=measure,
    )
    note.measure = measure
    return note


def _saved(form, save) -> bool:
    """Runs `save` on a valid form; the service's refusals become the form's field errors."""
    if not form.is_valid():
        return False
    try:
        save(form.cleaned_data)
    except ValidationError as error:
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
        return False
    return True


def _notes_url(measure: Measure) -> str:
    return f"{measure.get_absolute_url()}#notes"


def note_create(request, pk):
    """The measure page's form posts here; a problem shows this page, naming the field."""
    measure = _editable_measure(request, pk)
    form = PointNoteForm(
        request.POST or None, measure=measure, initial={"period": request.GET.get("period")}
    )

    def save(values):
        services.note_add(by=request.user, measure=measure, **values)

    if request.method == "POST" and _saved(form, save):
        messages.success(request, "Your note was added to the point.")
        return redirect(_notes_url(measure))
    return render(
        request,
        "measurement/note_form.jinja",
        {"form": form, "measure": measure, "project": measure.project, "note": None},
    )


def note_update(request, pk, note_pk):
    note = _editable_note(request, pk, note_pk)
    measure = note.measure
    initial = {"period": note.period.isoformat(), "text": note.text, "pdsa_cycle": note.pdsa_cycle}
    form = PointNoteForm(
        request.POST or None, measure=measure, current=note.period, initial=initial
    )

    def save(values):
        services.note_update(by=request.user, note=note, **values)

    if request.method == "POST" and _saved(form, save):
        messages.success(request, "The note was changed. Its earlier wording is kept below.")
        return redirect("measurement:note_update", measure.pk, note.pk)
    context = {
        "form": form,
        "measure": measure,
        "project": measure.project,
        "note": note,
        "point": period_label(measure, note.period),
        "history": services.note_history(note),
    }
    return render(request, "measurement/note_form.jinja", context)


@require_POST
def note_delete(request, pk, note_pk):
    note = _editable_note(request, pk, note_pk)
    services.note_delete(by=request.user, note=note)
    messages.success(request, "The note was removed from the chart.")
    return redirect(_notes_url(note.measure))
