"""The signed-in story API: a project's learning and reported outcomes, its impacts, and its
story's way to the archive (submit, publish, send back, withdraw), with each refusal: 403 for
whoever may not, whatever the body; 400 naming the field; 409 for a step the status forbids."""

import pytest

from learning.models import ProjectLearning, ReportedOutcome, Story, StoryStatus
from projects.models import ProjectRole
from tests.api.story_support import NOV_2016, SWABS, api, field_errors, swab_measure
from tests.factories import (
    MeasureFactory,
    ProjectFactory,
    ProjectLearningFactory,
    ProjectMemberFactory,
    ReportedOutcomeFactory,
    StoryFactory,
    UserFactory,
    region,
)

pytestmark = pytest.mark.django_db
SIX = ("summary", "what_worked", "what_did_not", "advice", "sustain", "spread_plan")


@pytest.fixture
def team_lead(db):
    return UserFactory(username="lead.nurse", email="lead.nurse@example.nhs.uk")


@pytest.fixture
def project(team_lead, frontline_member):
    """A Wessex project led by a nurse, with a frontline member in its team."""
    project = ProjectFactory(title="Swab counts", lead_region=region("wessex"))
    ProjectMemberFactory(project=project, user=team_lead, role=ProjectRole.LEAD)
    ProjectMemberFactory(project=project, user=frontline_member, role=ProjectRole.MEMBER)
    return project


def learning_url(project) -> str:
    return f"/api/v1/projects/{project.pk}/learning/"


def outcomes_url(project) -> str:
    return f"/api/v1/projects/{project.pk}/outcomes/"


def story_url(story, step: str = "") -> str:
    return f"/api/v1/stories/{story.slug}/" + (f"{step}/" if step else "")


def refused(response, status_code: int = 403) -> dict:
    assert response.status_code == status_code, response.content
    body = response.json()
    assert set(body) == {"status", "code", "detail", "errors"} and body["status"] == status_code
    return body


# The learning --------------------------------------------------------------------------------


def test_a_project_with_nothing_written_has_empty_learning_and_no_story(project, oxford_lead):
    body = api(oxford_lead).get(learning_url(project)).json()
    assert body == {
        "project": project.pk,
        **dict.fromkeys(SIX, ""),
        "story_slug": None,
        "story_status": None,
        "updated_at": None,
    }


def test_the_team_writes_the_learning_and_put_empties_what_it_leaves_out(project, frontline_member):
    client = api(frontline_member)
    first = client.put(learning_url(project), {name: f"The {name}" for name in SIX})
    assert first.status_code == 200, first.content
    assert first.json()["advice"] == "The advice" and first.json()["updated_at"]
    again = client.put(learning_url(project), {"summary": "Only this"}, format="json")
    assert again.status_code == 200
    learning = ProjectLearning.objects.get(project=project)
    assert learning.summary == "Only this" and learning.advice == "" and learning.what_worked == ""
    assert learning.updated_by == frontline_member


def test_patch_changes_only_the_fields_given(project, frontline_member):
    ProjectLearningFactory(project=project)
    response = api(frontline_member).patch(learning_url(project), {"advice": "Start small"})
    assert response.status_code == 200
    learning = ProjectLearning.objects.get(project=project)
    assert learning.advice == "Start small" and learning.what_did_not == "Posters alone."


def test_a_field_that_is_not_text_is_refused_by_name(project, frontline_member):
    response = api(frontline_member).patch(
        learning_url(project), {"summary": ["a", "list"]}, format="json"
    )
    assert field_errors(response) == {"summary"}
    assert not ProjectLearning.objects.filter(project=project).exists()


@pytest.mark.parametrize("body", [{}, {"summary": ["not", "text"]}, {"advice": "Mine now"}])
def test_a_lead_of_another_region_may_not_write_the_learning_whatever_the_body(
    project, oxford_lead, body
):
    for method in ("put", "patch"):
        response = getattr(api(oxford_lead), method)(learning_url(project), body, format="json")
        assert refused(response)["code"] == "permission_denied"
    assert not ProjectLearning.objects.filter(project=project).exists()


def test_an_unknown_project_is_a_json_404(wessex_lead):
    response = api(wessex_lead).get("/api/v1/projects/999999/learning/")
    assert "no project with the id 999999" in refused(response, 404)["detail"]


def test_without_signing_in_the_learning_is_refused(project):
    refused(api().get(learning_url(project)), 401)


# Reported outcomes ---------------------------------------------------------------------------


def test_the_team_reports_a_saving_and_reads_it_back_as_reported(project, frontline_member):
    client = api(frontline_member)
    created = client.post(
        outcomes_url(project),
        {
            "kind": "saving",
            "description": "Bed-days released",
            "amount": 300000,
            "period": "a year",
            "cash_releasing": False,
            "estimation": "Bed-days times the reference cost",
            "source": "Finance team",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    outcome = created.json()
    assert outcome["amount"] == "300000.00" and outcome["unit"] == "£"
    assert outcome["recorded_by"] == "frontline.nurse" and outcome["project"] == project.pk
    listed = client.get(outcomes_url(project)).json()
    assert [o["id"] for o in listed] == [outcome["id"]]
    assert client.get(f"/api/v1/outcomes/{outcome['id']}/").json() == outcome


def test_an_outcome_is_changed_and_removed(project, wessex_lead):
    outcome = ReportedOutcomeFactory(project=project)
    client = api(wessex_lead)
    changed = client.patch(f"/api/v1/outcomes/{outcome.pk}/", {"amount": "1300000"})
    assert changed.status_code == 200 and changed.json()["amount"] == "1300000.00"
    assert changed.json()["description"] == "Bed-days released"
    assert client.delete(f"/api/v1/outcomes/{outcome.pk}/").status_code == 204
    assert not ReportedOutcome.objects.filter(pk=outcome.pk).exists()
    refused(client.get(f"/api/v1/outcomes/{outcome.pk}/"), 404)


def test_a_negative_amount_and_a_missing_description_are_refused_by_name(project, frontline_member):
    response = api(frontline_member).post(outcomes_url(project), {"amount": -5}, format="json")
    assert field_errors(response) == {"amount", "description"}
    assert not ReportedOutcome.objects.exists()


@pytest.mark.parametrize("body", [{}, {"amount": -5}, {"description": "Ours"}])
def test_a_lead_of_another_region_may_not_report_change_or_remove_outcomes(
    project, oxford_lead, body
):
    outcome = ReportedOutcomeFactory(project=project)
    client = api(oxford_lead)
    refused(client.post(outcomes_url(project), body, format="json"))
    refused(client.patch(f"/api/v1/outcomes/{outcome.pk}/", body, format="json"))
    refused(client.delete(f"/api/v1/outcomes/{outcome.pk}/"))
    assert list(ReportedOutcome.objects.values_list("description", flat=True)) == [
        "Bed-days released"
    ]


# Impacts -------------------------------------------------------------------------------------


def test_a_projects_impacts_give_before_and_after_in_display_units_with_their_phases(
    project, wessex_lead
):
    measure = swab_measure(project, wessex_lead)
    body = api(wessex_lead).get(f"/api/v1/projects/{project.pk}/impacts/").json()
    assert body["project"] == project.pk
    level = next(i for i in body["impacts"] if i["kind"] == "level")
    assert level["measure"] == measure.pk and level["measure_name"] == SWABS
    assert (level["before"], level["after"], level["unit"]) == (27.0, 77.0, "%")
    assert level["relative_change"] == pytest.approx(1.85, abs=0.01)
    assert [p["phase"] for p in level["phases"]] == [1, 2]
    assert level["phases"][1]["start"] == NOV_2016.isoformat()


def test_a_project_without_charts_has_no_impacts(project, national_viewer):
    body = api(national_viewer).get(f"/api/v1/projects/{project.pk}/impacts/").json()
    assert body == {"project": project.pk, "impacts": []}


# The story's way to the archive --------------------------------------------------------------


def test_the_whole_workflow_through_the_api(project, team_lead, wessex_lead):
    measure = swab_measure(project, wessex_lead)
    lead = api(team_lead)
    lead.patch(learning_url(project), {"summary": "Handover counts became routine."})
    submitted = lead.post(
        f"/api/v1/projects/{project.pk}/story/submit/",
        {"contact": "maternity.qi@example.nhs.uk", "comment": "Ready"},
        format="json",
    )
    assert submitted.status_code == 200, submitted.content
    story = submitted.json()
    assert story["status"] == "submitted" and story["public_url"] is None
    assert story["slug"] == "swab-counts" and story["contact"] == "maternity.qi@example.nhs.uk"
    assert lead.get(learning_url(project)).json()["story_slug"] == "swab-counts"

    published = api(wessex_lead).post(
        "/api/v1/stories/swab-counts/publish/", {"measures": [measure.pk]}, format="json"
    )
    assert published.status_code == 200, published.content
    story = published.json()
    assert story["status"] == "published" and story["published_measures"] == [measure.pk]
    assert story["public_url"] == "http://testserver/archive/swab-counts/"
    assert [(s["action"], s["by"]) for s in story["steps"]] == [
        ("submitted", "lead.nurse"),
        ("published", "lead.wessex"),
    ]

    withdrawn = lead.post("/api/v1/stories/swab-counts/withdraw/", {"reason": "Data error"})
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
    again = lead.post("/api/v1/stories/swab-counts/submit/", {})
    assert again.status_code == 200 and again.json()["status"] == "submitted"
    assert Story.objects.get(project=project).steps.count() == 4


def test_publishing_a_published_story_again_changes_its_charts(project, wessex_lead):
    first, second = swab_measure(project, wessex_lead), swab_measure(project, wessex_lead, "Two")
    story = StoryFactory(project=project, published=True)
    story.published_measures.set([first])
    response = api(wessex_lead).post(
        story_url(story, "publish"), {"measures": [second.pk]}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["published_measures"] == [second.pk]
    assert [s["action"] for s in response.json()["steps"]] == ["charts_changed"]


def test_a_reviewer_sends_a_story_back_with_a_comment_and_must_give_one(project, wessex_lead):
    story = StoryFactory(project=project, status=StoryStatus.SUBMITTED)
    client = api(wessex_lead)
    assert field_errors(client.post(story_url(story, "return"), {"comment": " "})) == {"comment"}
    assert field_errors(client.post(story_url(story, "return"), {})) == {"comment"}
    sent_back = client.post(story_url(story, "return"), {"comment": "Add the advice"})
    assert sent_back.status_code == 200
    assert sent_back.json()["steps"][-1] == {
        "action": "returned",
        "comment": "Add the advice",
        "by": "lead.wessex",
        "at": sent_back.json()["steps"][-1]["at"],
    }


def test_withdrawing_needs_a_reason(project, wessex_lead):
    story = StoryFactory(project=project, published=True)
    assert field_errors(api(wessex_lead).post(story_url(story, "withdraw"), {})) == {"reason"}
    assert Story.objects.get(pk=story.pk).status == StoryStatus.PUBLISHED


def test_a_step_the_status_does_not_allow_is_a_409_that_says_why(project, wessex_lead):
    story = StoryFactory(project=project)  # a draft
    response = api(wessex_lead).post(story_url(story, "publish"), {"measures": []}, format="json")
    body = refused(response, 409)
    assert body["code"] == "story_status" and "draft" in body["detail"]
    refused(api(wessex_lead).post(story_url(story, "return"), {"comment": "No"}), 409)
    refused(api(wessex_lead).post(story_url(story, "withdraw"), {"reason": "No"}), 409)
    assert Story.objects.get(pk=story.pk).status == StoryStatus.DRAFT
    assert not story.steps.exists()


def test_submitting_before_the_summary_is_written_names_the_summary(project, team_lead):
    response = api(team_lead).post(f"/api/v1/projects/{project.pk}/story/submit/", {})
    assert field_errors(response) == {"summary"}


def test_publishing_another_projects_chart_or_an_unknown_one_is_refused_by_name(
    project, wessex_lead
):
    story = StoryFactory(project=project, status=StoryStatus.SUBMITTED)
    elsewhere = MeasureFactory()
    client = api(wessex_lead)
    for measures in ([elsewhere.pk], [999999], "all", None):
        response = client.post(story_url(story, "publish"), {"measures": measures}, format="json")
        assert field_errors(response) == {"measures"}, measures
    assert Story.objects.get(pk=story.pk).status == StoryStatus.SUBMITTED


@pytest.mark.parametrize("body", [{}, {"measures": "all"}, {"comment": "Fine"}])
def test_who_may_not_take_each_step_is_refused_whatever_the_body(
    project, frontline_member, oxford_lead, team_lead, body
):
    ProjectLearningFactory(project=project)
    draft = StoryFactory(project=project)
    refused(api(frontline_member).post(story_url(draft, "submit"), body, format="json"))
    refused(
        api(oxford_lead).post(f"/api/v1/projects/{project.pk}/story/submit/", body, format="json")
    )
    draft.status = StoryStatus.SUBMITTED
    draft.save()
    for user in (team_lead, oxford_lead, frontline_member):
        for step in ("publish", "return"):
            refused(api(user).post(story_url(draft, step), body, format="json"))
    refused(api(oxford_lead).post(story_url(draft, "withdraw"), body, format="json"))
    assert Story.objects.get(pk=draft.pk).status == StoryStatus.SUBMITTED
    assert not draft.steps.exists()


def test_signed_in_users_list_stories_in_every_status_filtered_by_status_and_region(
    national_viewer,
):
    wessex = StoryFactory(project=ProjectFactory(lead_region=region("wessex")), published=True)
    oxford = StoryFactory(project=ProjectFactory(lead_region=region("oxford")))
    client = api(national_viewer)

    def slugs(query=""):
        response = client.get(f"/api/v1/stories/{query}")
        assert response.status_code == 200, response.content
        return {story["slug"] for story in response.json()["results"]}

    assert slugs() == {wessex.slug, oxford.slug}
    assert slugs("?status=draft") == {oxford.slug}
    assert slugs("?region=wessex") == {wessex.slug}
    assert field_errors(client.get("/api/v1/stories/?status=lost")) == {"status"}
    detail = client.get(story_url(oxford)).json()
    assert detail["status"] == "draft" and detail["region"] == "oxford"


def test_the_story_list_costs_the_same_few_queries_however_many_stories(
    national_viewer, django_assert_max_num_queries
):
    for _ in range(6):
        StoryFactory(published=True).steps.create(action="published", by=national_viewer)
    client = api(national_viewer)
    with django_assert_max_num_queries(10):  # PostgreSQL: and its statement timeout
        response = client.get("/api/v1/stories/")
    assert response.json()["count"] == 6


def test_without_signing_in_stories_are_refused(project):
    story = StoryFactory(project=project, published=True)
    refused(api().get("/api/v1/stories/"), 401)
    refused(api().get(story_url(story)), 401)
    refused(api().post(story_url(story, "withdraw"), {"reason": "x"}), 401)
