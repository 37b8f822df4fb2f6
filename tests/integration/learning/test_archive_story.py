"""A published story as the public reads it: `public_story` (the page's and the API's content)
and the story page at /archive/<slug>/, without signing in."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from learning.models import ChangeLink, Story, StoryConsent, StoryReuse
from learning.presenters.archive_story import public_story, ramp_summary, story_prefetched
from learning.services.stories import refresh_search_text
from measurement.services.data import data_points_upsert
from measurement.services.phases import rebase_add
from projects.models import CareSetting, ProjectStatus
from regions.models import OrganisationType
from tests.factories import (
    ChangeEntryFactory,
    ChangeIdeaFactory,
    MeasureFactory,
    OrganisationFactory,
    PDSACycleFactory,
    PrimaryDriverFactory,
    ProjectFactory,
    ProjectLearningFactory,
    ProjectMemberFactory,
    ReportedOutcomeFactory,
    SecondaryDriverFactory,
    StoryFactory,
    UserFactory,
    region,
)

pytestmark = pytest.mark.django_db

MAY_2016 = date(2016, 5, 2)  # a Monday
NOV_2016 = date(2016, 11, 7)
SWABS = "Births with a verbal swab count at handover"


def swab_rows(weeks=40):
    return [
        {
            "period": (MAY_2016 + timedelta(weeks=n)).isoformat(),
            "numerator": (27 if MAY_2016 + timedelta(weeks=n) < NOV_2016 else 77)
            + [0, 1, -1][n % 3],
            "denominator": 100,
        }
        for n in range(weeks)
    ]


def published_swab_story(by, **story_fields):
    """The swabs project, completed, with its diagram, cycles, a published chart (27% to 77%),
    its learning and a reported saving, published in the archive."""
    project = ProjectFactory(
        title="Safer swab counts in maternity",
        status=ProjectStatus.COMPLETED,
        start_date=date(2016, 4, 4),
        completed_on=date(2017, 3, 1),
        aim_what="Verbal swab counts at handover",
        aim_for_whom="every birth on the labour ward",
        aim_how_much="from 27% to 75%",
        aim_text="Verbal handover of swabs from 27% to 75% of births by March 2017",
    )
    project.participating_regions.set([region("oxford")])
    project.organisations.set([OrganisationFactory(name="Wessex General Hospital")])
    project.care_settings.set(CareSetting.objects.all()[:1])
    primary = PrimaryDriverFactory(project=project, text="A reliable count")
    secondary = SecondaryDriverFactory(primary_driver=primary, text="Handover includes swabs")
    idea = ChangeIdeaFactory(project=project, text="Swab count in the handover script")
    idea.secondary_drivers.set([secondary])
    for start, decision in [
        (date(2016, 5, 2), "adapt"),
        (date(2016, 7, 4), "adopt"),
        (date(2016, 10, 3), "adopt"),
    ]:
        PDSACycleFactory(change_idea=idea, start_date=start, status="complete", decision=decision)
    entry = ChangeEntryFactory(name="Swab count at handover", slug="swab-count-at-handover")
    ChangeLink.objects.create(change_idea=idea, entry=entry)
    ProjectLearningFactory(project=project, advice="Start with the night shift and a whiteboard.")
    ReportedOutcomeFactory(project=project, amount=300000)
    measure = MeasureFactory(
        project=project,
        name=SWABS,
        data_type="proportion",
        chart="p",
        rules="mdc",
        unit="%",
        multiplier=100,
    )
    data_points_upsert(by=by, measure=measure, rows=swab_rows())
    rebase_add(by=by, measure=measure, start=NOV_2016, reason="Swab count in the script")
    hidden = MeasureFactory(project=project, name="Staff survey (not published)")
    story = StoryFactory(project=project, slug="safer-swab-counts", published=True, **story_fields)
    story.published_measures.set([measure])
    refresh_search_text(story)
    return story, measure, hidden


@pytest.fixture
def swab_story(wessex_lead):
    return published_swab_story(wessex_lead)


def test_public_story_holds_the_aim_regions_diagram_and_changes_tested(swab_story):
    story, measure, _ = swab_story
    content = public_story(story_prefetched(Story.objects.filter(pk=story.pk)).get())
    assert content["slug"] == "safer-swab-counts"
    assert content["url"] == "/archive/safer-swab-counts/"
    assert content["aim"]["how_much"] == "from 27% to 75%"
    assert content["topic"] == {"code": "falls", "label": "Falls"}
    assert content["lead_region"]["slug"] == "wessex"
    assert [r["slug"] for r in content["participating_regions"]] == ["oxford"]
    assert content["organisations"] == [
        {"name": "Wessex General Hospital", "type": "acute_trust", "type_label": "Acute trust"}
    ]
    assert content["dates"]["completed"] == "2017-03-01"
    assert content["driver_diagram"] == [
        {
            "text": "A reliable count",
            "secondaries": [
                {
                    "text": "Handover includes swabs",
                    "change_ideas": ["Swab count in the handover script"],
                }
            ],
        }
    ]
    [change] = content["changes_tested"]
    assert change["catalogue"] == [
        {"slug": "swab-count-at-handover", "name": "Swab count at handover"}
    ]
    assert change["decisions"] == ["adapt", "adopt", "adopt"]
    assert change["summary"] == "3 cycles, May–Oct 2016: adapt, adopt, adopt"


def test_public_story_gives_only_the_published_charts_with_their_impacts(swab_story):
    story, measure, hidden = swab_story
    content = public_story(story)
    assert [m["id"] for m in content["measures"]] == [measure.pk]
    [shown] = content["measures"]
    assert shown["chart"]["code"] == "p"
    assert shown["chart_url"] == f"/archive/safer-swab-counts/charts/{measure.pk}.svg"
    levels = [i for i in shown["impacts"] if i["kind"] == "level"]
    assert [(i["before"], i["after"]) for i in levels] == [(27.0, 77.0)]
    assert content["impacts"] == shown["impacts"]


def test_public_story_gives_the_learning_outcomes_contact_and_reuse_count(swab_story, wessex_lead):
    story, *_ = swab_story
    StoryReuse.objects.create(story=story, project=ProjectFactory(), started_by=wessex_lead)
    content = public_story(story)
    assert content["learning"]["advice"] == "Start with the night shift and a whiteboard."
    [outcome] = content["reported_outcomes"]
    assert outcome["amount"] == "£300,000"
    assert outcome["amount_value"] == "300000.00"
    assert content["contact"]["url"] == region("wessex").website
    assert content["projects_started"] == 1


def test_the_story_contact_is_shown_when_given(wessex_lead):
    story, *_ = published_swab_story(wessex_lead, contact="Write to the maternity collaborative")
    assert public_story(story)["contact"] == {
        "text": "Write to the maternity collaborative",
        "url": "",
    }


def test_only_team_members_who_agreed_are_named(swab_story):
    story, *_ = swab_story
    agreed = UserFactory(first_name="Alice", last_name="Agreed", email="alice@example.nhs.uk")
    quiet = UserFactory(first_name="Quentin", last_name="Quiet", email="quentin@example.nhs.uk")
    for user in (agreed, quiet):
        ProjectMemberFactory(project=story.project, user=user)
    StoryConsent.objects.create(story=story, user=agreed)
    content = public_story(story)
    assert content["team"] == ["Alice Agreed"]
    text = repr(content)
    for personal in (
        "Quentin",
        "alice@example",
        "quentin@example",
        agreed.username,
        quiet.username,
    ):
        assert personal not in text


def test_the_story_page_is_read_without_signing_in(client, swab_story):
    story, measure, hidden = swab_story
    response = client.get(reverse("learning:archive_story", args=[story.slug]))
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "<title>Safer swab counts in maternity – Improvement stories – PSC QI Tracker</title>"
        in page
    )
    assert '<meta name="description" content="Handover of swab counts became part' in page
    assert (
        "Improve verbal swab counts at handover for every birth on the labour ward from 27% to 75%."
        in page
    )
    assert "Swab count in the handover script" in page
    assert "3 cycles, May–Oct 2016: adapt, adopt, adopt" in page
    assert f'src="/archive/safer-swab-counts/charts/{measure.pk}.svg?v=' in page
    assert "from 27% (phase 1" in page
    assert "Reported by the team" in page and "£300,000" in page
    assert "Start with the night shift and a whiteboard." in page
    assert "Sign in to start a project from this story" in page
    assert "Staff survey (not published)" not in page


def test_a_signed_in_visitor_is_offered_to_start_a_project(client_for, swab_story, oxford_lead):
    story, *_ = swab_story
    page = client_for(oxford_lead).get(story.get_absolute_url()).content.decode()
    assert "Start a project from this story" in page
    assert reverse("learning:story_start_project", args=[story.slug]) in page


def test_the_public_table_shows_small_counts_as_fewer_than_5(client, wessex_lead):
    story, measure, _ = published_swab_story(wessex_lead)
    data_points_upsert(
        by=wessex_lead,
        measure=measure,
        rows=[
            {
                "period": (MAY_2016 + timedelta(weeks=40)).isoformat(),
                "numerator": 3,
                "denominator": 4,
            }
        ],
    )
    page = client.get(story.get_absolute_url()).content.decode()
    assert "fewer than 5" in page
    assert ">100<" in page  # the larger denominators are shown


def test_notes_on_points_are_not_shown_publicly(client, wessex_lead):
    from measurement.models import PointNote  # noqa: PLC0415

    story, measure, _ = published_swab_story(wessex_lead)
    PointNote.objects.create(
        measure=measure, period=MAY_2016, text="Sister Jones was off sick", created_by=wessex_lead
    )
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Sister Jones" not in page
    svg = client.get(reverse("learning:archive_chart", args=[story.slug, measure.pk]))
    assert svg.status_code == 200
    assert b"Sister Jones" not in svg.content


def test_the_story_page_reads_a_fixed_number_of_queries(
    client, wessex_lead, django_assert_max_num_queries
):
    story, measure, _ = published_swab_story(wessex_lead)
    for _ in range(5):
        idea = ChangeIdeaFactory(project=story.project)
        PDSACycleFactory(change_idea=idea)
        ChangeLink.objects.create(change_idea=idea, entry=ChangeEntryFactory())
        story.project.organisations.add(OrganisationFactory())
        ReportedOutcomeFactory(project=story.project)
        member = ProjectMemberFactory(project=story.project)
        StoryConsent.objects.create(story=story, user=member.user)
    with django_assert_max_num_queries(30):
        assert client.get(story.get_absolute_url()).status_code == 200


def test_public_story_reads_one_query_per_kind(wessex_lead, django_assert_max_num_queries):
    story, *_ = published_swab_story(wessex_lead)
    for _ in range(4):
        ChangeIdeaFactory(project=story.project)
        SecondaryDriverFactory(primary_driver=PrimaryDriverFactory(project=story.project))
    with django_assert_max_num_queries(22):
        public_story(story_prefetched(Story.objects.filter(pk=story.pk)).get())


def test_ramp_summary_says_cycles_months_and_decisions():
    assert (
        ramp_summary(1, date(2016, 5, 2), date(2016, 5, 30), ["adopt"])
        == "1 cycle, May 2016: adopt"
    )
    assert ramp_summary(2, date(2016, 11, 1), date(2017, 2, 1), []) == "2 cycles, Nov 2016–Feb 2017"
    assert ramp_summary(0, None, None, []) == "No PDSA cycles recorded"


def test_an_organisation_type_label_is_given(swab_story):
    story, *_ = swab_story
    story.project.organisations.add(
        OrganisationFactory(name="Sunny Care Home", type=OrganisationType.CARE_HOME)
    )
    names = {o["name"]: o["type_label"] for o in public_story(story)["organisations"]}
    assert names["Sunny Care Home"] == "Care home"


def test_a_draft_catalogue_entry_is_not_named(swab_story):
    story, *_ = swab_story
    idea = ChangeIdeaFactory(project=story.project, text="Checklist on the trolley")
    ChangeLink.objects.create(
        change_idea=idea, entry=ChangeEntryFactory(name="Unreleased change", status="draft")
    )
    changes = {c["text"]: c["catalogue"] for c in public_story(story)["changes_tested"]}
    assert changes["Checklist on the trolley"] == []


def test_a_published_chart_that_cannot_be_drawn_leaves_the_page_up(client, wessex_lead):
    from measurement.models import Measure  # noqa: PLC0415

    story, measure, _ = published_swab_story(wessex_lead)
    Measure.objects.filter(pk=measure.pk).update(rules="ihi", chart="p")  # no such pairing
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert "No data has been entered yet." in response.content.decode()
    chart = client.get(reverse("learning:archive_chart", args=[story.slug, measure.pk]))
    assert chart.status_code == 200
