"""The access policy for measures, their data and the national measure library.

A measure belongs to a project: whoever may see the project sees its measures, and whoever may
edit the project may edit its measures and data (docs/access-policy.md).
"""

from django.db.models import Q, QuerySet

from measurement.models import DataPoint, Event, Measure, PointNote, StandardMeasure
from projects.access import can_edit_project, projects_editable_by, projects_visible_to
from projects.models import Project
from regions.models import User
from regions.roles import is_national_admin, led_region_ids


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


def notes_visible_to(user: User) -> QuerySet[PointNote]:
    return PointNote.objects.filter(measure__in=measures_visible_to(user))


def standard_measures_visible_to(user: User) -> QuerySet[StandardMeasure]:
    """The national measure library: readable by anyone signed in."""
    if not user.is_authenticated:
        return StandardMeasure.objects.none()
    return StandardMeasure.objects.all()


def can_remind_team(user: User, project) -> bool:
    """Who may remind a project's team of its overdue data: national admins, leads of the
    project's lead region, and the leads of a programme it belongs to (its programme leads and
    the leads of the programme's lead regions), found through the programme tables' relations
    by name, as this app sits below the learning app."""
    if is_national_admin(user):
        return True
    if not user.is_authenticated:
        return False
    led = led_region_ids(user)
    if project.lead_region_id in led:
        return True
    programme_lead = Q(programme_memberships__programme__leads=user)
    if led:
        programme_lead |= Q(programme_memberships__programme__lead_regions__in=led)
    return Project.objects.filter(
        programme_lead, pk=project.pk, programme_memberships__left_on__isnull=True
    ).exists()
