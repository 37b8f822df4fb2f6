"""The parts of projects a user may see, derived from the access policy's projects.

`regions.access` answers for projects; every signed-in user may read every project, and so
every node and cycle of one. Whether they may change one is the services' question.
"""

from django.db.models import QuerySet

from projects.models import CareSetting, ChangeIdea, PDSACycle, PrimaryDriver, SecondaryDriver
from regions import access
from regions.models import User


def primary_drivers_visible_to(user: User) -> QuerySet[PrimaryDriver]:
    return PrimaryDriver.objects.filter(project__in=access.projects_visible_to(user))


def secondary_drivers_visible_to(user: User) -> QuerySet[SecondaryDriver]:
    return SecondaryDriver.objects.filter(
        primary_driver__project__in=access.projects_visible_to(user))


def change_ideas_visible_to(user: User) -> QuerySet[ChangeIdea]:
    return ChangeIdea.objects.filter(project__in=access.projects_visible_to(user))


def pdsa_cycles_visible_to(user: User) -> QuerySet[PDSACycle]:
    return PDSACycle.objects.filter(project__in=access.projects_visible_to(user))


def care_settings_for(user: User) -> QuerySet[CareSetting]:
    """Reference data (from a migration), readable by anyone signed in."""
    return CareSetting.objects.all() if user.is_authenticated else CareSetting.objects.none()


def people_for(user: User) -> QuerySet[User]:
    """Whom a signed-in user may name as a team member or cycle owner: any active user."""
    if not user.is_authenticated:
        return User.objects.none()
    return User.objects.filter(is_active=True)


def changed_since(model):
    """An `updated_field` for models with history but no timestamp: rows whose history has a
    record at or after the moment (the diagram's nodes)."""

    def filter_changed(queryset: QuerySet, since) -> QuerySet:
        return queryset.filter(pk__in=model.history.filter(history_date__gte=since).values("id"))

    return filter_changed
