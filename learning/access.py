"""The access policy for programmes, the catalogue of changes and adoptions.

Every signed-in user reads all of it: the point is to see what works elsewhere. Writes:
- a **programme** (its members, sessions, attendance, shared measures and package): national
  admins, its programme leads, and leads of its lead regions;
- a **catalogue entry**: national admins, and the leads of its owner (the owning programme as
  above, or the owning region's leads);
- **linking a change idea** to an entry or promoting it to a new one: national admins, leads of the
  idea's project's regions, and leads of any programme the project belongs to;
- an **adoption**: national admins, leads of the organisation's region, and leads of the programme
  it concerns (the programme whose package is adopted, whose package holds the entry, which owns
  the entry, or which the adoption names as its source).
National viewers read only. See docs/access-policy.md.
"""

from django.db.models import Q, QuerySet

from learning.models import (
    Adoption,
    ChangeEntry,
    EntryStatus,
    LearningSession,
    Programme,
    ProgrammeMember,
    Story,
    StoryStatus,
)
from projects.access import can_create_project, can_edit_project
from projects.models import ChangeIdea, Project, ProjectRole
from regions.models import Organisation, Region, User
from regions.roles import is_national_admin, leads_region, led_region_ids

# Programmes ------------------------------------------------------------------------------------


def programmes_visible_to(user: User) -> QuerySet[Programme]:
    return Programme.objects.all() if user.is_authenticated else Programme.objects.none()


def programmes_editable_by(user: User) -> QuerySet[Programme]:
    if not user.is_authenticated:
        return Programme.objects.none()
    if is_national_admin(user):
        return Programme.objects.all()
    editable_ids = Programme.objects.filter(
        Q(leads=user) | Q(lead_regions__in=led_region_ids(user))
    ).values("id")
    return Programme.objects.filter(id__in=editable_ids)


def can_create_programme(user: User, lead_regions=(), *, is_national: bool = False) -> bool:
    """Regional leads start programmes their regions lead; national admins any, national ones
    too. Without regions: whether this user may start any programme at all."""
    if is_national_admin(user):
        return True
    if not user.is_authenticated or is_national:
        return False
    led = led_region_ids(user)
    if not lead_regions:
        return bool(led)
    return {region.pk for region in lead_regions} <= led


def is_programme_lead(user: User, programme: Programme) -> bool:
    return user.is_authenticated and programme.leads.filter(pk=user.pk).exists()


def can_edit_programme(user: User, programme: Programme) -> bool:
    if not user.is_authenticated:
        return False
    if is_national_admin(user) or is_programme_lead(user, programme):
        return True
    led = led_region_ids(user)
    return bool(led) and programme.lead_regions.filter(pk__in=led).exists()


def sessions_visible_to(user: User) -> QuerySet[LearningSession]:
    return LearningSession.objects.filter(programme__in=programmes_visible_to(user))


def members_visible_to(user: User) -> QuerySet[ProgrammeMember]:
    return ProgrammeMember.objects.filter(programme__in=programmes_visible_to(user))


# The catalogue ---------------------------------------------------------------------------------


def changes_visible_to(user: User) -> QuerySet[ChangeEntry]:
    """Published entries for everyone signed in; drafts also for those who may edit them."""
    if not user.is_authenticated:
        return ChangeEntry.objects.none()
    if is_national_admin(user):
        return ChangeEntry.objects.all()
    return ChangeEntry.objects.filter(
        Q(status=EntryStatus.PUBLISHED) | Q(id__in=changes_editable_by(user).values("id"))
    )


def changes_editable_by(user: User) -> QuerySet[ChangeEntry]:
    if not user.is_authenticated:
        return ChangeEntry.objects.none()
    if is_national_admin(user):
        return ChangeEntry.objects.all()
    return ChangeEntry.objects.filter(
        Q(owner_region__in=led_region_ids(user))
        | Q(owner_programme__in=programmes_editable_by(user))
    )


def can_create_change(
    user: User, *, programme: Programme | None = None, region: Region | None = None
) -> bool:
    """With an owner: may create an entry it owns; without: may create any entry at all."""
    if is_national_admin(user):
        return True
    if programme is not None:
        return can_edit_programme(user, programme)
    if region is not None:
        return leads_region(user, region)
    return bool(led_region_ids(user)) or programmes_editable_by(user).exists()


def can_edit_change(user: User, entry: ChangeEntry) -> bool:
    if entry.owner_programme_id:
        return can_edit_programme(user, entry.owner_programme)
    return is_national_admin(user) or leads_region(user, entry.owner_region)


def can_link_change_idea(user: User, idea: ChangeIdea) -> bool:
    """May say the idea tests a catalogue entry (or promote it to a new one)."""
    if not user.is_authenticated:
        return False
    if is_national_admin(user):
        return True
    project = idea.project
    led = led_region_ids(user)
    if project.lead_region_id in led or project.participating_regions.filter(pk__in=led).exists():
        return True
    return Programme.objects.filter(members__project=project, leads=user).exists()


# Adoptions -------------------------------------------------------------------------------------


def adoptions_visible_to(user: User) -> QuerySet[Adoption]:
    return Adoption.objects.all() if user.is_authenticated else Adoption.objects.none()


def programmes_concerned(
    *,
    entry: ChangeEntry | None = None,
    package_of: Programme | None = None,
    source_programme: Programme | None = None,
) -> QuerySet[Programme]:
    """The programmes whose leads may record an adoption of `entry` or of `package_of`."""
    condition = Q(pk__in=[p.pk for p in (package_of, source_programme) if p is not None])
    if entry is not None:
        condition |= Q(package_items__entry=entry) | Q(owned_changes=entry)
    return Programme.objects.filter(condition)


def can_record_adoption(
    user: User,
    organisation: Organisation,
    *,
    entry: ChangeEntry | None = None,
    package_of: Programme | None = None,
    source_programme: Programme | None = None,
) -> bool:
    if not user.is_authenticated:
        return False
    if is_national_admin(user) or leads_region(user, organisation.region):
        return True
    concerned = programmes_concerned(
        entry=entry, package_of=package_of, source_programme=source_programme
    )
    return concerned.filter(leads=user).exists()


def can_edit_adoption(user: User, adoption: Adoption) -> bool:
    return can_record_adoption(
        user,
        adoption.organisation,
        entry=adoption.entry,
        package_of=adoption.package_of,
        source_programme=adoption.source_programme,
    )


def adoptions_editable_by(user: User) -> QuerySet[Adoption]:
    if not user.is_authenticated:
        return Adoption.objects.none()
    if is_national_admin(user):
        return Adoption.objects.all()
    led_programmes = Programme.objects.filter(leads=user)
    editable_ids = Adoption.objects.filter(
        Q(organisation__region__in=led_region_ids(user))
        | Q(package_of__in=led_programmes)
        | Q(source_programme__in=led_programmes)
        | Q(entry__package_items__programme__in=led_programmes)
        | Q(entry__owner_programme__in=led_programmes)
    ).values("id")
    return Adoption.objects.filter(id__in=editable_ids)


# Learning, outcomes and stories ----------------------------------------------------------------
# A project's learning and reported outcomes are read like the project (everyone signed in) and
# written by whoever may edit it. Its story: the project's leads (team role "lead"), leads of its
# regions and national admins submit it; leads of its regions and national admins publish it,
# send it back, choose its charts or withdraw it (the project's leads may withdraw it too). Only
# published stories are public; a team member agrees to be named for themselves alone.


def stories_public() -> QuerySet[Story]:
    """What anyone, signed in or not, may read: published stories only."""
    return Story.objects.filter(status=StoryStatus.PUBLISHED)


def stories_visible_to(user: User) -> QuerySet[Story]:
    return Story.objects.all() if user.is_authenticated else stories_public()


def _leads_a_region_of(user: User, project: Project) -> bool:
    led = led_region_ids(user)
    if not led:
        return False
    if project.lead_region_id in led:
        return True
    return project.participating_regions.filter(pk__in=led).exists()


def is_project_lead(user: User, project: Project) -> bool:
    return (
        user.is_authenticated and project.members.filter(user=user, role=ProjectRole.LEAD).exists()
    )


def can_write_learning(user: User, project: Project) -> bool:
    """The learning and the reported outcomes: the project's editors."""
    return can_edit_project(user, project)


def can_submit_story(user: User, project: Project) -> bool:
    if not user.is_authenticated:
        return False
    if is_national_admin(user) or _leads_a_region_of(user, project):
        return True
    return is_project_lead(user, project)


def can_review_story(user: User, project: Project) -> bool:
    """Publish, send back, choose the published charts."""
    if not user.is_authenticated:
        return False
    return is_national_admin(user) or _leads_a_region_of(user, project)


def can_withdraw_story(user: User, project: Project) -> bool:
    return can_review_story(user, project) or is_project_lead(user, project)


def can_consent_to_be_named(user: User, project: Project) -> bool:
    return user.is_authenticated and project.members.filter(user=user).exists()


def stories_reviewable_by(user: User) -> QuerySet[Story]:
    if not user.is_authenticated:
        return Story.objects.none()
    if is_national_admin(user):
        return Story.objects.all()
    led = led_region_ids(user)
    reviewable_ids = Story.objects.filter(
        Q(project__lead_region__in=led) | Q(project__participating_regions__in=led)
    ).values("id")
    return Story.objects.filter(id__in=reviewable_ids)


def can_start_project_from_story(user: User, region: Region | None = None) -> bool:
    """Whoever may create a project (led by `region`, if given) may start one from a story."""
    return can_create_project(user, region)
