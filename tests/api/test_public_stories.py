"""The public archive's API without a token: only published stories, each with its impacts and
no personal data, filtered and searched, throttled per address, and in the OpenAPI schema."""

import json
from datetime import date

import pytest
from django.utils.text import slugify
from drf_spectacular.generators import SchemaGenerator

from learning.models import StoryStatus
from learning.services.stories import refresh_search_text
from projects.models import ProjectRole
from tests.api.conftest import token_client, token_for
from tests.api.story_support import SWABS, api, field_errors, swab_measure
from tests.factories import (
    ProjectFactory,
    ProjectLearningFactory,
    ProjectMemberFactory,
    ReportedOutcomeFactory,
    StoryFactory,
    UserFactory,
    region,
)

pytestmark = pytest.mark.django_db
LIST = "/api/v1/public/stories/"
UNPUBLISHED = [s for s in StoryStatus.values if s != StoryStatus.PUBLISHED]


def published(title="Swab counts", *, learning=True, **project_fields):
    project = ProjectFactory(title=title, **project_fields)
    if learning:
        ProjectLearningFactory(project=project)
    story = StoryFactory(project=project, slug=slugify(title), published=True)
    refresh_search_text(story)
    return story


def slugs(query: str = "") -> list[str]:
    response = api().get(f"{LIST}{query}")
    assert response.status_code == 200, response.content
    return [story["slug"] for story in response.json()["results"]]


@pytest.fixture
def swab_story(wessex_lead):
    """A published story whose chart moved from 27% to 77%, with a team: one member agreed to
    be named, one did not, and neither's username or email may show."""
    story = published(start_date=date(2016, 4, 1))
    story.published_measures.set([swab_measure(story.project, wessex_lead)])
    named = UserFactory(
        username="midwife.ada", first_name="Ada", last_name="Lovelace", email="ada@example.org"
    )
    unnamed = UserFactory(
        username="midwife.bob", first_name="Bob", last_name="Hidden", email="bob@example.org"
    )
    ProjectMemberFactory(project=story.project, user=named, role=ProjectRole.LEAD)
    ProjectMemberFactory(project=story.project, user=unnamed)
    story.consents.create(user=named)
    story.steps.create(action="published", by=wessex_lead, comment="Well done")
    ReportedOutcomeFactory(project=story.project, recorded_by=unnamed)
    return story


# Only what is published ----------------------------------------------------------------------


def test_anyone_lists_the_published_stories_and_nothing_else(db):
    story = published()
    for status in UNPUBLISHED:
        StoryFactory(status=status, slug=f"hidden-{status}")
    assert slugs() == [story.slug]
    assert api().get(LIST).json()["count"] == 1


@pytest.mark.parametrize("status", UNPUBLISHED)
def test_a_story_not_published_is_a_json_404_to_anyone(status, wessex_lead, national_admin):
    story = StoryFactory(status=status, project=ProjectFactory(lead_region=region("wessex")))
    for client in (api(), api(wessex_lead), api(national_admin)):
        response = client.get(f"{LIST}{story.slug}/")
        assert response.status_code == 404, response.content
        assert response.json()["code"] == "not_found" and story.slug in response.json()["detail"]


def test_a_list_item_summarises_the_story_with_its_absolute_addresses(db):
    story = published(lead_region=region("wessex"))
    [item] = api().get(LIST).json()["results"]
    assert item["url"] == f"http://testserver/archive/{story.slug}/"
    assert item["api_url"] == f"http://testserver{LIST}{story.slug}/"
    assert item["summary"] == "Handover of swab counts became part of every shift change."
    assert (item["region"], item["region_name"], item["topic"]) == ("wessex", "Wessex", "falls")
    assert set(item) == {
        "slug",
        "title",
        "url",
        "api_url",
        "region",
        "region_name",
        "topic",
        "summary",
        "started_on",
        "completed_on",
        "first_published_at",
        "published_at",
    }


def test_the_list_reads_the_same_few_queries_however_many_stories(
    db, django_assert_max_num_queries
):
    for n in range(8):
        published(title=f"Story {n}")
    with django_assert_max_num_queries(5):  # PostgreSQL: and its statement timeout
        assert len(slugs()) == 8


# The whole story -----------------------------------------------------------------------------


def test_the_detail_gives_each_published_measure_its_impacts_and_all_of_them_together(
    swab_story,
):
    body = api().get(f"{LIST}{swab_story.slug}/").json()
    [measure] = body["measures"]
    assert measure["name"] == SWABS and measure["chart_url"].startswith("http://testserver/")
    level = next(i for i in measure["impacts"] if i["kind"] == "level")
    assert (level["before"], level["after"]) == (27.0, 77.0)
    assert {"measure", "measure_name", "statement", "relative_change", "unit", "phases"} <= set(
        level
    )
    assert body["impacts"] == measure["impacts"]
    assert body["url"] == f"http://testserver/archive/{swab_story.slug}/"
    assert body["learning"]["advice"] == "Start with one ward and the night shift."


def test_a_chart_not_chosen_for_publishing_stays_out_of_the_public_story(swab_story, wessex_lead):
    swab_measure(swab_story.project, wessex_lead, name="Unpublished swab audit")
    text = api().get(f"{LIST}{swab_story.slug}/").content.decode()
    assert SWABS in text and "Unpublished swab audit" not in text


def test_the_detail_reads_the_same_few_queries_however_big_the_story(
    swab_story, wessex_lead, django_assert_max_num_queries
):
    for n in range(3):
        measure = swab_measure(swab_story.project, wessex_lead, name=f"Swabs {n}")
        swab_story.published_measures.add(measure)
        ReportedOutcomeFactory(project=swab_story.project)
    client = api()
    client.get(f"{LIST}{swab_story.slug}/")  # the impacts are computed once, then cached
    with django_assert_max_num_queries(15):
        body = client.get(f"{LIST}{swab_story.slug}/").json()
    assert len(body["measures"]) == 4 and len(body["reported_outcomes"]) == 4


def test_signed_in_the_public_api_still_shows_only_published_stories(national_admin):
    story = published()
    StoryFactory(status="submitted", slug="waiting")
    response = api(national_admin).get(LIST)
    assert [s["slug"] for s in response.json()["results"]] == [story.slug]


def test_the_public_story_names_only_who_agreed_and_shows_no_username_or_email(swab_story):
    text = api().get(f"{LIST}{swab_story.slug}/").content.decode()
    assert json.loads(text)["team"] == ["Ada Lovelace"]
    for private in ("midwife.", "lead.wessex", "@example.org", "Bob Hidden", "Well done"):
        assert private not in text
    listed = api().get(LIST).content.decode()
    for private in ("midwife.", "lead.wessex", "@example.org", "Ada Lovelace"):
        assert private not in listed


# Filters and search --------------------------------------------------------------------------


def test_the_list_filters_by_topic_region_and_year(db):
    falls = published("Falls", lead_region=region("wessex"), topic="falls")
    sepsis = published(
        "Sepsis",
        lead_region=region("oxford"),
        topic="sepsis",
        start_date=date(2018, 3, 1),
    )
    assert slugs("?topic=sepsis") == [sepsis.slug]
    assert slugs("?region=wessex") == [falls.slug]
    # The archive page's year: the financial year completed, else the one started.
    done = published(
        "Done", start_date=date(2016, 6, 1), status="completed", completed_on=date(2018, 5, 1)
    )
    assert slugs("?year=2016-17") == [falls.slug]
    assert slugs("?year=2017-18") == [sepsis.slug]
    assert slugs("?year=2018-19") == [done.slug]
    assert slugs("?year=2015-16") == []


def test_improvement_true_keeps_the_stories_whose_chart_improved(swab_story):
    flat = published("Flat")
    assert slugs("?improvement=true") == [swab_story.slug]
    assert slugs("?improvement=false") == [flat.slug]


def test_q_finds_a_story_by_a_word_of_its_learning(swab_story):
    published("Pressure ulcers", learning=False)
    assert slugs("?q=handover") == [swab_story.slug]
    assert slugs("?q=nothing-like-this") == []


@pytest.mark.parametrize(
    "query, field",
    [
        ("year=last", "year"),
        ("year=2016", "year"),
        ("improvement=maybe", "improvement"),
        ("topic=knitting", "topic"),
    ],
)
def test_a_bad_filter_is_refused_by_name(db, query, field):
    assert field_errors(api().get(f"{LIST}?{query}")) == {field}


# Throttled per address -----------------------------------------------------------------------


def test_anonymous_callers_are_throttled_per_address_with_a_json_429(db, settings):
    settings.API_ANON_THROTTLE_RATE = "3/minute"
    client = api()
    assert [client.get(LIST).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(LIST)
    assert refused.status_code == 429 and refused.json()["code"] == "throttled"
    assert int(refused["Retry-After"]) > 0
    elsewhere = api().get(LIST, REMOTE_ADDR="192.0.2.7")
    assert elsewhere.status_code == 200


def test_a_caller_with_a_token_uses_its_own_allowance(partner, settings):
    settings.API_ANON_THROTTLE_RATE = "1/minute"
    client = token_client(token_for(partner))
    assert [client.get(LIST).status_code for _ in range(3)] == [200, 200, 200]


# Documented ----------------------------------------------------------------------------------


def test_the_schema_documents_the_public_paths_as_needing_no_token(db):
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    listing, detail = paths[LIST]["get"], paths[LIST + "{slug}/"]["get"]
    names = {p["name"] for p in listing["parameters"]}
    assert {"q", "topic", "region", "year", "improvement", "page", "page_size"} <= names
    for operation in (listing, detail):
        assert {} in operation["security"] and "429" in operation["responses"]
        assert "401" not in operation["responses"]
    body = detail["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert body.endswith("/PublicStory")
