"""The learning, outcome and story pages: what they show, what they save, and their errors."""

import re
from decimal import Decimal

import pytest
from django.urls import NoReverseMatch, reverse

from learning.models import ProjectLearning, ReportedOutcome, Story, StoryConsent
from learning.presenters.stories import amount_words
from projects.models import ProjectRole
from tests.factories import (
    MeasureFactory,
    ProjectFactory,
    ProjectLearningFactory,
    ProjectMemberFactory,
    ReportedOutcomeFactory,
    StoryFactory,
    region,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return ProjectFactory(title="Swab counts at handover", lead_region=region("wessex"))


@pytest.fixture
def project_lead(project):
    return ProjectMemberFactory(project=project, role=ProjectRole.LEAD).user


@pytest.fixture
def team_member(project):
    return ProjectMemberFactory(project=project, role=ProjectRole.MEMBER).user


def text(response) -> str:
    return response.content.decode()


# Amounts ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "unit", "words"),
    [
        (Decimal("1300000"), "£", "£1.3m"),
        (Decimal("2000000"), "£", "£2m"),
        (Decimal("300000"), "£", "£300,000"),
        (Decimal("1234.50"), "£", "£1,234.50"),
        (Decimal("120"), "bed-days", "120 bed-days"),
        (None, "£", "No amount given"),
    ],
)
def test_amounts_read_as_the_brochure_writes_them(amount, unit, words):
    assert amount_words(amount, unit) == words


# The learning page --------------------------------------------------------------------------


def test_a_team_member_writes_the_learning(client_for, project, team_member):
    client = client_for(team_member)
    page = client.get(reverse("learning:project_learning", args=[project.pk]))
    assert page.status_code == 200 and "Save the learning" in text(page)
    assert "Not written yet." in text(page)
    sent = client.post(
        reverse("learning:project_learning", args=[project.pk]),
        {"summary": "Counts became routine", "advice": "Start on nights"},
        follow=True,
    )
    learning = ProjectLearning.objects.get(project=project)
    assert (learning.summary, learning.advice, learning.updated_by) == (
        "Counts became routine",
        "Start on nights",
        team_member,
    )
    assert f"Last changed by {team_member}" in text(sent)
    assert "Counts became routine" in text(sent)


def test_the_learning_form_shows_its_hints(client_for, project, team_member):
    page = client_for(team_member).get(reverse("learning:project_learning", args=[project.pk]))
    assert "What you would tell a team starting the same work tomorrow." in text(page)


def test_others_read_the_learning_without_a_form(client_for, project, oxford_lead):
    ProjectLearningFactory(project=project, what_did_not="Posters alone.")
    page = client_for(oxford_lead).get(reverse("learning:project_learning", args=[project.pk]))
    assert page.status_code == 200
    assert "Posters alone." in text(page) and "Save the learning" not in text(page)


def test_the_learning_page_lists_outcomes_as_reported_by_the_team(client_for, project, oxford_lead):
    ReportedOutcomeFactory(project=project, amount=1300000, cash_releasing=True)
    page = text(
        client_for(oxford_lead).get(reverse("learning:project_learning", args=[project.pk]))
    )
    assert "Reported by the team" in page and "£1.3m" in page
    assert "Cash-releasing" in page and "a year" in page and "finance team" in page
    assert reverse("learning:outcome_update", args=[ReportedOutcome.objects.get().pk]) not in page


def test_an_unknown_project_is_404(client_for, team_member):
    assert client_for(team_member).get("/projects/999999/learning/").status_code == 404


# Outcome pages ------------------------------------------------------------------------------

OUTCOME = {
    "kind": "saving",
    "description": "Bed-days released",
    "amount": "300000",
    "unit": "£",
    "period": "a year",
    "cash_releasing": "no",
    "estimation": "Days times cost",
    "source": "Finance",
}


def test_a_team_member_adds_an_outcome(client_for, project, team_member):
    client = client_for(team_member)
    assert client.get(reverse("learning:outcome_create", args=[project.pk])).status_code == 200
    sent = client.post(reverse("learning:outcome_create", args=[project.pk]), OUTCOME)
    assert sent.status_code == 302
    outcome = ReportedOutcome.objects.get()
    assert (outcome.amount, outcome.cash_releasing, outcome.recorded_by) == (
        300000,
        False,
        team_member,
    )


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"description": ""}, "description", "Describe what was achieved"),
        ({"amount": "-5"}, "amount", "The amount cannot be negative"),
        ({"amount": "lots"}, "amount", "Give the amount as a number, like 300000"),
    ],
)
def test_outcome_errors_name_their_field(client_for, project, team_member, changes, field, message):
    sent = client_for(team_member).post(
        reverse("learning:outcome_create", args=[project.pk]), {**OUTCOME, **changes}
    )
    assert sent.status_code == 200
    assert f'href="#id_{field}"' in text(sent) and message in text(sent)
    assert not ReportedOutcome.objects.exists()


def test_a_team_member_changes_an_outcome(client_for, project, team_member):
    outcome = ReportedOutcomeFactory(project=project, cash_releasing=None)
    client = client_for(team_member)
    page = client.get(reverse("learning:outcome_update", args=[outcome.pk]))
    assert 'value="Bed-days released"' in text(page)
    sent = client.post(
        reverse("learning:outcome_update", args=[outcome.pk]),
        {**OUTCOME, "amount": "1300000", "cash_releasing": "yes"},
    )
    assert sent.status_code == 302
    outcome.refresh_from_db()
    assert (outcome.amount, outcome.cash_releasing) == (1300000, True)


def test_removing_an_outcome_asks_first(client_for, project, team_member):
    outcome = ReportedOutcomeFactory(project=project)
    client = client_for(team_member)
    page = client.get(reverse("learning:outcome_delete", args=[outcome.pk]))
    assert "Remove “Bed-days released”?" in text(page) and ReportedOutcome.objects.exists()
    assert client.post(reverse("learning:outcome_delete", args=[outcome.pk])).status_code == 302
    assert not ReportedOutcome.objects.exists()


# The story page -----------------------------------------------------------------------------


def test_the_story_page_of_a_project_without_a_story_writes_nothing(
    client_for, project, project_lead
):
    page = client_for(project_lead).get(reverse("learning:story", args=[project.pk]))
    assert page.status_code == 200 and "Not submitted yet" in text(page)
    assert "Submit the story for review" in text(page)
    assert not Story.objects.exists()


def test_the_project_lead_submits_the_story(client_for, project, project_lead):
    ProjectLearningFactory(project=project)
    client = client_for(project_lead)
    assert client.get(reverse("learning:story_submit", args=[project.pk])).status_code == 200
    sent = client.post(
        reverse("learning:story_submit", args=[project.pk]),
        {"contact": "qi@nhs.net", "comment": "Ready for you"},
        follow=True,
    )
    story = Story.objects.get()
    assert story.status == "submitted" and story.contact == "qi@nhs.net"
    page = text(sent)
    assert "Waiting for review" in page and "Ready for you" in page and str(project_lead) in page
    assert "Submit the story for review" not in page and "Withdraw the story" in page


def test_submitting_without_a_summary_says_so_on_the_form(client_for, project, project_lead):
    sent = client_for(project_lead).post(reverse("learning:story_submit", args=[project.pk]), {})
    assert sent.status_code == 200
    assert "Write a summary of the learning before submitting the story" in text(sent)
    assert not Story.objects.filter(status="submitted").exists()


def test_a_team_member_sees_no_submit_button(client_for, project, team_member):
    page = text(client_for(team_member).get(reverse("learning:story", args=[project.pk])))
    assert "Submit the story for review" not in page and "Name me on the public story" in page


def test_a_team_member_agrees_to_be_named_and_takes_it_back(client_for, project, team_member):
    client = client_for(team_member)
    url = reverse("learning:story_consent", args=[project.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"agree": "yes"})
    assert StoryConsent.objects.filter(user=team_member).exists()
    page = text(client.get(reverse("learning:story", args=[project.pk])))
    assert "You agreed to be named" in page
    client.post(url, {"agree": "no"})
    assert not StoryConsent.objects.exists()


def test_the_project_lead_withdraws_a_published_story(client_for, project, project_lead):
    story = StoryFactory(project=project, published=True)
    client = client_for(project_lead)
    url = reverse("learning:story_withdraw", args=[project.pk])
    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 200 and "Say why the story is being withdrawn" in text(empty)
    assert client.post(url, {"reason": "A figure was wrong"}).status_code == 302
    story.refresh_from_db()
    assert story.status == "withdrawn" and story.steps.get().comment == "A figure was wrong"


# Reviewing ----------------------------------------------------------------------------------


@pytest.fixture
def submitted(project):
    ProjectLearningFactory(project=project, summary="Counts became routine")
    ReportedOutcomeFactory(project=project, amount=300000)
    return StoryFactory(project=project, status="submitted")


def test_the_review_page_shows_measures_learning_and_outcomes(
    client_for, project, submitted, wessex_lead
):
    MeasureFactory(project=project, name="Swabs counted", variation="special_cause_improvement")
    page = text(client_for(wessex_lead).get(reverse("learning:story_review", args=[project.pk])))
    assert "Swabs counted" in page and "Now: Special cause improvement" in page
    assert "Counts became routine" in page and "£300,000" in page
    assert "Publish the story" in page and "Send it back to the team" in page


def test_a_regional_lead_publishes_with_a_chart(client_for, project, submitted, wessex_lead):
    chosen = MeasureFactory(project=project, name="Swabs counted")
    MeasureFactory(project=project, name="Not shown")
    sent = client_for(wessex_lead).post(
        reverse("learning:story_review", args=[project.pk]),
        {"measures": [chosen.pk], "comment": "", "decision": "publish"},
    )
    assert sent.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "published"
    assert list(submitted.published_measures.all()) == [chosen]


def test_a_regional_lead_sends_back_with_a_comment(client_for, project, submitted, wessex_lead):
    client = client_for(wessex_lead)
    url = reverse("learning:story_review", args=[project.pk])
    empty = client.post(url, {"comment": "", "decision": "return"})
    assert empty.status_code == 200 and "Say what the team should change" in text(empty)
    assert 'href="#id_comment"' in text(empty)
    assert client.post(url, {"comment": "Add advice", "decision": "return"}).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "returned"


def test_publishing_another_projects_measure_is_refused_on_the_form(
    client_for, project, submitted, wessex_lead
):
    stranger = MeasureFactory(name="Elsewhere")
    sent = client_for(wessex_lead).post(
        reverse("learning:story_review", args=[project.pk]),
        {"measures": [stranger.pk], "decision": "publish"},
    )
    assert sent.status_code == 200 and "Choose only this project" in text(sent)
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_a_draft_story_has_nothing_to_review(client_for, project, wessex_lead):
    page = text(client_for(wessex_lead).get(reverse("learning:story_review", args=[project.pk])))
    assert "The story is not waiting for review" in page and "Publish the story" not in page


def test_stories_to_review_lists_the_regions_stories(client_for, wessex_lead, submitted):
    ProjectLearningFactory(project__lead_region=region("oxford"))
    StoryFactory(
        project=ProjectFactory(title="Oxford's", lead_region=region("oxford")), status="submitted"
    )
    StoryFactory(project=ProjectFactory(title="Wessex published"), published=True)
    page = text(client_for(wessex_lead).get(reverse("learning:stories_to_review")))
    assert "Swab counts at handover" in page
    assert "Oxford's" not in page and "Wessex published" not in page
    assert reverse("learning:story_review", args=[submitted.project_id]) in page


def test_stories_to_review_says_when_there_are_none(client_for, frontline_member):
    page = text(client_for(frontline_member).get(reverse("learning:stories_to_review")))
    assert "No stories are waiting for your review." in page


def test_stories_to_review_reads_in_a_fixed_number_of_queries(
    client_for, national_admin, django_assert_max_num_queries
):
    for n in range(12):
        StoryFactory(project=ProjectFactory(title=f"Project {n}"), status="submitted")
    client = client_for(national_admin)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("learning:stories_to_review"))
    assert text(page).count("Review<span") == 12


# The project page section -------------------------------------------------------------------


def test_the_project_page_shows_learning_and_story(client_for, project, oxford_lead):
    ProjectLearningFactory(project=project, summary="Counts became routine")
    ReportedOutcomeFactory(project=project)
    StoryFactory(project=project, status="submitted")
    page = text(client_for(oxford_lead).get(project.get_absolute_url()))
    assert "Learning and story" in page and "Counts became routine" in page
    assert "1 outcome" in page and "Waiting for review" in page
    assert reverse("learning:story", args=[project.pk]) in page


def test_the_project_page_offers_to_write_the_learning(client_for, project, team_member):
    page = text(client_for(team_member).get(project.get_absolute_url()))
    assert "Not written yet." in page and "Write down what the project learned" in page
    assert "0 outcomes" in page and "Not submitted yet" in page


def test_a_regional_lead_changes_a_published_storys_charts(client_for, project, wessex_lead):
    story = StoryFactory(project=project, published=True)
    shown, chosen = MeasureFactory(project=project), MeasureFactory(project=project)
    story.published_measures.set([shown])
    client = client_for(wessex_lead)
    url = reverse("learning:story_review", args=[project.pk])
    page = text(client.get(url))
    assert "Save the published charts" in page and "Publish the story" not in page
    assert re.search(rf'value="{shown.pk}"[^>]*checked', page)
    assert not re.search(rf'value="{chosen.pk}"[^>]*checked', page)
    sent = client.post(url, {"measures": [chosen.pk], "decision": "charts"})
    assert sent.status_code == 302
    assert list(story.published_measures.all()) == [chosen]
    assert story.steps.get().action == "charts_changed"


def test_a_project_lead_withdraws_a_submitted_story_from_review(client_for, project, project_lead):
    story = StoryFactory(project=project, status="submitted")
    sent = client_for(project_lead).post(
        reverse("learning:story_withdraw", args=[project.pk]), {"reason": "Not ready"}
    )
    assert sent.status_code == 302
    story.refresh_from_db()
    assert story.status == "withdrawn"


def test_a_published_story_links_to_its_public_page(client_for, project, team_member):
    story = StoryFactory(project=project, published=True)
    try:
        public = story.get_absolute_url()
    except NoReverseMatch:
        pytest.skip("The public archive's pages are not in this build")
    page = text(client_for(team_member).get(reverse("learning:story", args=[project.pk])))
    assert f'href="{public}"' in page and "Read the story in the public archive" in page


def test_an_unpublished_story_has_no_public_link(client_for, project, team_member):
    StoryFactory(project=project, status="submitted")
    page = text(client_for(team_member).get(reverse("learning:story", args=[project.pk])))
    assert "Read the story in the public archive" not in page
