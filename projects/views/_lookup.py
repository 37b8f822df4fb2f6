"""Fetching a project (or one of its parts) the user may see, with a clear 404 otherwise."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from projects.models import PDSACycle, Project
from regions import access


def visible_project(request, pk: int) -> Project:
    project = (
        access.projects_visible_to(request.user).select_related("lead_region").filter(pk=pk).first()
    )
    if project is None:
        raise Http404(f"There is no project with the id {pk}.")
    return project


def editable_project(request, pk: int) -> Project:
    project = visible_project(request, pk)
    if not access.can_edit_project(request.user, project):
        raise PermissionDenied(
            f"Only the project team, leads of its regions and national admins can change "
            f"“{project.title}”."
        )
    return project


def project_cycle(project: Project, cycle_pk: int) -> PDSACycle:
    cycle = (
        project.pdsa_cycles.select_related("change_idea", "owner", "follows")
        .filter(pk=cycle_pk)
        .first()
    )
    if cycle is None:
        raise Http404(f"“{project.title}” has no PDSA cycle with the id {cycle_pk}.")
    return cycle
