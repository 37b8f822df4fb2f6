from django.core.exceptions import PermissionDenied

from projects import access
from projects.models import Project
from regions import access as regions_access
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


def check_may_invite(
    by: User, *, project: Project | None = None, region: Region | None = None
) -> None:
    """Inviting to a project needs `can_invite_to_project`, to a region `can_invite_to_region`;
    an invitation to both needs both. Resending and cancelling one need the same."""
    if project is not None and not access.can_invite_to_project(by, project):
        raise PermissionDenied(
            f"Only the project's leads, leads of its regions and national admins can invite "
            f"people to “{project.title}”."
        )
    if region is not None and not regions_access.can_invite_to_region(by, region):
        raise PermissionDenied(
            f"Only leads of {region.name} and national admins can invite its regional leads."
        )
