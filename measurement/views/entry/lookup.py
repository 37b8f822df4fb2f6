"""Fetching the project or measure a page is about, through the access policy, with a clear
404 otherwise."""

from core.lookup import visible_or_404
from measurement import access
from projects import access as projects_access


def project_or_404(request, pk: int):
    return visible_or_404(
        projects_access.projects_visible_to(request.user),
        f"There is no project with the id {pk}.",
        pk=pk,
    )


def measure_or_404(request, pk: int):
    return visible_or_404(
        access.measures_visible_to(request.user).select_related("project"),
        f"There is no measure with the id {pk}.",
        pk=pk,
    )
