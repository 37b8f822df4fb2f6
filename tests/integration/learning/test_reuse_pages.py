"""The page for starting a project from a story, tried as every role, and what the project
pages then say: who is refused writes nothing; a lead lands on the new project."""

import html

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learning.models import StoryReuse
from projects.models import Project
from tests.factories import OrganisationFactory, ProjectFactory, StoryFactory, UserFactory, region
from tests.integration.learning.test_reuse_services import (
    build_published_wessex_story,
    row_counts,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_published_wessex_story()


def _url(world) -> str:
    return reverse("learning:story_start_project", args=[world["story"].slug])


def _post(world, **overrides) -> dict:
    return {
        "title": "Swab handover in Oxford",
        "lead_region": region("oxford").pk,
        "organisation": world["organisation"].pk,
        "start_date": "2027-01-04",
    } | overrides


def _user(name, request):
    return None if name == "anonymous" else request.getfixturevalue(name)


def test_the_address_is_the_agreed_one(world):
    assert _url(world) == "/archive/verbal-swab-handover/start/"


def test_signed_out_visitors_are_sent_to_sign_in_and_nothing_is_written(client, world):
    before = row_counts()
    for response in (client.get(_url(world)), client.post(_url(world), _post(world))):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    assert row_counts() == before


@pytest.mark.parametrize("role", ["frontline_member", "national_viewer"])
def test_who_may_not_create_projects_is_told_why_and_nothing_is_written(
    client, request, world, role
):
    client.force_login(_user(role, request))
    before = row_counts()
    shown = client.get(_url(world))
    assert shown.status_code == 403
    page = shown.content.decode()
    assert "You cannot start a project from this story" in page
    assert "Only leads of a region and national admins can start projects" in page
    assert "<form" not in page.split("<main", 1)[1]
    sent = client.post(_url(world), _post(world))
    assert sent.status_code == 403
    assert row_counts() == before


@pytest.mark.parametrize("role", ["oxford_lead", "national_admin"])
def test_a_lead_starts_a_project_and_lands_on_it(client, request, world, role):
    user = _user(role, request)
    client.force_login(user)
    shown = client.get(_url(world))
    assert shown.status_code == 200
    page = shown.content.decode()
    assert 'value="Verbal handover of swab counts"' in page  # the title, prefilled
    assert f'value="{timezone.localdate().isoformat()}"' in page
    assert "2 primary drivers, 3 secondary drivers and 3 change ideas" in page
    assert "Oxford Royal" in page
    sent = client.post(_url(world), _post(world), follow=True)
    project = Project.objects.get(title="Swab handover in Oxford")
    assert sent.redirect_chain == [(project.get_absolute_url(), 302)]
    landed = sent.content.decode()
    assert "was started from the story “Verbal handover of swab counts”" in landed
    assert "Started from a story" in landed
    assert world["story"].get_absolute_url() in landed
    assert StoryReuse.objects.get().started_by == user


def test_an_oxford_lead_is_offered_only_oxfords_regions_and_organisations(client, world):
    OrganisationFactory(name="Southampton General", region=region("wessex"))
    client.force_login(UserFactory(username="lead.oxford", led_regions=["oxford"]))
    page = client.get(_url(world)).content.decode()
    assert "Oxford Royal (" in page
    assert "Southampton General" not in page
    assert f'<option value="{region("wessex").pk}"' not in page


def test_a_region_they_do_not_lead_is_refused_naming_the_field(client, world, oxford_lead):
    client.force_login(oxford_lead)
    before = row_counts()
    wessex_organisation = OrganisationFactory(region=region("wessex"))
    sent = client.post(
        _url(world),
        _post(world, lead_region=region("wessex").pk, organisation=wessex_organisation.pk),
    )
    assert sent.status_code == 200
    page = sent.content.decode()
    assert "Select one of the regions you lead" in page
    assert "Error: " in page
    assert row_counts() == before


def test_an_organisation_of_another_led_region_is_refused_naming_the_field(client, world):
    both = UserFactory(username="lead.both", led_regions=["oxford", "wessex"])
    wessex_organisation = OrganisationFactory(name="Southampton General", region=region("wessex"))
    client.force_login(both)
    before = row_counts()
    sent = client.post(_url(world), _post(world, organisation=wessex_organisation.pk))
    assert sent.status_code == 200
    assert "Southampton General (" in sent.content.decode()
    assert "select an organisation of Oxford" in sent.content.decode()
    assert row_counts() == before


def test_a_missing_title_and_date_are_named(client, world, oxford_lead):
    client.force_login(oxford_lead)
    before = row_counts()
    sent = client.post(_url(world), _post(world, title="", start_date=""))
    page = html.unescape(sent.content.decode())
    assert "Enter the new project's title" in page
    assert "Enter the project's start date" in page
    assert row_counts() == before


@pytest.mark.parametrize("status", ["draft", "submitted", "returned", "withdrawn"])
def test_a_story_not_published_is_not_found(client, oxford_lead, status):
    story = StoryFactory(status=status, slug="not-public")
    client.force_login(oxford_lead)
    url = reverse("learning:story_start_project", args=[story.slug])
    before = row_counts()
    assert client.get(url).status_code == 404
    assert client.post(url, {"title": "x"}).status_code == 404
    assert row_counts() == before


def test_the_storys_project_page_counts_and_links_the_projects_started_from_it(
    client, world, oxford_lead, national_viewer
):
    client.force_login(oxford_lead)
    client.post(_url(world), _post(world))
    client.post(_url(world), _post(world, title="A second try"))
    started = list(Project.objects.filter(started_from__story=world["story"]).order_by("pk"))
    client.force_login(national_viewer)
    page = client.get(world["source"].get_absolute_url()).content.decode()
    assert "2 projects started from this story" in page
    for project in started:
        assert f'href="{project.get_absolute_url()}"' in page
    assert "led by Oxford" in page


def test_a_project_not_started_from_a_story_says_nothing_of_stories(client, national_viewer):
    project = ProjectFactory()
    client.force_login(national_viewer)
    page = client.get(project.get_absolute_url()).content.decode()
    assert "Started from a story" not in page
    assert "started from this story" not in page


def test_the_project_page_reads_its_reuses_in_the_same_queries_however_many(
    client, world, oxford_lead, django_assert_max_num_queries
):
    client.force_login(oxford_lead)
    client.post(_url(world), _post(world))
    url = world["source"].get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    with_one = len(one.captured_queries)
    for n in range(4):
        client.post(_url(world), _post(world, title=f"Try {n}"))
    with django_assert_max_num_queries(with_one):
        page = client.get(url).content.decode()
    assert "5 projects started from this story" in page


def test_once_the_story_is_withdrawn_the_new_project_links_to_its_project(
    client, world, oxford_lead
):
    client.force_login(oxford_lead)
    client.post(_url(world), _post(world))
    project = Project.objects.get(title="Swab handover in Oxford")
    world["story"].status = "withdrawn"
    world["story"].save()
    page = client.get(project.get_absolute_url()).content.decode()
    assert "no longer published" in page
    assert f'href="{world["source"].get_absolute_url()}"' in page
    assert f'href="{world["story"].get_absolute_url()}"' not in page
