"""A programme's shared measures: adopting a standard measure from the national library."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from learning.forms.programmes import SharedMeasureForm
from learning.services import programmes as services
from learning.views.programmes_lookup import add_errors, editable_programme
from measurement import access as measurement_access


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
            return redirect(f"{programme.get_absolute_url()}#measures")
    return render(
        request,
        "learning/programmes/shared_measure_form.jinja",
        {"form": form, "programme": programme},
    )
