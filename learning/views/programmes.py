"""The programme pages: the list, starting and editing a programme, and its overview. The
services check who may; the views look the programme up in what the user may see."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from core.lookup import refuse_unless
from learning import access
from learning.forms.programmes import ProgrammeFilterForm, ProgrammeForm
from learning.presenters.programmes import list_rows, programme_page_context, programmes_for_list
from learning.services import programmes as services
from learning.views.programmes_lookup import add_errors, editable_programme, visible_programme


def _filtered(request):
    form = ProgrammeFilterForm(request.GET or None)
    programmes = access.programmes_visible_to(request.user)
    if form.is_valid():
        chosen = form.cleaned_data
        if chosen["status"]:
            programmes = programmes.filter(status=chosen["status"])
        if chosen["topic"]:
            programmes = programmes.filter(topic=chosen["topic"])
        if chosen["region"]:
            programmes = programmes.filter(lead_regions=chosen["region"])
    return form, programmes


def programme_list(request):
    form, programmes = _filtered(request)
    rows = list_rows(programmes_for_list(programmes))
    return render(
        request,
        "learning/programmes/programme_list.jinja",
        {
            "filter_form": form,
            "rows": rows,
            "may_create": access.can_create_programme(request.user),
        },
    )


def programme_create(request):
    refuse_unless(
        access.can_create_programme(request.user),
        "Only regional leads and national admins can start a programme.",
    )
    form = ProgrammeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(by=request.user, **form.service_values())
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"“{programme.name}” was started. Next, add its teams.")
            return redirect(programme)
    return render(
        request, "learning/programmes/programme_form.jinja", {"form": form, "programme": None}
    )


def programme_update(request, slug):
    programme = editable_programme(request, slug)
    form = ProgrammeForm(request.POST or None, instance=programme, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_update(
                by=request.user, programme=visible_programme(request, slug), **form.service_values()
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"“{programme.name}” was updated.")
            return redirect(programme)
    return render(
        request,
        "learning/programmes/programme_form.jinja",
        {"form": form, "programme": visible_programme(request, slug)},
    )


def programme_detail(request, slug):
    programme = visible_programme(request, slug)
    return render(
        request,
        "learning/programmes/programme_detail.jinja",
        programme_page_context(request, programme),
    )
