"""The learning, reported outcomes and a story's way to the archive: who may, the rules, and
nothing written when refused."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from learning.models import (
    ProjectLearning,
    ReportedOutcome,
    Story,
    StoryConsent,
    StoryStatus,
    StoryStep,
)
from learning.services.stories import (
    add_outcome,
    agree_to_be_named,
    publish_story,
    refresh_search_text,
    remove_outcome,
    return_story,
    save_learning,
    set_published_charts,
    story_of,
    submit_story,
    update_outcome,
    withdraw_consent,
    withdraw_story,
)
from projects.models import ProjectRole
from tests.factories import (
    ChangeIdeaFactory,
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


@pytest.fixture
def project():
    return ProjectFactory(title="Swab counts at handover", lead_region=region("wessex"))


@pytest.fixture
def project_lead(project):
    return ProjectMemberFactory(project=project, role=ProjectRole.LEAD).user


@pytest.fixture
def team_member(project):
    return ProjectMemberFactory(project=project, role=ProjectRole.MEMBER).user


@pytest.fixture
def written(project):
    return ProjectLearningFactory(project=project)


@pytest.fixture
def submitted(project, written):
    return StoryFactory(project=project, status=StoryStatus.SUBMITTED)


@pytest.fixture
def published(project, written):
    return StoryFactory(project=project, published=True)


# The story ----------------------------------------------------------------------------------


def test_story_of_makes_a_draft_with_a_slug_from_the_title(project):
    story = story_of(project)
    assert story.status == StoryStatus.DRAFT
    assert story.slug == "swab-counts-at-handover"
    assert story_of(project) == story


def test_story_slugs_are_made_unique():
    first = story_of(ProjectFactory(title="Falls"))
    second = story_of(ProjectFactory(title="Falls"))
    assert (first.slug, second.slug) == ("falls", "falls-2")


def test_a_story_called_feed_does_not_take_the_archive_feeds_address():
    assert story_of(ProjectFactory(title="Feed")).slug == "feed-2"


def test_a_long_title_gives_a_slug_that_fits():
    story = story_of(ProjectFactory(title="word " * 40))
    assert len(story.slug) <= 120


# Learning -----------------------------------------------------------------------------------


def test_a_team_member_writes_the_learning(project, team_member):
    learning = save_learning(by=team_member, project=project, summary=" It worked. ", advice="Go")
    assert (learning.summary, learning.advice, learning.updated_by) == (
        "It worked.",
        "Go",
        team_member,
    )
    assert learning.history.first().history_user == team_member


def test_saving_learning_changes_only_the_fields_given(project, team_member, written):
    save_learning(by=team_member, project=project, advice="Start small")
    written.refresh_from_db()
    assert written.advice == "Start small"
    assert written.what_worked == "A line in the handover script."


@pytest.mark.parametrize("who", ["national_viewer", "oxford_lead", "frontline_member"])
def test_learning_is_refused_to_those_outside_the_project(request, project, who):
    with pytest.raises(PermissionDenied):
        save_learning(by=request.getfixturevalue(who), project=project, summary="x")
    assert not ProjectLearning.objects.exists()


def test_learning_of_a_published_story_refreshes_its_search_text(project, team_member, published):
    save_learning(by=team_member, project=project, advice="Count swabs aloud")
    published.refresh_from_db()
    assert "Count swabs aloud" in published.search_text


# Reported outcomes --------------------------------------------------------------------------


def test_a_team_member_reports_a_saving(project, team_member):
    outcome = add_outcome(
        by=team_member,
        project=project,
        description="Bed-days released",
        amount="1300000",
        period="a year",
        cash_releasing=True,
        estimation="Bed-days times cost",
        source="Finance",
    )
    assert outcome.amount == Decimal("1300000") and outcome.recorded_by == team_member
    assert outcome.unit == "£" and outcome.kind == "saving"
    assert outcome.history.first().history_user == team_member


def test_an_outcome_needs_a_description(project, team_member):
    with pytest.raises(ValidationError) as error:
        add_outcome(by=team_member, project=project, description="  ", amount=5)
    assert "description" in error.value.message_dict
    assert not ReportedOutcome.objects.exists()


@pytest.mark.parametrize("amount", [-1, "-0.5", "lots", "NaN"])
def test_an_outcome_amount_must_be_a_number_not_below_zero(project, team_member, amount):
    with pytest.raises(ValidationError) as error:
        add_outcome(by=team_member, project=project, description="Saved", amount=amount)
    assert list(error.value.message_dict) == ["amount"]
    assert not ReportedOutcome.objects.exists()


def test_an_outcome_may_have_no_amount(project, team_member):
    outcome = add_outcome(by=team_member, project=project, description="Calmer wards", amount="")
    assert outcome.amount is None


def test_updating_an_outcome_changes_the_fields_given(project, team_member):
    outcome = ReportedOutcomeFactory(project=project)
    update_outcome(by=team_member, outcome=outcome, amount=250000)
    outcome.refresh_from_db()
    assert outcome.amount == 250000 and outcome.source == "The trust's finance team"


def test_updating_an_outcome_to_a_negative_amount_writes_nothing(project, team_member):
    outcome = ReportedOutcomeFactory(project=project)
    with pytest.raises(ValidationError):
        update_outcome(by=team_member, outcome=outcome, amount=-3, period="ever")
    outcome.refresh_from_db()
    assert (outcome.amount, outcome.period) == (300000, "a year")


def test_removing_an_outcome_keeps_its_history(project, team_member):
    outcome = ReportedOutcomeFactory(project=project)
    remove_outcome(by=team_member, outcome=outcome)
    assert not ReportedOutcome.objects.exists()
    assert ReportedOutcome.history.filter(history_type="-").get().history_user == team_member


@pytest.mark.parametrize("who", ["national_viewer", "oxford_lead", "frontline_member"])
def test_outcomes_are_refused_to_those_outside_the_project(request, project, who):
    user = request.getfixturevalue(who)
    outcome = ReportedOutcomeFactory(project=project)
    with pytest.raises(PermissionDenied):
        add_outcome(by=user, project=project, description="x")
    with pytest.raises(PermissionDenied):
        update_outcome(by=user, outcome=outcome, amount=1)
    with pytest.raises(PermissionDenied):
        remove_outcome(by=user, outcome=outcome)
    outcome.refresh_from_db()
    assert ReportedOutcome.objects.count() == 1 and outcome.amount == 300000


# Submitting ---------------------------------------------------------------------------------


def test_the_project_lead_submits_the_story(project, project_lead, written):
    story = submit_story(by=project_lead, project=project, contact="team@nhs.net", comment="Ready")
    assert story.status == StoryStatus.SUBMITTED and story.contact == "team@nhs.net"
    step = story.steps.get()
    assert (step.action, step.comment, step.by) == ("submitted", "Ready", project_lead)
    assert story.history.first().history_user == project_lead


def test_submitting_leaves_the_contact_alone_when_not_given(project, project_lead, written):
    StoryFactory(project=project, status=StoryStatus.RETURNED, contact="qi@nhs.net")
    assert submit_story(by=project_lead, project=project).contact == "qi@nhs.net"


@pytest.mark.parametrize("status", ["draft", "returned", "withdrawn"])
def test_a_story_may_be_submitted_again(project, project_lead, written, status):
    StoryFactory(project=project, status=status)
    assert submit_story(by=project_lead, project=project).status == StoryStatus.SUBMITTED


@pytest.mark.parametrize("status", ["submitted", "published"])
def test_a_story_under_review_or_published_cannot_be_submitted(
    project, project_lead, written, status
):
    StoryFactory(project=project, status=status)
    with pytest.raises(ValidationError) as error:
        submit_story(by=project_lead, project=project)
    assert "status" in error.value.message_dict
    assert not StoryStep.objects.exists()


@pytest.mark.parametrize("learning", [None, ""])
def test_a_story_needs_the_summary_written(project, project_lead, learning):
    if learning is not None:
        ProjectLearningFactory(project=project, summary="  ")
    with pytest.raises(ValidationError) as error:
        submit_story(by=project_lead, project=project, contact="me@nhs.net")
    assert error.value.message_dict == {
        "summary": ["Write a summary of the learning before submitting the story"]
    }
    assert not Story.objects.filter(status=StoryStatus.SUBMITTED).exists()
    assert not StoryStep.objects.exists()


@pytest.mark.parametrize(
    "who", ["team_member", "national_viewer", "oxford_lead", "frontline_member"]
)
def test_submitting_is_refused_to_others(request, project, written, who):
    with pytest.raises(PermissionDenied):
        submit_story(by=request.getfixturevalue(who), project=project)
    assert not Story.objects.filter(status=StoryStatus.SUBMITTED).exists()


def test_a_lead_of_the_region_may_submit(project, written, wessex_lead):
    assert submit_story(by=wessex_lead, project=project).status == StoryStatus.SUBMITTED


# Publishing and sending back ----------------------------------------------------------------


def test_a_lead_of_the_region_publishes_with_chosen_charts(project, submitted, wessex_lead):
    chosen = MeasureFactory(project=project, name="Swabs counted at handover")
    MeasureFactory(project=project, name="Not chosen")
    ChangeIdeaFactory(project=project, text="Read the count aloud")
    story = publish_story(by=wessex_lead, story=submitted, measures=[chosen], comment="Lovely")
    assert story.status == StoryStatus.PUBLISHED
    assert story.published_at and story.first_published_at == story.published_at
    assert list(story.published_measures.all()) == [chosen]
    step = story.steps.get()
    assert (step.action, step.comment, step.by) == ("published", "Lovely", wessex_lead)
    stored = Story.objects.get(pk=story.pk).search_text
    for words in ("Swab counts at handover", "Read the count aloud", "Swabs counted", "Wessex"):
        assert words in stored
    assert "Not chosen" not in stored


def test_publishing_again_keeps_the_first_publication_date(project, submitted, wessex_lead):
    first = publish_story(by=wessex_lead, story=submitted, measures=[]).first_published_at
    withdraw_story(by=wessex_lead, story=submitted, reason="A figure was wrong")
    submitted.status = StoryStatus.SUBMITTED
    submitted.save()
    story = publish_story(by=wessex_lead, story=submitted, measures=[])
    assert story.first_published_at == first and story.published_at > first


def test_a_national_admin_publishes(project, submitted, national_admin):
    assert publish_story(by=national_admin, story=submitted, measures=[]).is_public


def test_only_the_projects_measures_may_be_published(project, submitted, wessex_lead):
    other = MeasureFactory(name="Someone else's")
    with pytest.raises(ValidationError) as error:
        publish_story(by=wessex_lead, story=submitted, measures=[other])
    assert "measures" in error.value.message_dict
    submitted.refresh_from_db()
    assert submitted.status == StoryStatus.SUBMITTED and not submitted.published_measures.exists()


@pytest.mark.parametrize("status", ["draft", "returned", "withdrawn"])
def test_only_a_submitted_story_is_published(project, wessex_lead, status):
    story = StoryFactory(project=project, status=status)
    with pytest.raises(ValidationError) as error:
        publish_story(by=wessex_lead, story=story, measures=[])
    assert "status" in error.value.message_dict
    story.refresh_from_db()
    assert story.status == status and story.published_at is None


def test_publishing_a_published_story_changes_its_charts(project, published, wessex_lead):
    measure = MeasureFactory(project=project)
    publish_story(by=wessex_lead, story=published, measures=[measure])
    assert list(published.published_measures.all()) == [measure]
    assert published.steps.get().action == "charts_changed"


@pytest.mark.parametrize(
    "who", ["project_lead", "team_member", "national_viewer", "oxford_lead", "frontline_member"]
)
def test_publishing_and_sending_back_are_refused_to_others(request, submitted, who):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        publish_story(by=user, story=submitted, measures=[])
    with pytest.raises(PermissionDenied):
        return_story(by=user, story=submitted, comment="No")
    submitted.refresh_from_db()
    assert submitted.status == StoryStatus.SUBMITTED and not StoryStep.objects.exists()


def test_a_lead_sends_the_story_back_with_a_comment(submitted, wessex_lead):
    story = return_story(by=wessex_lead, story=submitted, comment="Add the advice")
    assert story.status == StoryStatus.RETURNED
    assert story.steps.get().comment == "Add the advice"


def test_sending_back_needs_a_comment(submitted, wessex_lead):
    with pytest.raises(ValidationError) as error:
        return_story(by=wessex_lead, story=submitted, comment=" ")
    assert list(error.value.message_dict) == ["comment"]
    submitted.refresh_from_db()
    assert submitted.status == StoryStatus.SUBMITTED


def test_only_a_submitted_story_is_sent_back(published, wessex_lead):
    with pytest.raises(ValidationError) as error:
        return_story(by=wessex_lead, story=published, comment="No")
    assert "status" in error.value.message_dict


# Withdrawing --------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["project_lead", "wessex_lead", "national_admin"])
def test_a_published_story_is_withdrawn_with_a_reason(request, published, who):
    user = request.getfixturevalue(who)
    story = withdraw_story(by=user, story=published, reason="The trust asked")
    assert story.status == StoryStatus.WITHDRAWN
    step = story.steps.get()
    assert (step.action, step.comment, step.by) == ("withdrawn", "The trust asked", user)


def test_a_submitted_story_may_be_withdrawn(submitted, project_lead):
    assert withdraw_story(by=project_lead, story=submitted, reason="Not yet").status == "withdrawn"


def test_withdrawing_needs_a_reason(published, project_lead):
    with pytest.raises(ValidationError) as error:
        withdraw_story(by=project_lead, story=published, reason="")
    assert list(error.value.message_dict) == ["reason"]
    published.refresh_from_db()
    assert published.is_public


@pytest.mark.parametrize("status", ["draft", "returned", "withdrawn"])
def test_only_a_published_or_submitted_story_is_withdrawn(project, project_lead, status):
    story = StoryFactory(project=project, status=status)
    with pytest.raises(ValidationError) as error:
        withdraw_story(by=project_lead, story=story, reason="Because")
    assert "status" in error.value.message_dict


@pytest.mark.parametrize(
    "who", ["team_member", "national_viewer", "oxford_lead", "frontline_member"]
)
def test_withdrawing_is_refused_to_others(request, published, who):
    with pytest.raises(PermissionDenied):
        withdraw_story(by=request.getfixturevalue(who), story=published, reason="Because")
    published.refresh_from_db()
    assert published.is_public and not StoryStep.objects.exists()


# Published charts ---------------------------------------------------------------------------


def test_a_lead_changes_the_published_charts(project, published, wessex_lead):
    measure = MeasureFactory(project=project, name="Counts read aloud")
    set_published_charts(by=wessex_lead, story=published, measures=[measure])
    assert list(published.published_measures.all()) == [measure]
    assert published.steps.get().by == wessex_lead
    assert "Counts read aloud" in Story.objects.get(pk=published.pk).search_text


def test_charts_are_changed_only_on_a_published_story(submitted, wessex_lead):
    with pytest.raises(ValidationError) as error:
        set_published_charts(by=wessex_lead, story=submitted, measures=[])
    assert "status" in error.value.message_dict


def test_changing_charts_is_refused_to_the_project_lead(project, published, project_lead):
    with pytest.raises(PermissionDenied):
        set_published_charts(
            by=project_lead, story=published, measures=[MeasureFactory(project=project)]
        )
    assert not published.published_measures.exists()


def test_changing_charts_refuses_other_projects_measures(published, wessex_lead):
    with pytest.raises(ValidationError) as error:
        set_published_charts(by=wessex_lead, story=published, measures=[MeasureFactory()])
    assert "measures" in error.value.message_dict
    assert not published.published_measures.exists() and not StoryStep.objects.exists()


# Being named --------------------------------------------------------------------------------


def test_a_team_member_agrees_to_be_named_and_takes_it_back(published, team_member):
    consent = agree_to_be_named(by=team_member, story=published)
    assert agree_to_be_named(by=team_member, story=published) == consent
    withdraw_consent(by=team_member, story=published)
    assert not StoryConsent.objects.exists()


@pytest.mark.parametrize("who", ["wessex_lead", "national_admin", "frontline_member"])
def test_only_team_members_agree_to_be_named(request, published, who):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        agree_to_be_named(by=user, story=published)
    assert not StoryConsent.objects.exists()


def test_withdrawing_consent_is_refused_to_others(published, team_member):
    StoryConsent.objects.create(story=published, user=team_member)
    with pytest.raises(PermissionDenied):
        withdraw_consent(by=UserFactory(), story=published)
    assert StoryConsent.objects.count() == 1


# Search text --------------------------------------------------------------------------------


def test_search_text_joins_the_projects_words(project, published):
    project.aim_text = "Every swab counted at every handover"
    project.save()
    refresh_search_text(published)
    lines = Story.objects.get(pk=published.pk).search_text.split("\n")
    assert lines[0] == "Swab counts at handover"
    assert "Every swab counted at every handover" in lines
    assert "Posters alone." in lines and lines[-1] == "Wessex"
