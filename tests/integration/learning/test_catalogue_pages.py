from datetime import date

import pytest
from django.urls import reverse

from learning.models import ChangeEntry, ChangeLink, PackageItem
from learning.services import catalogue as services
from projects.models import CareSetting, PDSADecision, PDSAStatus, Topic
from tests.factories import (
    AdoptionFactory,
    ChangeEntryFactory,
    ChangeIdeaFactory,
    MeasureFactory,
    PDSACycleFactory,
    PrimaryDriverFactory,
    ProgrammeFactory,
    ProjectFactory,
    SecondaryDriverFactory,
    region,
)

pytestmark = pytest.mark.django_db

LIST = reverse("learning:change_list")


def body(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_list_shows_published_entries_with_projects_testing_and_organisations_adopting(
    client_for, frontline_member
):
    huddle = ChangeEntryFactory(name="Falls safety huddle")
    ChangeEntryFactory(name="Hidden draft", status="draft", published_on=None)
    for n in range(2):
        idea = ChangeIdeaFactory(project=ProjectFactory(title=f"Ward {n}"))
        ChangeLink.objects.create(change_idea=idea, entry=huddle)
    AdoptionFactory(entry=huddle, status="implemented", adopted_on=date(2016, 9, 1))
    page = body(client_for(frontline_member).get(LIST))
    assert "Falls safety huddle" in page and "Hidden draft" not in page
    row = page[page.index("Falls safety huddle") :]
    assert "2 projects" in row and "1 organisation" in row


def test_the_list_searches_and_filters(client_for, frontline_member):
    ward = CareSetting.objects.first()
    huddle = ChangeEntryFactory(name="Safety huddle", topic=Topic.FALLS)
    huddle.care_settings.set([ward])
    ChangeEntryFactory(name="Sepsis screening", topic=Topic.SEPSIS, owner_region=region("oxford"))
    client = client_for(frontline_member)
    assert "Sepsis screening" not in body(client.get(LIST, {"q": "huddle"}))
    assert "Safety huddle" in body(client.get(LIST, {"q": "huddles"}))
    page = body(client.get(LIST, {"topic": "sepsis"}))
    assert "Sepsis screening" in page and "Safety huddle" not in page
    page = body(client.get(LIST, {"setting": ward.slug}))
    assert "Safety huddle" in page and "Sepsis screening" not in page
    page = body(client.get(LIST, {"owner": "region-oxford"}))
    assert "Sepsis screening" in page and "Safety huddle" not in page


def test_a_regional_lead_adds_an_entry_and_changes_it(client_for, wessex_lead):
    ward = CareSetting.objects.first()
    client = client_for(wessex_lead)
    assert "Add a change to the catalogue" in body(client.get(reverse("learning:change_create")))
    response = client.post(
        reverse("learning:change_create"),
        {
            "name": "Falls safety huddle",
            "description": "Five minutes at each shift change",
            "topic": "falls",
            "owner": f"region-{region('wessex').pk}",
            "status": "published",
        },
    )
    entry = ChangeEntry.objects.get()
    assert response.status_code == 302 and response["Location"] == entry.get_absolute_url()
    assert entry.published_on is not None
    edit = reverse("learning:change_update", args=[entry.slug])
    assert "Falls safety huddle" in body(client.get(edit))
    client.post(
        edit,
        {
            "name": "Falls safety huddle",
            "description": "Five minutes at each shift change",
            "evidence": "Falls fell by a third in Wessex",
            "topic": "falls",
            "care_settings": [ward.pk],
            "owner": f"region-{region('wessex').pk}",
            "status": "published",
        },
    )
    entry.refresh_from_db()
    assert entry.evidence == "Falls fell by a third in Wessex"
    client.post(
        reverse("learning:resource_add", args=[entry.slug]),
        {"title": "How to run a huddle", "url": "https://example.org/huddle"},
    )
    assert "How to run a huddle" in body(client.get(entry.get_absolute_url()))
    history = body(client.get(reverse("learning:change_history", args=[entry.slug])))
    assert "Falls fell by a third in Wessex" in history and str(wessex_lead) in history
    assert f"Care settings:</strong> – → {ward.name}" in history
    assert "How to run a huddle" in history


def test_the_form_names_the_fields_to_fix(client_for, wessex_lead):
    response = client_for(wessex_lead).post(reverse("learning:change_create"), {"name": ""})
    page = body(response)
    assert "There is a problem" in page
    assert "Enter the change&#39;s name" in page or "Enter the change's name" in page
    assert "Describe the change" in page and "Select the change&#39;s topic" in page
    assert not ChangeEntry.objects.exists()


def test_drafts_are_hidden_from_those_who_may_not_edit_them(client_for, oxford_lead, wessex_lead):
    draft = ChangeEntryFactory(name="Work in progress", status="draft", published_on=None)
    assert client_for(oxford_lead).get(draft.get_absolute_url()).status_code == 404
    assert "Work in progress" not in body(client_for(oxford_lead).get(LIST))
    assert "Work in progress" in body(client_for(wessex_lead).get(draft.get_absolute_url()))
    assert "Work in progress" in body(client_for(wessex_lead).get(LIST))


def a_project_testing(entry, *, title, region_slug, variation="", settings=(), via="idea"):
    project = ProjectFactory(title=title, lead_region=region(region_slug))
    project.care_settings.set(settings)
    idea = ChangeIdeaFactory(project=project, text=f"Huddle at {title}")
    ChangeLink.objects.create(change_idea=idea, entry=entry)
    PDSACycleFactory(
        change_idea=idea,
        title=f"First test at {title}",
        decision=PDSADecision.ADOPT,
        status=PDSAStatus.COMPLETE,
        start_date=date(2016, 7, 4),
        end_date=date(2016, 7, 25),
    )
    links = {"change_idea": idea}
    if via != "idea":
        primary = PrimaryDriverFactory(project=project, text="Safe wards")
        secondary = SecondaryDriverFactory(primary_driver=primary, text="Shift handover")
        idea.secondary_drivers.add(secondary)
        links = (
            {"secondary_driver": secondary} if via == "secondary" else {"primary_driver": primary}
        )
    MeasureFactory(project=project, name=f"Falls at {title}", variation=variation, **links)
    return project


def test_where_else_shows_improvement_and_concern_side_by_side(client_for, frontline_member):
    entry = ChangeEntryFactory(name="Falls safety huddle")
    ward = CareSetting.objects.first()
    a_project_testing(
        entry, title="Wessex ward", region_slug="wessex", variation="special_cause_improvement"
    )
    a_project_testing(
        entry,
        title="Oxford ward",
        region_slug="oxford",
        variation="special_cause_concern",
        settings=[ward],
        via="secondary",
    )
    a_project_testing(
        entry, title="Eastern ward", region_slug="eastern", variation="", via="primary"
    )
    client = client_for(frontline_member)
    page = body(client.get(entry.get_absolute_url()))
    assert "Where else, and did it work?" in page
    assert f'<a href="{reverse("regions:detail", args=["wessex"])}">Wessex</a>' in page
    assert "1 improving, 1 concerning, 1 with no signal yet" in page
    for title in ("Wessex ward", "Oxford ward", "Eastern ward"):
        assert f"First test at {title}" in page and f"Falls at {title}" in page
    assert "Special cause improvement" in page and "Special cause concern" in page
    assert "Secondary driver: Shift handover" in page and "Primary driver: Safe wards" in page
    assert "4 July 2016 to 25 July 2016" in page and "Adopt" in page

    concerning = body(client.get(entry.get_absolute_url(), {"outcome": "concerning"}))
    assert "Oxford ward" in concerning and "Wessex ward" not in concerning
    by_region = body(client.get(entry.get_absolute_url(), {"region": "wessex"}))
    assert "Wessex ward" in by_region and "Oxford ward" not in by_region
    by_setting = body(client.get(entry.get_absolute_url(), {"setting": ward.slug}))
    assert "Oxford ward" in by_setting and "Eastern ward" not in by_setting
    quiet = body(client.get(entry.get_absolute_url(), {"outcome": "no_signal"}))
    assert "Eastern ward" in quiet and "Wessex ward" not in quiet


def test_an_editor_sees_similar_unlinked_ideas_and_links_one(client_for, wessex_lead):
    entry = ChangeEntryFactory(name="Falls safety huddle", description="A huddle about falls")
    project = ProjectFactory(title="Ward 7", lead_region=region("wessex"))
    alike = ChangeIdeaFactory(project=project, text="Safety huddle on ward 7")
    ChangeIdeaFactory(project=project, text="Fluid balance charts")
    client = client_for(wessex_lead)
    page = body(client.get(entry.get_absolute_url()))
    similar = page[page.index("Similar change ideas not yet linked") :]
    assert "Safety huddle on ward 7" in similar and "Fluid balance charts" not in similar
    response = client.post(
        reverse("learning:change_idea_link", args=[alike.pk]),
        {"action": "link", "entry": entry.slug},
    )
    assert response["Location"] == entry.get_absolute_url()
    assert ChangeLink.objects.get().change_idea == alike


def test_readers_do_not_see_the_similar_ideas(client_for, national_viewer):
    entry = ChangeEntryFactory(name="Falls safety huddle")
    ChangeIdeaFactory(text="Safety huddle on ward 7")
    assert "Similar change ideas" not in body(
        client_for(national_viewer).get(entry.get_absolute_url())
    )


def test_the_link_page_ranks_entries_by_similarity_and_promotes(client_for, wessex_lead):
    ChangeEntryFactory(name="Fluid balance charts")
    ChangeEntryFactory(name="Safety huddle", description="Falls huddle")
    idea = ChangeIdeaFactory(
        project=ProjectFactory(lead_region=region("wessex")), text="Falls huddle at handover"
    )
    client = client_for(wessex_lead)
    link = reverse("learning:change_idea_link", args=[idea.pk])
    page = body(client.get(link))
    assert page.index("Safety huddle") < page.index("Fluid balance charts")
    response = client.post(
        link,
        {
            "action": "promote",
            "name": "Handover huddle",
            "description": "A huddle at handover",
            "owner": f"region-{region('wessex').pk}",
            "status": "draft",
        },
    )
    entry = ChangeEntry.objects.get(name="Handover huddle")
    assert response["Location"] == entry.get_absolute_url()
    assert idea.catalogue_link.entry == entry


def test_the_change_idea_page_says_what_it_tests_and_leads_to_the_catalogue(
    client_for, wessex_lead, frontline_member
):
    entry = ChangeEntryFactory(name="Falls safety huddle")
    project = ProjectFactory(lead_region=region("wessex"))
    idea = ChangeIdeaFactory(project=project, text="Huddle")
    other = ChangeIdeaFactory(project=project, text="Unlinked")
    ChangeLink.objects.create(change_idea=idea, entry=entry)
    detail = reverse("projects:change_idea_detail", args=[project.pk, idea.pk])
    page = body(client_for(frontline_member).get(detail))
    assert "Tests this change" in page and f'href="{entry.get_absolute_url()}"' in page
    assert "Link to" not in page
    other_page = body(
        client_for(wessex_lead).get(
            reverse("projects:change_idea_detail", args=[project.pk, other.pk])
        )
    )
    assert reverse("learning:change_idea_link", args=[other.pk]) in other_page


def test_the_change_idea_search_shows_catalogue_entries_first_and_links_rows(
    client_for, frontline_member
):
    entry = ChangeEntryFactory(name="Sepsis screening tool")
    ChangeEntryFactory(name="Hidden screening draft", status="draft", published_on=None)
    idea = ChangeIdeaFactory(text="Screening at triage")
    ChangeLink.objects.create(change_idea=idea, entry=entry)
    ChangeIdeaFactory(text="Screening for falls")
    page = body(
        client_for(frontline_member).get(reverse("projects:change_idea_search"), {"q": "screening"})
    )
    assert page.index("In the catalogue") < page.index("Screening at triage")
    assert "Hidden screening draft" not in page
    row = page[page.index("Screening at triage") : page.index("Screening for falls")]
    assert "Tests this change" in row and entry.get_absolute_url() in row


def test_a_programme_lead_adds_to_and_removes_from_the_change_package(client_for, oxford_lead):
    programme = ProgrammeFactory(leads=[oxford_lead])
    entry = ChangeEntryFactory(name="Falls safety huddle")
    package = reverse("learning:programme_package", args=[programme.slug])
    client = client_for(oxford_lead)
    assert "The change package is empty" in body(client.get(package))
    client.post(package, {"entry": entry.slug})
    item = PackageItem.objects.get()
    assert "Falls safety huddle" in body(client.get(package))
    client.post(reverse("learning:package_item_remove", args=[programme.slug, item.pk]))
    assert not PackageItem.objects.exists()


def test_promote_then_the_service_and_page_agree(wessex_lead, client_for):
    idea = ChangeIdeaFactory(project=ProjectFactory(lead_region=region("wessex")), text="Huddle")
    entry = services.change_idea_promote(by=wessex_lead, idea=idea)
    assert "Huddle" in body(client_for(wessex_lead).get(entry.get_absolute_url()))
