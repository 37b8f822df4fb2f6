from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from learning.models import ChangeEntry, ChangeLink, PackageItem
from learning.services import catalogue as services
from projects.models import CareSetting, Topic
from tests.factories import (
    ChangeEntryFactory,
    ChangeIdeaFactory,
    ProgrammeFactory,
    ProjectFactory,
    region,
)

pytestmark = pytest.mark.django_db


def test_a_regional_lead_adds_an_entry_owned_by_their_region_with_a_slug_from_its_name(
    wessex_lead,
):
    ward = CareSetting.objects.first()
    entry = services.change_create(
        by=wessex_lead,
        name="Falls safety huddle",
        description="A five-minute huddle at each shift change",
        topic=Topic.FALLS,
        owner_region=region("wessex"),
        care_settings=[ward],
    )
    assert entry.slug == "falls-safety-huddle"
    assert entry.status == "draft" and entry.published_on is None
    assert list(entry.care_settings.all()) == [ward]
    assert entry.history.first().history_user == wessex_lead
    second = services.change_create(
        by=wessex_lead,
        name="Falls safety huddle",
        description="Again",
        topic=Topic.FALLS,
        owner_region=region("wessex"),
    )
    assert second.slug == "falls-safety-huddle-2"


def test_publishing_sets_published_on_today(wessex_lead):
    entry = ChangeEntryFactory(status="draft", published_on=None)
    services.change_update(by=wessex_lead, entry=entry, status="published")
    entry.refresh_from_db()
    assert entry.published_on == timezone.localdate()
    assert entry.history.first().history_user == wessex_lead


def test_a_lead_of_another_region_may_not_add_or_change_wessex_entries(oxford_lead):
    with pytest.raises(PermissionDenied):
        services.change_create(
            by=oxford_lead,
            name="X",
            description="Y",
            topic=Topic.FALLS,
            owner_region=region("wessex"),
        )
    entry = ChangeEntryFactory(name="Kept")
    with pytest.raises(PermissionDenied):
        services.change_update(by=oxford_lead, entry=entry, name="Changed")
    entry.refresh_from_db()
    assert entry.name == "Kept"


@pytest.mark.parametrize("who", ["national_viewer", "frontline_member"])
def test_readers_may_not_write_the_catalogue(request, who):
    user = request.getfixturevalue(who)
    entry = ChangeEntryFactory()
    idea = ChangeIdeaFactory(project=ProjectFactory(lead_region=region("wessex")))
    with pytest.raises(PermissionDenied):
        services.resource_add(by=user, entry=entry, title="Guide", url="https://example.org/")
    with pytest.raises(PermissionDenied):
        services.change_idea_link(by=user, idea=idea, entry=entry)
    with pytest.raises(PermissionDenied):
        services.change_idea_promote(by=user, idea=idea)
    assert not entry.resources.exists() and not ChangeLink.objects.exists()


def test_validation_names_the_fields(wessex_lead):
    with pytest.raises(ValidationError) as error:
        services.change_create(
            by=wessex_lead, name="", description="", topic="nope", owner_region=region("wessex")
        )
    assert {"name", "description", "topic"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError) as error:
        services.change_create(by=wessex_lead, name="X", description="Y", topic=Topic.FALLS)
    assert "owner_region" in error.value.message_dict
    entry = ChangeEntryFactory()
    with pytest.raises(ValidationError) as error:
        services.resource_add(by=wessex_lead, entry=entry, title="Guide", url="not a link")
    assert "url" in error.value.message_dict


def test_resources_are_added_in_order_and_removed(wessex_lead):
    entry = ChangeEntryFactory()
    first = services.resource_add(by=wessex_lead, entry=entry, title="A", url="https://a.org/")
    services.resource_add(by=wessex_lead, entry=entry, title="B", url="https://b.org/")
    assert [r.title for r in entry.resources.all()] == ["A", "B"]
    services.resource_remove(by=wessex_lead, resource=first)
    assert [r.title for r in entry.resources.all()] == ["B"]


def test_a_regional_lead_promotes_a_change_idea_to_a_new_entry_linked_to_it(wessex_lead):
    project = ProjectFactory(lead_region=region("wessex"), topic=Topic.SEPSIS)
    idea = ChangeIdeaFactory(
        project=project, text="Sepsis screening at triage", description="Screen every adult"
    )
    entry = services.change_idea_promote(by=wessex_lead, idea=idea)
    assert entry.name == "Sepsis screening at triage"
    assert entry.description == "Screen every adult"
    assert entry.topic == Topic.SEPSIS and entry.owner_region == region("wessex")
    assert idea.catalogue_link.entry == entry and idea.catalogue_link.linked_by == wessex_lead


def test_linking_moves_an_existing_link_and_a_lead_elsewhere_may_not_link(wessex_lead, oxford_lead):
    idea = ChangeIdeaFactory(project=ProjectFactory(lead_region=region("wessex")))
    first, second = ChangeEntryFactory(), ChangeEntryFactory()
    services.change_idea_link(by=wessex_lead, idea=idea, entry=first)
    services.change_idea_link(by=wessex_lead, idea=idea, entry=second)
    assert ChangeLink.objects.get().entry == second
    with pytest.raises(PermissionDenied):
        services.change_idea_link(by=oxford_lead, idea=idea, entry=first)
    assert ChangeLink.objects.get().entry == second


def test_drafts_of_others_cannot_be_linked(wessex_lead):
    idea = ChangeIdeaFactory(project=ProjectFactory(lead_region=region("wessex")))
    draft = ChangeEntryFactory(status="draft", published_on=None, owner_region=region("oxford"))
    with pytest.raises(ValidationError) as error:
        services.change_idea_link(by=wessex_lead, idea=idea, entry=draft)
    assert "entry" in error.value.message_dict


def test_the_change_package_needs_a_programme_lead(wessex_lead, oxford_lead):
    programme = ProgrammeFactory(lead_regions=["wessex"], start_date=date(2016, 4, 1))
    entry = ChangeEntryFactory()
    item = services.package_item_add(by=wessex_lead, programme=programme, entry=entry)
    assert list(programme.package_items.values_list("entry", flat=True)) == [entry.pk]
    with pytest.raises(ValidationError) as error:
        services.package_item_add(by=wessex_lead, programme=programme, entry=entry)
    assert "entry" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.package_item_remove(by=oxford_lead, item=item)
    services.package_item_remove(by=wessex_lead, item=item)
    assert not PackageItem.objects.exists()


def test_a_programme_lead_owns_entries_of_their_programme(oxford_lead):
    programme = ProgrammeFactory(lead_regions=["wessex"], leads=[oxford_lead])
    entry = services.change_create(
        by=oxford_lead,
        name="Bundle",
        description="The bundle",
        topic=Topic.FALLS,
        owner_programme=programme,
        status="published",
    )
    assert ChangeEntry.objects.get().owner == programme
    assert entry.published_on == timezone.localdate()


def test_naming_a_new_owner_hands_the_entry_over(national_admin):
    programme = ProgrammeFactory()
    entry = ChangeEntryFactory()
    services.change_update(by=national_admin, entry=entry, owner_programme=programme)
    entry.refresh_from_db()
    assert entry.owner == programme and entry.owner_region is None


def test_handing_an_entry_to_an_owner_one_does_not_lead_is_refused(wessex_lead):
    entry = ChangeEntryFactory()
    with pytest.raises(PermissionDenied):
        services.change_update(by=wessex_lead, entry=entry, owner_region=region("oxford"))
    entry.refresh_from_db()
    assert entry.owner_region == region("wessex")


def test_a_programme_lead_links_a_member_teams_idea(oxford_lead):
    project = ProjectFactory(lead_region=region("wessex"))
    programme = ProgrammeFactory(leads=[oxford_lead])
    programme.members.create(project=project, joined_on=date(2016, 4, 1))
    idea = ChangeIdeaFactory(project=project)
    entry = ChangeEntryFactory()
    assert services.change_idea_link(by=oxford_lead, idea=idea, entry=entry).entry == entry
