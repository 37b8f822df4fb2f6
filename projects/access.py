"""The access policy for projects and their parts (diagram nodes, PDSA cycles, care settings).

Every signed-in user may read every project: sight of QI work across regions is the aim. Leads
edit the projects their regions lead or join, team members their own projects, national admins
all. A project's parts follow the project (docs/access-policy.md).
"""

from django.db.models import Q, QuerySet

from projects.models import (
    CareSetting,
    ChangeIdea,
    PDSACycle,
    PrimaryDriver,
    Project,
    SecondaryDriver,
)
from regions.access import can_write_region_records
from regions.models import Region, User
from regions.roles import is_national_admin, led_region_ids


def projects_visible_to(user: User) -> QuerySet[Project]:
    if not user.is_authenticated:
        return Project.objects.none()
    return Project.objects.all()


def projects_editable_by(user: User) -> QuerySet[Project]:
    if not user.is_authenticated:
        return Project.objects.none()
    if is_national_admin(user):
        return Project.objects.all()
    regions = led_region_ids(user)
    editable_ids = Project.objects.filter(
        Q(lead_region__in=regions) | Q(participating_regions__in=regions) | Q(members__user=user)
    ).values("id")
    return Project.objects.filter(id__in=editable_ids)


def can_create_project(user: User, region: Region | None = None) -> bool:
    """With a region: may create a project led by it; without: by any region."""
    if region is None:
        return is_national_admin(user) or bool(led_region_ids(user))
    return can_write_region_records(user, region)


def can_edit_project(user: User, project: Project) -> bool:
    if not user.is_authenticated:
        return False
    if is_national_admin(user):
        return True
    regions = led_region_ids(user)
    if project.lead_region_id in regions:
        return True
    if regions & set(project.participating_regions.values_list("id", flat=True)):
        return True
    return project.members.filter(user=user).exists()


# Driver diagrams and PDSA cycles: whether one may be changed is `can_edit_project`'s question.


def primary_drivers_visible_to(user: User) -> QuerySet[PrimaryDriver]:
    return PrimaryDriver.objects.filter(project__in=projects_visible_to(user))


def secondary_drivers_visible_to(user: User) -> QuerySet[SecondaryDriver]:
    return SecondaryDriver.objects.filter(primary_driver__project__in=projects_visible_to(user))


def change_ideas_visible_to(user: User) -> QuerySet[ChangeIdea]:
    return ChangeIdea.objects.filter(project__in=projects_visible_to(user))


def pdsa_cycles_visible_to(user: User) -> QuerySet[PDSACycle]:
    return PDSACycle.objects.filter(project__in=projects_visible_to(user))


def care_settings_visible_to(user: User) -> QuerySet[CareSetting]:
    return CareSetting.objects.all() if user.is_authenticated else CareSetting.objects.none()
