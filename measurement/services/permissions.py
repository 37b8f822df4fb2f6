from django.core.exceptions import PermissionDenied

from measurement.models import Measure
from projects import access as projects_access
from projects.models import Project
from regions.models import User


def check_may_edit_measures(by: User, project: Project) -> None:
    if not projects_access.can_edit_project(by, project):
        raise PermissionDenied(
            f"Only the team of “{project.title}”, leads of its regions and national admins can "
            f"change its measures and data."
        )


def check_may_enter(by: User, measure: Measure) -> None:
    check_may_edit_measures(by, measure.project)
