"""The access policy for projects and their parts (diagram nodes, PDSA cycles, care settings).

Every signed-in user may read every project: sight of QI work across regions is the aim. Leads
edit the projects their regions lead or join, team members their own projects, national admins
all. A project's parts follow the project (docs/access-policy.md).
"""

from django.db.models import Q, QuerySet

from projects.invitations.tokens import digest
from projects.models import (
    CareSetting,
    ChangeIdea,
    Invitation,
    PDSACycle,
    PrimaryDriver,
    Project,
    ProjectRole,
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


def _leads_a_region_of(user: User, project: Project) -> bool:
    regions = led_region_ids(user)
    if project.lead_region_id in regions:
        return True
    return bool(regions & set(project.participating_regions.values_list("id", flat=True)))


def can_edit_project(user: User, project: Project) -> bool:
    if not user.is_authenticated:
        return False
    if is_national_admin(user) or _leads_a_region_of(user, project):
        return True
    return project.members.filter(user=user).exists()


# Invitations: project leads, leads of the project's regions and national admins invite people to
# a project's team by email (any team member may add someone who already has an account); a
# region's leads and national admins invite its new leads (`regions.access`).


def can_invite_to_project(user: User, project: Project) -> bool:
    if not user.is_authenticated:
        return False
    if is_national_admin(user) or _leads_a_region_of(user, project):
        return True
    return project.members.filter(user=user, role=ProjectRole.LEAD).exists()


def projects_invitable_by(user: User) -> QuerySet[Project]:
    if not user.is_authenticated:
        return Project.objects.none()
    if is_national_admin(user):
        return Project.objects.all()
    regions = led_region_ids(user)
    invitable_ids = Project.objects.filter(
        Q(lead_region__in=regions)
        | Q(participating_regions__in=regions)
        | Q(members__user=user, members__role=ProjectRole.LEAD)
    ).values("id")
    return Project.objects.filter(id__in=invitable_ids)


def invitations_manageable_by(user: User) -> QuerySet[Invitation]:
    """The invitations this user may list, resend and cancel: every part of each (its project,
    its region) must be one they may invite to."""
    if not user.is_authenticated:
        return Invitation.objects.none()
    if is_national_admin(user):
        return Invitation.objects.all()
    return Invitation.objects.filter(
        Q(project__isnull=True) | Q(project__in=projects_invitable_by(user)),
        Q(region__isnull=True) | Q(region__in=led_region_ids(user)),
    )


def invitation_with_token(token: str) -> Invitation | None:
    """Whoever holds an invitation's link may read it (to accept it); the table holds only the
    token's digest."""
    return (
        Invitation.objects.select_related("project", "region", "invited_by")
        .filter(token_digest=digest(token))
        .first()
    )


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
