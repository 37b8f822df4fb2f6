"""Fetching the project or measure a page is about, through the access policy, with a clear
404 otherwise."""

from django.http import Http404

from regions import access


def project_or_404(request, pk: int):
    project = access.projects_visible_to(request.user).filter(pk=pk).first()
    if project is None:
        raise Http404(f"There is no project with the id {pk}.")
    return project


def measure_or_404(request, pk: int):
    measure = (
        access.measures_visible_to(request.user).select_related("project").filter(pk=pk).first()
    )
    if measure is None:
        raise Http404(f"There is no measure with the id {pk}.")
    return measure
