"""Adding someone to a project team by searching for their name or email address."""

import html

import pytest
from django.urls import reverse

from projects.models import ProjectRole
from tests.factories import ProjectFactory, ProjectMemberFactory, UserFactory, region


@pytest.fixture
def wessex_project(db):
    return ProjectFactory(title="Falls on Wessex wards", lead_region=region("wessex"))


@pytest.fixture
def ann(db):
    return UserFactory(
        username="ann.smith", first_name="Ann", last_name="Smith", email="Ann.Smith@UHS.nhs.example"
    )


def _search(client, project, text, fragment=True):
    name = "projects:team_people" if fragment else "projects:team"
    return html.unescape(client.get(reverse(name, args=[project.pk]), {"q": text}).content.decode())


@pytest.mark.parametrize("text", ["ann", "SMI", "ann smith", "smith@uhs", "UHS.NHS", "ann.sm"])
def test_people_are_found_by_part_of_their_name_or_email_in_any_case(
    client_for, wessex_lead, wessex_project, ann, text
):
    body = _search(client_for(wessex_lead), wessex_project, text)
    assert "Ann Smith" in body and "Ann.Smith@UHS.nhs.example" in body
    assert "1 person matches" in body


def test_every_word_must_match_and_no_words_find_no_one(
    client_for, wessex_lead, wessex_project, ann
):
    client = client_for(wessex_lead)
    assert "No one who is not on the team yet matches “ann jones”" in _search(
        client, wessex_project, "ann jones"
    )
    assert "Ann Smith" not in _search(client, wessex_project, "   ")


def test_the_team_page_searches_without_javascript(client_for, wessex_lead, wessex_project, ann):
    body = _search(client_for(wessex_lead), wessex_project, "smith", fragment=False)
    assert "Project team" in body and "Ann Smith" in body
    assert 'hx-get="' + reverse("projects:team_people", args=[wessex_project.pk]) in body


def test_people_already_on_the_team_and_partner_accounts_are_left_out(
    client_for, wessex_lead, wessex_project, ann
):
    ProjectMemberFactory(project=wessex_project, user=ann)
    UserFactory(username="smith.partner", last_name="Smithson", is_api_client=True)
    body = _search(client_for(wessex_lead), wessex_project, "smith")
    assert "ann.smith" not in body and "smith.partner" not in body


def test_the_results_say_where_someone_leads(client_for, national_admin, wessex_project):
    UserFactory(username="lead.kss", first_name="Kim", last_name="Lead", led_regions=["oxford"])
    body = _search(client_for(national_admin), wessex_project, "kim")
    assert "Lead of Oxford" in body


def test_at_most_twenty_are_shown_and_the_page_says_there_are_more(
    client_for, wessex_lead, wessex_project
):
    UserFactory.create_batch(25, first_name="Pat")
    body = _search(client_for(wessex_lead), wessex_project, "pat")
    assert body.count('name="person"') == 20
    assert "The first 20 people matching “pat”: type more to narrow it" in body


def test_the_search_takes_the_same_queries_for_one_or_twenty_people(
    client_for, wessex_lead, wessex_project, django_assert_max_num_queries
):
    client = client_for(wessex_lead)
    UserFactory(first_name="Robin", led_regions=["oxford"])
    with django_assert_max_num_queries(12) as few:
        _search(client, wessex_project, "robin")
    for _ in range(24):
        UserFactory(first_name="Robin", led_regions=["oxford", "wessex"])
    with django_assert_max_num_queries(len(few)) as many:
        body = _search(client, wessex_project, "robin")
    assert body.count('name="person"') == 20
    assert len(many) == len(few)


def test_choosing_someone_adds_them_in_the_role_chosen(
    client_for, wessex_lead, wessex_project, ann
):
    response = client_for(wessex_lead).post(
        reverse("projects:team", args=[wessex_project.pk]),
        {"person": ann.pk, "role": ProjectRole.LEAD},
        follow=True,
    )
    member = wessex_project.members.get()
    assert (member.user, member.role) == (ann, ProjectRole.LEAD)
    assert "Ann Smith joined the team" in response.content.decode()


@pytest.mark.parametrize("role", ["oxford_lead", "national_viewer", "frontline_member"])
def test_only_editors_search_for_people(request, client_for, wessex_project, ann, role):
    client = client_for(request.getfixturevalue(role))
    response = client.get(reverse("projects:team_people", args=[wessex_project.pk]), {"q": "ann"})
    assert response.status_code == 403
    page = _search(client, wessex_project, "ann", fragment=False)
    assert "Ann.Smith@UHS.nhs.example" not in page


def test_someone_outside_the_team_cannot_add_people(client_for, oxford_lead, wessex_project, ann):
    response = client_for(oxford_lead).post(
        reverse("projects:team", args=[wessex_project.pk]), {"person": ann.pk, "role": "member"}
    )
    assert response.status_code == 403
    assert not wessex_project.members.exists()
