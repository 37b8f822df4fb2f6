from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from core.lookup import refuse_unless, visible_or_404
from measurement import access, charting
from measurement.forms import MeasureForm
from measurement.presenters.measure import measure_page_context
from measurement.services import measures as services
from projects.views._lookup import editable_project

IMAGE_TYPES = {"svg": "image/svg+xml", "png": "image/png"}


def _measure_or_404(request, pk):
    return visible_or_404(
        access.measures_visible_to(request.user).select_related("project", "project__lead_region"),
        f"There is no measure with the id {pk}.",
        pk=pk,
    )


def _editable_measure(request, pk):
    measure = _measure_or_404(request, pk)
    refuse_unless(
        access.can_edit_measure(request.user, measure),
        f"Only the team of “{measure.project.title}”, leads of its regions and national "
        f"admins can change its measures.",
    )
    return measure


def measure_create(request, project_pk):
    project = editable_project(request, project_pk)
    form = MeasureForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        measure = services.measure_create(by=request.user, project=project, **form.cleaned_data)
        messages.success(request, f"“{measure.name}” was added. Enter its data next.")
        return redirect(measure)
    return render(
        request,
        "measurement/measure_form.jinja",
        {"form": form, "project": project, "measure": None},
    )


def measure_update(request, pk):
    measure = _editable_measure(request, pk)
    form = MeasureForm(request.POST or None, instance=measure, project=measure.project)
    if request.method == "POST" and form.is_valid():
        services.measure_update(by=request.user, measure=measure, **form.cleaned_data)
        messages.success(request, f"“{measure.name}” was updated.")
        return redirect(measure)
    return render(
        request,
        "measurement/measure_form.jinja",
        {"form": form, "project": measure.project, "measure": measure},
    )


def measure_detail(request, pk):
    measure = _measure_or_404(request, pk)
    context = measure_page_context(request, measure)
    return render(request, "measurement/measure_detail.jinja", context)


def measure_chart(request, pk, image_format):
    if image_format not in IMAGE_TYPES:
        raise Http404("Charts come as .svg or .png.")
    measure = _measure_or_404(request, pk)
    narrow = request.GET.get("size") == "narrow"  # drawn for a phone's width
    response = HttpResponse(
        charting.chart_image(measure, image_format, narrow=narrow),
        content_type=IMAGE_TYPES[image_format],
    )
    response["Cache-Control"] = "private, max-age=60"
    if request.GET.get("download"):
        response["Content-Disposition"] = (
            f'attachment; filename="measure-{measure.pk}.{image_format}"'
        )
    return response
