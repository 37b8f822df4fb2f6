"""A programme's shared measures: adopting a standard measure from the national library,
switching it between mandatory and optional, or no longer sharing it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from core.lookup import visible_or_404
from learning.forms.programmes import SharedMeasureForm, SharedMeasureUpdateForm
from learning.models import Programme, SharedMeasure
from learning.services import programmes as services
from learning.views.programmes_lookup import add_errors, editable_programme
from measurement import access as measurement_access


def _measures_url(programme) -> str:
    return f"{programme.get_absolute_url()}#measures"


def _shared_measure(programme: Programme, pk: int) -> SharedMeasure:
    shared = visible_or_404(
        programme.shared_measures.select_related("standard"),
        f"“{programme.name}” has no shared measure with the id {pk}.",
        pk=pk,
    )
    shared.programme = programme
    return shared


def shared_measure_create(request, slug):
    programme = editable_programme(request, slug)
    standards = measurement_access.standard_measures_visible_to(request.user).exclude(
        programme_uses__programme=programme
    )
    form = SharedMeasureForm(request.POST or None, standards=standards.order_by("name"))
    if request.method == "POST" and form.is_valid():
        try:
            shared = services.shared_measure_add(
                by=request.user, programme=programme, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                f"“{shared.standard.name}” is now a shared measure of “{programme.name}”.",
            )
            return redirect(_measures_url(programme))
    return render(
        request,
        "learning/programmes/shared_measure_form.jinja",
        {"form": form, "programme": programme},
    )


def shared_measure_update(request, slug, shared_pk):
    programme = editable_programme(request, slug)
    shared = _shared_measure(programme, shared_pk)
    data = request.POST if request.method == "POST" else None  # an empty POST is still bound
    form = SharedMeasureUpdateForm(data, shared=shared)
    if request.method == "POST" and form.is_valid():
        try:
            services.shared_measure_update(by=request.user, shared=shared, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            how = "every team collects it" if shared.is_mandatory else "it is optional"
            messages.success(request, f"“{shared.standard.name}” was saved: {how}.")
            return redirect(_measures_url(programme))
    return render(
        request,
        "learning/programmes/shared_measure_update.jinja",
        {"form": form, "programme": programme, "shared": shared},
    )


def shared_measure_remove(request, slug, shared_pk):
    """GET asks to confirm; POST stops sharing the measure (the teams keep their measures)."""
    programme = editable_programme(request, slug)
    shared = _shared_measure(programme, shared_pk)
    if request.method == "POST":
        services.shared_measure_remove(by=request.user, shared=shared)
        messages.success(
            request,
            f"“{shared.standard.name}” is no longer a shared measure of “{programme.name}”. "
            "The teams keep their own measures of it and their data.",
        )
        return redirect(_measures_url(programme))
    return render(
        request,
        "learning/programmes/shared_measure_remove.jinja",
        {"programme": programme, "shared": shared},
    )
