"""Marking the spread figures pending (reporting/rollups/spread.py) whenever the learning system's
records change, in the change's own transaction, exactly as triggers.py does for projects and
activity records: Django's model signals announce the saves and deletes (pages, API, CSV
upload, admin and shell alike), and the marks enqueue one incremental run after commit.

Each change marks every scope it counted in, before and after, from its first date through
today: an entry stays in the catalogue, an organisation stays adopting and a programme or team
stays active until they end, so every later period's figures may move. Like the rest, moving an
organisation to another region or changing its type does not mark its adoptions; the nightly
rebuild corrects those figures.
"""

from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from learning.models import Adoption, ChangeEntry, EntryStatus, Programme, ProgrammeMember
from projects.models import Project
from reporting.models import NATIONAL
from reporting.rollups import triggers
from reporting.rollups.arithmetic import programme_scopes


def _mark(scopes, *days) -> None:
    for scope in scopes:
        triggers.mark_dates(scope, *days, through_today=True)


def _scopes_of_programme(programme: Programme, is_national: bool | None = None) -> tuple:
    national = programme.is_national if is_national is None else is_national
    if national or not programme.pk:
        return programme_scopes(national, (), NATIONAL)
    slugs = programme.lead_regions.values_list("slug", flat=True)
    return programme_scopes(False, slugs, NATIONAL)


def _first_owned_entry(programme: Programme):
    """The earliest publication of an entry the programme owns: where its entries count moves
    with the programme's lead regions."""
    if not programme.pk:
        return None
    owned = ChangeEntry.objects.filter(owner_programme=programme, status=EntryStatus.PUBLISHED)
    return owned.aggregate(first=Min("published_on"))["first"]


def _member_regions(programme: Programme) -> tuple[set, object]:
    """The lead regions of the programme's teams, and the first day one joined: a team counts
    only while its programme runs, so the programme's dates and status move the teams' figures."""
    if not programme.pk:
        return set(), None
    teams = ProgrammeMember.objects.filter(programme=programme)
    slugs = set(teams.values_list("project__lead_region__slug", flat=True).distinct())
    return slugs, teams.aggregate(first=Min("joined_on"))["first"]


def _mark_programme(programme: Programme, *days, is_national: bool | None = None) -> None:
    teams, first_joined = _member_regions(programme)
    _mark(
        sorted({*_scopes_of_programme(programme, is_national), *teams}),
        programme.start_date,
        _first_owned_entry(programme),
        first_joined,
        *days,
    )


def _scopes_of_entry(entry: ChangeEntry) -> tuple:
    if entry.owner_region_id:
        return (entry.owner_region.slug, NATIONAL)
    if entry.owner_programme_id:
        return _scopes_of_programme(entry.owner_programme)
    return (NATIONAL,)


def _region_of_adoption(adoption: Adoption) -> tuple:
    return (adoption.organisation.region.slug,)


def _region_of_member(member: ProgrammeMember) -> tuple:
    slug = (
        Project.objects.filter(pk=member.project_id)
        .values_list("lead_region__slug", flat=True)
        .first()
    )
    # A project being deleted takes its memberships first; its own delete marks its region.
    return (slug,) if slug else ()


def _remember_previous(sender, instance, **kwargs):
    """Before a change, where and from when the record counted, so a move re-counts both."""
    if not instance.pk:
        return
    old = sender.objects.filter(pk=instance.pk).first()
    if old is None:
        instance._spread_previous = None
    elif sender is ChangeEntry:
        instance._spread_previous = (_scopes_of_entry(old), old.published_on)
    elif sender is Adoption:
        instance._spread_previous = (_region_of_adoption(old), old.adopted_on)
    elif sender is ProgrammeMember:
        instance._spread_previous = (_region_of_member(old), old.joined_on)
    elif sender is Programme:
        # Its lead regions are not changed by a save (m2m_changed says when they are).
        instance._spread_previous = (
            _scopes_of_programme(instance, is_national=old.is_national),
            old.start_date,
        )


def _mark_previous(instance) -> None:
    previous = getattr(instance, "_spread_previous", None)
    if previous:
        _mark(*previous)


def _entry_changed(sender, instance, **kwargs):
    _mark_previous(instance)
    _mark(_scopes_of_entry(instance), instance.published_on)


def _adoption_changed(sender, instance, **kwargs):
    _mark_previous(instance)
    _mark(_region_of_adoption(instance), instance.adopted_on)


def _member_changed(sender, instance, **kwargs):
    _mark_previous(instance)
    _mark(_region_of_member(instance), instance.joined_on)


def _programme_saved(sender, instance, **kwargs):
    _mark_previous(instance)
    _mark_programme(instance)


def _programme_deleting(sender, instance, **kwargs):
    """Before the delete, while its lead regions are still there (its members' own deletes mark
    theirs)."""
    _mark_programme(instance)


LEAD_REGION_ACTIONS = {
    "pre_add",
    "post_add",
    "pre_remove",
    "post_remove",
    "pre_clear",
    "post_clear",
}


def _lead_regions_changed(sender, instance, action, pk_set, **kwargs):
    """Marked before (the regions about to be removed) and after (those just added)."""
    if action not in LEAD_REGION_ACTIONS:
        return
    if isinstance(instance, Programme):
        programmes = [instance]
    elif pk_set:
        programmes = list(Programme.objects.filter(pk__in=pk_set))
    else:
        programmes = list(instance.led_programmes.all())
    for programme in programmes:
        _mark_programme(programme)


def connect() -> None:
    for model, changed in (
        (ChangeEntry, _entry_changed),
        (Adoption, _adoption_changed),
        (ProgrammeMember, _member_changed),
    ):
        pre_save.connect(_remember_previous, sender=model, dispatch_uid=f"spread-pre-{model}")
        post_save.connect(changed, sender=model, dispatch_uid=f"spread-save-{model}")
        post_delete.connect(changed, sender=model, dispatch_uid=f"spread-del-{model}")
    pre_save.connect(_remember_previous, sender=Programme, dispatch_uid="spread-pre-programme")
    post_save.connect(_programme_saved, sender=Programme, dispatch_uid="spread-save-programme")
    pre_delete.connect(_programme_deleting, sender=Programme, dispatch_uid="spread-del-programme")
    m2m_changed.connect(
        _lead_regions_changed,
        sender=Programme.lead_regions.through,
        dispatch_uid="spread-programme-lead-regions",
    )
