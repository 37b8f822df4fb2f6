from django.core.exceptions import PermissionDenied

from projects import access
from projects.models import Project
from regions.models import Region, User


def check_may_create(by: User, region: Region) -> None:
    if not access.can_create_project(by, region):
        raise PermissionDenied(
            f"Only leads of {region.name} and national admins can start projects it leads."
        )


def check_may_edit(by: User, project: Project) -> None:
    if not access.can_edit_project(by, project):
        raise PermissionDenied(
            f"Only the project team, leads of its regions and national admins can change "
            f"“{project.title}”."
        )
