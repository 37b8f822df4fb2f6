"""The public archive's list, search, filters, chart images and feed, without signing in; and
that nothing unpublished is reachable at any of its addresses."""

import re
from datetime import date, timedelta
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.archive_search import search_stories
from learning.models import ChangeLink, Story
from learning.services.stories import refresh_search_text
from measurement.services.data import data_points_upsert
from projects.models import CareSetting, Topic
from regions.models import OrganisationType
from tests.factories import (
    ChangeEntryFactory,
    ChangeIdeaFactory,
    MeasureFactory,
    OrganisationFactory,
    ProjectFactory,
    ProjectLearningFactory,
    StoryFactory,
    region,
)

pytestmark = pytest.mark.django_db

UNPUBLISHED = ["draft", "submitted", "returned", "withdrawn"]
ATOM = "{http://www.w3.org/2005/Atom}"


def story(title, *, status="published", days_ago=0, learning="", idea="", **project_fields):
    project = ProjectFactory(title=title, **project_fields)
    if learning:
        ProjectLearningFactory(
            project=project,
            summary=f"The {title} story.",
            advice=learning,
            what_worked="",
            what_did_not="",
            sustain="",
            spread_plan="",
        )
    if idea:
        ChangeIdeaFactory(project=project, text=idea)
    when = timezone.now() - timedelta(days=days_ago)
    made = StoryFactory(
        project=project,
        slug=title.lower().replace(" ", "-"),
        status=status,
        published_at=when if status in ("published", "withdrawn") else None,
        first_published_at=when if status in ("published", "withdrawn") else None,
    )
    refresh_search_text(made)
    return made


def titles(response) -> list[str]:
    """The stories listed, in order (each is a card's link)."""
    assert response.status_code == 200
    return re.findall(
        r'class="nhsuk-card__link" href="[^"]*">([^<]*)</a>', response.content.decode()
    )


def test_the_archive_lists_published_stories_newest_first_without_signing_in(client):
    story("Older falls work", days_ago=30)
    story("Newer sepsis work", days_ago=1)
    response = client.get(reverse("learning:archive"))
    assert response.status_code == 200
    assert titles(response) == ["Newer sepsis work", "Older falls work"]
    page = response.content.decode()
    assert "<title>Improvement stories – PSC QI Tracker</title>" in page
    assert '<link rel="alternate" type="application/atom+xml"' in page
    assert '<meta name="description"' in page
    assert "2 stories found" in page


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_an_unpublished_story_is_nowhere_in_the_archive(client, status):
    hidden = story("Hidden handover work", status=status, learning="handover")
    measure = MeasureFactory(project=hidden.project)
    hidden.published_measures.set([measure])
    assert titles(client.get(reverse("learning:archive"))) == []
    assert titles(client.get(reverse("learning:archive"), {"q": "handover"})) == []
    for url in (
        reverse("learning:archive_story", args=[hidden.slug]),
        reverse("learning:archive_chart", args=[hidden.slug, measure.pk]),
    ):
        assert client.get(url).status_code == 404
    assert b"Hidden handover work" not in client.get(reverse("learning:archive_feed")).content


def test_a_chart_not_published_with_the_story_is_not_found(client):
    shown = story("Published work")
    other_measure = MeasureFactory(project=shown.project)
    elsewhere = MeasureFactory()
    for measure in (other_measure, elsewhere):
        url = reverse("learning:archive_chart", args=[shown.slug, measure.pk])
        assert client.get(url).status_code == 404


def test_a_published_chart_is_an_svg_for_anyone(client, wessex_lead):
    shown = story("Charted work")
    measure = MeasureFactory(project=shown.project)
    data_points_upsert(
        by=wessex_lead,
        measure=measure,
        rows=[{"period": date(2016, 5, 2 + 7 * n).isoformat(), "value": n} for n in range(4)],
    )
    shown.published_measures.set([measure])
    response = client.get(reverse("learning:archive_chart", args=[shown.slug, measure.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.lstrip().startswith(b"<")


def test_search_finds_a_story_by_a_word_in_its_learning(client):
    story("Safer swab counts", learning="Put the count in the handover script.")
    story("Sepsis screening", learning="Screen every patient on arrival.")
    assert titles(client.get(reverse("learning:archive"), {"q": "handover"})) == [
        "Safer swab counts"
    ]


def test_search_finds_a_story_by_a_word_in_its_change_ideas(client):
    story("Safer swab counts", idea="Whiteboard in theatre")
    story("Sepsis screening", idea="Screening tool at triage")
    found = titles(client.get(reverse("learning:archive"), {"q": "whiteboard"}))
    assert found == ["Safer swab counts"]


def test_search_needs_every_word(client):
    story("Safer swab counts", learning="The handover script and a whiteboard.")
    story("Handover in sepsis", learning="A handover sheet.")
    found = titles(client.get(reverse("learning:archive"), {"q": "handover whiteboard"}))
    assert found == ["Safer swab counts"]


def test_search_ranks_a_title_match_first():
    story("Handover of swabs", learning="Counting swabs.", days_ago=5)
    story("Sepsis screening", learning="A better handover between shifts.", days_ago=1)
    found = search_stories(Story.objects.filter(status="published"), "handover")
    names = [s.project.title for s in found]
    assert sorted(names) == ["Handover of swabs", "Sepsis screening"]
    from django.db import connection  # noqa: PLC0415

    if connection.vendor == "postgresql":
        assert names[0] == "Handover of swabs"


def test_no_match_says_so(client):
    story("Safer swab counts")
    response = client.get(reverse("learning:archive"), {"q": "zebra"})
    assert titles(response) == []
    assert "No stories match" in response.content.decode()


def test_filter_by_topic(client):
    story("Falls work", topic=Topic.FALLS)
    story("Sepsis work", topic=Topic.SEPSIS)
    response = client.get(reverse("learning:archive"), {"topic": "sepsis"})
    assert titles(response) == ["Sepsis work"]
    assert "Topic: Sepsis" in response.content.decode()


def test_filter_by_region_leading_or_taking_part(client):
    story("Wessex work", lead_region=region("wessex"))
    joined = story("Joined work", lead_region=region("west-of-england"))
    joined.project.participating_regions.set([region("oxford")])
    story("Elsewhere work", lead_region=region("west-of-england"))
    response = client.get(reverse("learning:archive"), {"region": "oxford"})
    assert titles(response) == ["Joined work"]


def test_filter_by_care_setting(client):
    settings = list(CareSetting.objects.all()[:2])
    first = story("First setting work")
    first.project.care_settings.set([settings[0]])
    second = story("Second setting work")
    second.project.care_settings.set(settings)
    response = client.get(reverse("learning:archive"), {"setting": settings[1].slug})
    assert titles(response) == ["Second setting work"]


def test_filter_by_organisation_type(client):
    home = story("Care home work")
    home.project.organisations.set([OrganisationFactory(type=OrganisationType.CARE_HOME)])
    trust = story("Trust work")
    trust.project.organisations.set([OrganisationFactory(type=OrganisationType.ACUTE_TRUST)])
    response = client.get(reverse("learning:archive"), {"organisation_type": "care_home"})
    assert titles(response) == ["Care home work"]


def test_filter_by_catalogue_change(client):
    linked = story("Linked work", idea="Swab count at handover")
    ChangeLink.objects.create(
        change_idea=linked.project.change_ideas.get(),
        entry=ChangeEntryFactory(slug="swab-count"),
    )
    story("Unlinked work", idea="Something else")
    response = client.get(reverse("learning:archive"), {"change": "swab-count"})
    assert titles(response) == ["Linked work"]


def test_filter_by_financial_year_completed_else_started(client):
    story(
        "Completed in 2017-18",
        status="published",
        start_date=date(2016, 6, 1),
        completed_on=date(2017, 6, 1),
    )
    story("Started in 2016-17", start_date=date(2016, 6, 1))
    response = client.get(reverse("learning:archive"), {"year": "2016-17"})
    assert titles(response) == ["Started in 2016-17"]
    assert titles(client.get(reverse("learning:archive"), {"year": "2017-18"})) == [
        "Completed in 2017-18"
    ]
    assert "financial year" in response.content.decode()


def test_filter_by_showing_improvement(client):
    improved = story("Improved work")
    better = MeasureFactory(project=improved.project, variation="special_cause_improvement")
    improved.published_measures.set([better])
    flat = story("Flat work")
    flat.published_measures.set([MeasureFactory(project=flat.project, variation="common_cause")])
    response = client.get(reverse("learning:archive"), {"improved": "on"})
    assert titles(response) == ["Improved work"]


def test_filters_combine_with_search(client):
    story("Falls handover", topic=Topic.FALLS, learning="handover")
    story("Sepsis handover", topic=Topic.SEPSIS, learning="handover")
    response = client.get(reverse("learning:archive"), {"topic": "falls", "q": "handover"})
    assert titles(response) == ["Falls handover"]
    page = response.content.decode()
    assert "Search: handover" in page and "Topic: Falls" in page


def test_the_archive_is_paginated(client):
    for n in range(22):
        story(f"Story number {n}", days_ago=n)
    first = client.get(reverse("learning:archive"))
    assert len(titles(first)) == 20
    second = client.get(reverse("learning:archive"), {"page": 2})
    assert titles(second) == ["Story number 20", "Story number 21"]


def test_the_archive_reads_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for n in range(15):
        made = story(f"Story number {n}", learning="handover", idea="An idea")
        made.project.participating_regions.set([region("oxford")])
    with django_assert_max_num_queries(12):
        assert client.get(reverse("learning:archive")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("learning:archive"), {"q": "handover"}).status_code == 200


def test_the_feed_is_atom_with_the_newest_published_stories(client):
    for n in range(22):
        story(f"Story number {n}", days_ago=n, learning="Advice")
    story("Not yet published", status="submitted")
    response = client.get(reverse("learning:archive_feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 20
    assert entries[0].find(f"{ATOM}title").text == "Story number 0"
    assert entries[0].find(f"{ATOM}link").get("href").endswith("/archive/story-number-0/")


def test_a_completed_project_shows_its_completion_year(client):
    story("Done work", status="published", completed_on=date(2017, 6, 1))
    page = client.get(reverse("learning:archive")).content.decode()
    assert "Completed 2017-18" in page


def test_the_archive_offers_only_choices_from_published_stories(client):
    story("Falls work", lead_region=region("wessex"))
    story("Hidden work", status="draft", lead_region=region("oxford"))
    page = client.get(reverse("learning:archive")).content.decode()
    assert 'value="wessex"' in page
    assert 'value="oxford"' not in page


def test_a_completed_status_is_needed_for_nothing(client):
    """Any published story is listed, whatever its project's status."""
    story("Active work", status="published")
    story("Completed work", status="published", completed_on=date(2017, 1, 1))
    assert len(titles(client.get(reverse("learning:archive")))) == 2


def test_the_header_links_to_the_archive_signed_out_and_only_to_it(client):
    page = client.get(reverse("learning:archive")).content.decode()
    assert f'href="{reverse("learning:archive")}"' in page
    assert "Improvement stories" in page
    assert f'href="{reverse("projects:portfolio")}"' not in page


def test_the_header_links_to_the_archive_signed_in(client_for, frontline_member):
    page = client_for(frontline_member).get(reverse("projects:portfolio")).content.decode()
    assert "Improvement stories" in page
    assert f'href="{reverse("learning:archive")}"' in page


def test_the_sign_in_page_links_to_the_archive(client):
    page = client.get(reverse("login")).content.decode()
    assert "Read the archive of completed projects without signing in" in page


def test_a_choice_not_offered_is_an_error_on_its_field_and_the_search_still_applies(client):
    story("Safer swab counts", learning="handover")
    story("Sepsis screening", learning="triage")
    response = client.get(reverse("learning:archive"), {"q": "handover", "topic": "bogus"})
    assert titles(response) == ["Safer swab counts"]
    assert "Select a valid choice" in response.content.decode()
