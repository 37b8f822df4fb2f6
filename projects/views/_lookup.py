"""Fetching a project (or one of its parts) the user may see, with a clear 404 otherwise."""

from core.lookup import refuse_unless, visible_or_404
from projects import access
from projects.models import ChangeIdea, PDSACycle, Project


def visible_project(request, pk: int) -> Project:
    return visible_or_404(
        access.projects_visible_to(request.user).select_related("lead_region"),
        f"There is no project with the id {pk}.",
        pk=pk,
    )


def editable_project(request, pk: int) -> Project:
    project = visible_project(request, pk)
    refuse_unless(
        access.can_edit_project(request.user, project),
        f"Only the project team, leads of its regions and national admins can change "
        f"“{project.title}”.",
    )
    return project


def project_cycle(project: Project, cycle_pk: int) -> PDSACycle:
    return visible_or_404(
        project.pdsa_cycles.select_related("change_idea", "owner", "follows"),
        f"“{project.title}” has no PDSA cycle with the id {cycle_pk}.",
        pk=cycle_pk,
    )


def project_change_idea(project: Project, idea_pk: int) -> ChangeIdea:
    return visible_or_404(
        project.change_ideas,
        f"“{project.title}” has no change idea with the id {idea_pk}.",
        pk=idea_pk,
    )
