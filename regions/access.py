"""The access policy for regions, organisations, activity records and people.

Each app answers for its own models (docs/access-policy.md lists them all): querysets answer
"which objects may this user see/edit?", `can_*` functions answer for one object. Pages, API
views, services and tasks ask these, never the models directly.
"""

from django.db.models import QuerySet

from regions.activity.kinds import Kind
from regions.models import Organisation, Region, User
from regions.roles import is_national_admin, leads_region, led_region_ids

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


# People --------------------------------------------------------------------------------------


def people_nameable_by(user: User) -> QuerySet[User]:
    """Whom a signed-in user may name as a team member or cycle owner: any active user."""
    if not user.is_authenticated:
        return User.objects.none()
    return User.objects.filter(is_active=True)


def can_invite_to_region(user: User, region: Region) -> bool:
    """A region's leads and national admins invite new regional leads of it by email."""
    return is_national_admin(user) or leads_region(user, region)


def can_manage_tokens_of(by: User, user: User) -> bool:
    """A user manages their own API tokens; national admins may manage anyone's."""
    return by.pk == user.pk or is_national_admin(by)
