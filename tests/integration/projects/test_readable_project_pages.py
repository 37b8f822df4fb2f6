"""Issue 17, pages people can read: the project page's short timeline in sentences, the full
history a page at a time, and the project form's organisation picker and region choices."""

import html
import re

import pytest
from django.urls import reverse

from projects.models import Project
from regions.models import OrganisationType
from tests.factories import (
    ChangeIdeaFactory,
    OrganisationFactory,
    PDSACycleFactory,
    ProjectFactory,
    UserFactory,
    region,
)


@pytest.fixture
def wessex_project(db):
    return ProjectFactory(title="Falls on Wessex wards", lead_region=region("wessex"))


def text_of(response) -> str:
    """The page's words, tags dropped and spaces squeezed, as a reader sees them."""
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(body))


def project_form(**overrides):
    return {
        "title": "Sepsis in the ED",
        "lead_region": region("wessex").pk,
        "topic": "sepsis",
        "status": "active",
        "start_date": "2016-05-02",
        **overrides,
    }


def edit(client, project, **overrides):
    """The project's form sent back as it is but for `overrides`."""
    same = {
        "title": project.title,
        "topic": project.topic,
        "start_date": project.start_date.isoformat(),
        "status": project.status,
        "aim_what": project.aim_what,
    }
    return client.post(
        reverse("projects:update", args=[project.pk]), project_form(**(same | overrides))
    )


# The timeline -------------------------------------------------------------------------------


def test_the_project_page_tells_its_recent_changes_in_sentences(
    client_for, wessex_lead, wessex_project
):
    wessex_lead.first_name, wessex_lead.last_name = "Amy", "Khan"
    wessex_lead.save()
    client = client_for(wessex_lead)
    edit(client, wessex_project, status="stopped")
    idea = ChangeIdeaFactory(project=wessex_project, text="Pain score stamp")
    cycle = PDSACycleFactory(change_idea=idea, title="Pain score at triage: cycle 3")
    cycle.status, cycle.decision = "complete", "adopt"
    cycle._history_user = wessex_lead
    cycle.save()

    words = text_of(client.get(wessex_project.get_absolute_url()))
    assert (
        "Amy Khan completed PDSA cycle “Pain score at triage: cycle 3” and decided to adopt."
        in (words)
    )
    assert "Amy Khan changed the project’s status from “Active” to “Stopped”." in words
    assert "as of" not in words and "+00:00" not in words
    assert re.search(
        r"\d{1,2} (January|February|March|April|May|June|July|August|September|"
        r"October|November|December) \d{4} ?: Amy Khan",
        words,
    )
    assert "See the full history" in words


def test_the_timeline_shows_only_the_latest_eight(client_for, wessex_lead, wessex_project):
    for n in range(12):
        ChangeIdeaFactory(project=wessex_project, text=f"Idea number {n:02d}")
    words = text_of(client_for(wessex_lead).get(wessex_project.get_absolute_url()))
    timeline = words.split("Recent changes")[1]
    assert "“Idea number 11” to the driver diagram" in timeline
    assert "“Idea number 04” to the driver diagram" in timeline
    assert "“Idea number 03” to the driver diagram" not in timeline


def test_the_full_history_is_in_sentences_a_page_at_a_time(client_for, wessex_lead, wessex_project):
    for n in range(30):
        ChangeIdeaFactory(project=wessex_project, text=f"Idea number {n:02d}")
    client = client_for(wessex_lead)
    url = reverse("projects:history", args=[wessex_project.pk])
    first, second = text_of(client.get(url)), text_of(client.get(url + "?page=2"))
    assert "added the change idea “Idea number 29” to the driver diagram." in first
    assert "Idea number 04" not in first
    assert "Page 1 of 2" in first
    assert "added the change idea “Idea number 04” to the driver diagram." in second
    assert "Idea number 29" not in second


def test_the_history_keeps_old_and_new_values_beside_each_sentence(
    client_for, wessex_lead, wessex_project
):
    client = client_for(wessex_lead)
    edit(client, wessex_project, title="Falls with harm")
    words = text_of(client.get(reverse("projects:history", args=[wessex_project.pk])))
    assert "changed the project’s title from “Falls on Wessex wards” to “Falls with harm”." in words
    assert "Title: Falls on Wessex wards → Falls with harm" in words


@pytest.mark.parametrize("name", ["detail", "history"])
def test_history_costs_the_same_queries_however_long(
    client_for, national_viewer, wessex_project, django_assert_max_num_queries, name
):
    client = client_for(national_viewer)
    url = reverse(f"projects:{name}", args=[wessex_project.pk])

    def count() -> int:
        with django_assert_max_num_queries(100) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    idea = ChangeIdeaFactory(project=wessex_project)
    PDSACycleFactory(change_idea=idea)
    few = count()
    for n in range(15):
        cycle = PDSACycleFactory(change_idea=ChangeIdeaFactory(project=wessex_project))
        cycle._history_user = UserFactory()
        cycle.title = f"Renamed {n}"
        cycle.save()
    assert count() == few


# The form's regions -------------------------------------------------------------------------


def test_the_only_region_a_lead_can_lead_is_chosen_and_not_offered_as_participating(
    client_for, wessex_lead
):
    body = client_for(wessex_lead).get(reverse("projects:create")).content.decode()
    lead = re.search(r'<select[^>]*name="lead_region".*?</select>', body, re.S).group(0)
    assert re.search(rf'<option value="{region("wessex").pk}" selected', lead)
    participating = re.findall(r'name="participating_regions"[^>]*value="(\d+)"', body)
    assert len(participating) == 14
    assert str(region("wessex").pk) not in participating


def test_an_admin_who_may_lead_any_region_chooses_it(client_for, national_admin):
    body = client_for(national_admin).get(reverse("projects:create")).content.decode()
    lead = re.search(r'<select[^>]*name="lead_region".*?</select>', body, re.S).group(0)
    assert not re.search(r'<option value="\d+" selected', lead)
    assert len(re.findall(r'name="participating_regions"', body)) == 15


def test_the_lead_region_sent_as_participating_is_refused_at_its_field(client_for, wessex_lead):
    response = client_for(wessex_lead).post(
        reverse("projects:create"), project_form(participating_regions=[region("wessex").pk])
    )
    assert "Wessex leads the project, so do not also tick it" in html.unescape(
        response.content.decode()
    )
    assert 'href="#id_participating_regions"' in response.content.decode()
    assert not Project.objects.exists()


# The organisation picker --------------------------------------------------------------------


@pytest.fixture
def organisations(db):
    return {
        "royal": OrganisationFactory(
            name="Royal Bournemouth Hospital", ods_code="RDZ01", type=OrganisationType.ACUTE_TRUST
        ),
        "abbey": OrganisationFactory(
            name="Abbey Medical Practice", ods_code="J81001", type=OrganisationType.PRIMARY_CARE
        ),
        "southern": OrganisationFactory(
            name="Southern Health", ods_code="RW1", type=OrganisationType.MENTAL_HEALTH_TRUST
        ),
        "oxford": OrganisationFactory(
            name="Oxford Royal Infirmary", ods_code="RTH01", region=region("oxford")
        ),
    }


def pick(client, **query):
    return text_of(client.get(reverse("projects:organisation_picker"), query))


def test_the_picker_finds_by_name_or_code_among_the_leads_regions(
    client_for, wessex_lead, organisations
):
    client = client_for(wessex_lead)
    by_name = pick(client, organisation_q="royal")
    assert "Royal Bournemouth Hospital (RDZ01)" in by_name
    assert "Oxford Royal Infirmary" not in by_name  # Oxford is none of the project's regions
    assert "Abbey" not in by_name
    by_code = pick(client, organisation_q="8100")
    assert "Abbey Medical Practice (J81001)" in by_code and "Royal" not in by_code
    assert "1 organisation found" in by_code


def test_the_picker_filters_by_type(client_for, wessex_lead, organisations):
    found = pick(client_for(wessex_lead), organisation_type=OrganisationType.MENTAL_HEALTH_TRUST)
    assert "Southern Health (RW1)" in found
    assert "Royal Bournemouth" not in found and "Abbey" not in found
    found = pick(client_for(wessex_lead), organisation_q="r", organisation_type="primary_care")
    assert "Abbey Medical Practice" in found and "Southern" not in found


def test_the_picker_offers_a_participating_regions_organisations_and_not_those_chosen(
    client_for, wessex_lead, organisations
):
    found = pick(
        client_for(wessex_lead),
        organisation_q="royal",
        lead_region=region("wessex").pk,
        participating_regions=region("oxford").pk,
        organisations=organisations["royal"].pk,
    )
    assert "Oxford Royal Infirmary (RTH01)" in found
    assert "Royal Bournemouth" not in found


def test_the_picker_is_only_for_those_who_may_start_or_edit_a_project(
    client_for, frontline_member, wessex_project, organisations
):
    client = client_for(frontline_member)
    url = reverse("projects:organisation_picker")
    assert client.get(url, {"organisation_q": "royal"}).status_code == 403
    refused = client.get(url, {"organisation_q": "royal", "project": wessex_project.pk})
    assert refused.status_code == 403


def test_without_javascript_find_organisations_sends_the_form_back_with_results(
    client_for, wessex_lead, organisations
):
    client = client_for(wessex_lead)
    response = client.post(
        reverse("projects:create"),
        project_form(title="", organisation_q="RDZ", find_organisations="1"),
    )
    words = text_of(response)
    assert "Royal Bournemouth Hospital (RDZ01)" in words
    assert "Enter the project's title" not in words  # not asked to save yet
    assert not Project.objects.exists()
    client.post(reverse("projects:create"), project_form(organisations=[organisations["royal"].pk]))
    project = Project.objects.get()
    assert list(project.organisations.all()) == [organisations["royal"]]
    edit_page = text_of(client.get(reverse("projects:update", args=[project.pk])))
    assert "Chosen organisations: untick any to remove" in edit_page
    assert "Royal Bournemouth Hospital (RDZ01)" in edit_page


def test_an_organisation_outside_the_projects_regions_is_refused_at_its_field(
    client_for, wessex_lead, organisations
):
    response = client_for(wessex_lead).post(
        reverse("projects:create"), project_form(organisations=[organisations["oxford"].pk])
    )
    body = html.unescape(response.content.decode())
    assert "Untick the organisations not in the lead or a participating region: Oxford" in body
    assert 'href="#id_organisations"' in body and 'id="id_organisations"' in body
    assert not Project.objects.exists()
