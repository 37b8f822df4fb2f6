"""Writes to the catalogue of changes: entries, their resources, the change ideas that test them
and the programmes' change packages. Keyword-only, the acting user as `by`, permission first."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from core.keywords import NOT_GIVEN, given
from learning import access
from learning.models import ChangeEntry, ChangeLink, ChangeResource, EntryStatus, PackageItem
from learning.services.permissions import (
    check_may_edit_change,
    check_may_edit_programme,
    check_may_link_change_idea,
)
from projects.models import ChangeIdea
from regions.models import User

SLUG_MAX = 80


def unique_slug(name: str) -> str:
    """A slug from `name` that no entry has yet: 'falls-huddle', then 'falls-huddle-2'..."""
    base = slugify(name)[: SLUG_MAX - 4].strip("-") or "change"
    taken = set(ChangeEntry.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _check_may_create(by: User, owner_programme, owner_region) -> None:
    if owner_programme is not None and owner_region is not None:
        raise ValidationError({"owner_region": "Choose a programme or a region as owner, not both"})
    if owner_programme is None and owner_region is None:
        raise ValidationError({"owner_region": "Choose the programme or region that owns it"})
    if not access.can_create_change(by, programme=owner_programme, region=owner_region):
        owner = owner_programme or owner_region
        raise PermissionDenied(
            f"Only the leads of {owner} and national admins can add entries it owns."
        )


def _save(entry: ChangeEntry, by: User, care_settings=NOT_GIVEN) -> ChangeEntry:
    if entry.status == EntryStatus.PUBLISHED and entry.published_on is None:
        entry.published_on = timezone.localdate()
    if entry.status == EntryStatus.DRAFT:
        entry.published_on = None
    entry._history_user = by
    entry.full_clean()
    entry.save()
    if care_settings is not NOT_GIVEN:
        entry.care_settings.set(care_settings)
    return entry


@transaction.atomic
def change_create(
    *,
    by: User,
    name,
    description,
    topic,
    owner_programme=None,
    owner_region=None,
    slug=None,
    evidence="",
    care_settings=(),
    status=EntryStatus.DRAFT,
) -> ChangeEntry:
    """Adds an entry to the catalogue, owned by a programme or a region its creator leads."""
    _check_may_create(by, owner_programme, owner_region)
    entry = ChangeEntry(
        name=name,
        slug=slug or unique_slug(name),
        description=description,
        evidence=evidence,
        topic=topic,
        owner_programme=owner_programme,
        owner_region=owner_region,
        status=status,
        created_by=by,
    )
    return _save(entry, by, care_settings=list(care_settings))


@transaction.atomic
def change_update(
    *,
    by: User,
    entry: ChangeEntry,
    name=NOT_GIVEN,
    slug=NOT_GIVEN,
    description=NOT_GIVEN,
    evidence=NOT_GIVEN,
    topic=NOT_GIVEN,
    care_settings=NOT_GIVEN,
    owner_programme=NOT_GIVEN,
    owner_region=NOT_GIVEN,
    status=NOT_GIVEN,
    published_on=NOT_GIVEN,
) -> ChangeEntry:
    """Changes an entry; its leads may also hand it to another owner they lead."""
    changes = given(locals(), leave_out=("by", "entry", "care_settings"))
    check_may_edit_change(by, entry)
    # Naming one owner hands the entry over: the other is cleared.
    if changes.get("owner_region") is not None and "owner_programme" not in changes:
        changes["owner_programme"] = None
    if changes.get("owner_programme") is not None and "owner_region" not in changes:
        changes["owner_region"] = None
    new_programme = changes.get("owner_programme", entry.owner_programme)
    new_region = changes.get("owner_region", entry.owner_region)
    if (new_programme, new_region) != (entry.owner_programme, entry.owner_region):
        _check_may_create(by, new_programme, new_region)
    for name_, value in changes.items():
        setattr(entry, name_, value)
    return _save(entry, by, care_settings=care_settings)


@transaction.atomic
def resource_add(*, by: User, entry: ChangeEntry, title, url) -> ChangeResource:
    check_may_edit_change(by, entry)
    last = entry.resources.aggregate(last=Max("position"))["last"]
    resource = ChangeResource(entry=entry, title=title, url=url, position=(last or 0) + 1)
    resource._history_user = by
    resource.full_clean()
    resource.save()
    return resource


@transaction.atomic
def resource_remove(*, by: User, resource: ChangeResource) -> None:
    check_may_edit_change(by, resource.entry)
    resource._history_user = by
    resource.delete()


@transaction.atomic
def change_idea_link(*, by: User, idea: ChangeIdea, entry: ChangeEntry) -> ChangeLink:
    """Says the idea tests the entry (moving an existing link to this entry)."""
    check_may_link_change_idea(by, idea)
    if not access.changes_visible_to(by).filter(pk=entry.pk).exists():
        raise ValidationError({"entry": "Choose an entry of the catalogue"})
    link = ChangeLink.objects.filter(change_idea=idea).first() or ChangeLink(change_idea=idea)
    link.entry = entry
    link.linked_by = by
    link._history_user = by
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def change_idea_unlink(*, by: User, idea: ChangeIdea) -> None:
    check_may_link_change_idea(by, idea)
    link = ChangeLink.objects.filter(change_idea=idea).first()
    if link is not None:
        link._history_user = by
        link.delete()


@transaction.atomic
def change_idea_promote(
    *,
    by: User,
    idea: ChangeIdea,
    owner_programme=None,
    owner_region=None,
    name=None,
    description=None,
    evidence="",
    topic=None,
    care_settings=None,
    slug=None,
    status=EntryStatus.DRAFT,
) -> ChangeEntry:
    """A new entry from the idea's words (owned by a programme or region), the idea linked to
    it. Without an owner: the idea's project's lead region."""
    check_may_link_change_idea(by, idea)
    project = idea.project
    if owner_programme is None and owner_region is None:
        owner_region = project.lead_region
    entry = change_create(
        by=by,
        name=name or idea.text,
        description=description or idea.description or idea.text,
        evidence=evidence,
        topic=topic or project.topic,
        care_settings=project.care_settings.all() if care_settings is None else care_settings,
        owner_programme=owner_programme,
        owner_region=owner_region,
        slug=slug,
        status=status,
    )
    change_idea_link(by=by, idea=idea, entry=entry)
    return entry


@transaction.atomic
def package_item_add(*, by: User, programme, entry: ChangeEntry) -> PackageItem:
    check_may_edit_programme(by, programme)
    if programme.package_items.filter(entry=entry).exists():
        raise ValidationError({"entry": f"“{entry.name}” is already in the change package"})
    if not access.changes_visible_to(by).filter(pk=entry.pk).exists():
        raise ValidationError({"entry": "Choose an entry of the catalogue"})
    last = programme.package_items.aggregate(last=Max("position"))["last"]
    item = PackageItem(programme=programme, entry=entry, position=(last or 0) + 1)
    item._history_user = by
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def package_item_remove(*, by: User, item: PackageItem) -> None:
    check_may_edit_programme(by, item.programme)
    item._history_user = by
    item.delete()
