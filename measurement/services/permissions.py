from django.core.exceptions import PermissionDenied

from measurement.models import Measure
from projects import access as projects_access
from projects.models import Project
from regions.models import User


def _refusal(project: Project) -> PermissionDenied:
    return PermissionDenied(
        f"Only the team of “{project.title}”, leads of its regions and national admins can "
        f"change its measures and data."
    )


def check_may_edit_measures(by: User, project: Project) -> None:
    if not projects_access.can_edit_project(by, project):
        raise _refusal(project)


def check_may_enter(by: User, measure: Measure) -> None:
    check_may_edit_measures(by, measure.project)


def check_may_enter_all(by: User, measures: list[Measure]) -> None:
    """`check_may_enter` for many measures in one query, however many projects they span."""
    project_ids = {measure.project_id for measure in measures}
    editable = set(
        projects_access.projects_editable_by(by)
        .filter(pk__any=project_ids)
        .values_list("pk", flat=True)
    )
    refused = next((m for m in measures if m.project_id not in editable), None)
    if refused is not None:
        raise _refusal(refused.project)
