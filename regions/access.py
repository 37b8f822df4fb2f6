"""The access policy: who may see and change what.

Every page, API view and task asks this module, never the models directly, so one reading of this
file tells the whole policy (docs/adr/0002-access-policy.md). Querysets answer "which objects may
this user see/edit?"; `can_*` functions answer for one object. The parts of a project (diagram
nodes, PDSA cycles, measures and their data) follow the project's own scope.
"""

from django.db.models import Q, QuerySet

from measurement.models import DataPoint, Event, Measure, StandardMeasure
from projects.models import (
    CareSetting,
    ChangeIdea,
    PDSACycle,
    PrimaryDriver,
    Project,
    SecondaryDriver,
)
from regions.activity.kinds import Kind
from regions.models import NationalRole, Organisation, Region, User


def is_national(user: User) -> bool:
    return user.is_authenticated and user.national_role in (NationalRole.VIEWER, NationalRole.ADMIN)


def is_national_admin(user: User) -> bool:
    return user.is_authenticated and (user.national_role == NationalRole.ADMIN or user.is_superuser)


def led_region_ids(user: User) -> set[int]:
    """The regions this user leads, cached on the user object for the request."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_led_region_ids"):
        user._led_region_ids = set(user.led_regions.values_list("id", flat=True))
    return user._led_region_ids


def leads_region(user: User, region: Region) -> bool:
    return region.pk in led_region_ids(user)


# Regions -------------------------------------------------------------------------------------


def regions_visible_to(user: User) -> QuerySet[Region]:
    return Region.objects.all() if user.is_authenticated else Region.objects.none()


def regions_writable_by(user: User) -> QuerySet[Region]:
    """Regions whose records (organisations, activity) this user may create or change."""
    if is_national_admin(user):
        return Region.objects.all()
    return Region.objects.filter(id__in=led_region_ids(user))


def can_write_region_records(user: User, region: Region) -> bool:
    return is_national_admin(user) or leads_region(user, region)


# Organisations -------------------------------------------------------------------------------


def organisations_visible_to(user: User) -> QuerySet[Organisation]:
    """Any signed-in user may browse the organisation register."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.select_related("region")


def organisations_editable_by(user: User) -> QuerySet[Organisation]:
    return organisations_visible_to(user).filter(region__in=regions_writable_by(user))


def can_create_organisation(user: User) -> bool:
    return is_national_admin(user) or bool(led_region_ids(user))


def can_edit_organisation(user: User, organisation: Organisation) -> bool:
    return can_write_region_records(user, organisation.region)


# Activity records ----------------------------------------------------------------------------
# Every signed-in user may read every region's records; writing is `can_write_region_records`.


def activity_records_visible_to(user: User, kind: Kind) -> QuerySet:
    return kind.model.objects.filter(region__in=regions_visible_to(user))


# Projects ------------------------------------------------------------------------------------
# Leads edit projects their region leads or joins; team members edit their own projects.


def projects_visible_to(user: User) -> QuerySet[Project]:
    """Every signed-in user may read every project: sight of QI work across regions is the aim."""
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


# Measures ------------------------------------------------------------------------------------
# A measure belongs to a project: whoever may edit the project may edit its measures and data.


def measures_visible_to(user: User) -> QuerySet[Measure]:
    return Measure.objects.filter(project__in=projects_visible_to(user))


def measures_editable_by(user: User) -> QuerySet[Measure]:
    return Measure.objects.filter(project__in=projects_editable_by(user))


def can_edit_measure(user: User, measure: Measure) -> bool:
    return can_edit_project(user, measure.project)


def data_points_visible_to(user: User) -> QuerySet[DataPoint]:
    return DataPoint.objects.filter(measure__in=measures_visible_to(user))


def data_points_editable_by(user: User) -> QuerySet[DataPoint]:
    return DataPoint.objects.filter(measure__in=measures_editable_by(user))


def events_editable_by(user: User) -> QuerySet[Event]:
    return Event.objects.filter(measure__in=measures_editable_by(user))


# Reference data and people: readable by anyone signed in -----------------------------------


def standard_measures_visible_to(user: User) -> QuerySet[StandardMeasure]:
    """The national measure library."""
    if not user.is_authenticated:
        return StandardMeasure.objects.none()
    return StandardMeasure.objects.all()


def care_settings_visible_to(user: User) -> QuerySet[CareSetting]:
    return CareSetting.objects.all() if user.is_authenticated else CareSetting.objects.none()


def people_nameable_by(user: User) -> QuerySet[User]:
    """Whom a signed-in user may name as a team member or cycle owner: any active user."""
    if not user.is_authenticated:
        return User.objects.none()
    return User.objects.filter(is_active=True)
