"""Phases of a measure's chart: start one after a change (rebase), or remove one (after a
confirmation). The services check who may; the views only look the measure up."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from core.lookup import refuse_unless, visible_or_404
from measurement import access
from measurement.forms import RebaseForm
from measurement.models import Measure, Rebase
from measurement.presenters.measure import measure_page_context
from measurement.presenters.phases import long_date
from measurement.services import phases as services


def _editable_measure(request, pk: int) -> Measure:
    measure = visible_or_404(
        access.measures_visible_to(request.user).select_related("project", "project__lead_region"),
        f"There is no measure with the id {pk}.",
        pk=pk,
    )
    refuse_unless(
        access.can_edit_measure(request.user, measure),
        f"Only the team of “{measure.project.title}”, leads of its regions and national "
        f"admins can start or remove phases of its charts.",
    )
    return measure


def _phases_url(measure: Measure) -> str:
    return f"{measure.get_absolute_url()}#phases"


def rebase_create(request, pk: int):
    measure = _editable_measure(request, pk)
    if request.method != "POST":
        return redirect(_phases_url(measure))
    form = RebaseForm(request.POST, measure=measure)
    if form.is_valid():
        try:
            rebase = services.rebase_add(by=request.user, measure=measure, **form.cleaned_data)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(
                request,
                f"Phase from {long_date(rebase.start)} started: the chart's centre line and "
                f"limits are recalculated from there.",
            )
            return redirect(_phases_url(measure))
    context = measure_page_context(request, measure)
    context.update(rebase_form=form, phase_form_open=True)
    return render(request, "measurement/measure_detail.jinja", context)


def rebase_remove(request, pk: int, rebase_pk: int):
    """GET asks to confirm; POST removes the phase (its reason stays in the history)."""
    measure = _editable_measure(request, pk)
    rebase: Rebase = visible_or_404(
        measure.rebases.select_related("created_by"),
        f"“{measure.name}” has no phase with the id {rebase_pk}.",
        pk=rebase_pk,
    )
    rebase.measure = measure
    if request.method == "POST":
        services.rebase_remove(by=request.user, rebase=rebase)
        messages.success(
            request,
            f"The phase from {long_date(rebase.start)} was removed; the chart joins it to the "
            f"phase before. Its reason is kept under “Removed phases”.",
        )
        return redirect(_phases_url(measure))
    return render(
        request,
        "measurement/rebase_remove.jinja",
        {"measure": measure, "project": measure.project, "rebase": rebase},
    )
