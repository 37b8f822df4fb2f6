"""The demo's nine stories are in the public archive with their learning, and the impact
statements computed from their published charts give the brochure's figures, rounded as it gives
them: 27% to 77%, 4% to 63%, 55% to 84%, 59% to 93%, 36% to 71%, 26.6% to 42.4%, AKI down 36%,
length of stay down 8.5%, 2,439 falls avoided, one infection every 4 days to one every 30, and
more than 600 days without a retained swab; with the £1.3m and £300,000 the teams report."""

from decimal import Decimal
from html import unescape
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import Resolver404, resolve

from demo.stories import STORIES
from learning.models import ProjectLearning, ReportedOutcome, Story, StoryStatus, StoryStep
from learning.presenters.impacts import impacts_by_measure
from measurement.models import Measure

# (project, measure, before, after): the centre lines of phase 1 and the latest phase.
LEVELS = [
    ("Retained swabs in maternity", "Births with a verbal swab count at handover", 27.0, 77.0),
    ("Retained swabs in maternity", "Births with a written swab count at handover", 4.0, 63.0),
    (
        "Emergency department safety checklist",
        "Patients with NEWS calculated within one hour of arrival",
        55.0,
        84.0,
    ),
    (
        "Emergency department safety checklist",
        "Patients with a pain score within one hour of arrival",
        59.0,
        93.0,
    ),
    (
        "Emergency department safety checklist",
        "Chest pain patients with an ECG within 10 minutes",
        36.0,
        71.0,
    ),
    (
        "Defect-free medicines care on transfer",
        "Patients with defect-free medicines care on transfer",
        26.6,
        42.4,
    ),
]
LAPAROTOMY = "Emergency laparotomy collaborative"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, seeded once for these tests and rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", force=True, password="pw-for-tests-123", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def published_measure(project: str, name: str) -> Measure:
    """The measure, which must be among its story's published charts."""
    measure = Measure.objects.select_related("project").get(project__title=project, name=name)
    story = Story.objects.get(project=measure.project, status=StoryStatus.PUBLISHED)
    assert story.published_measures.filter(pk=measure.pk).exists()
    return measure


def impacts(measure: Measure, kind: str):
    found = [i for i in impacts_by_measure([measure])[measure.pk] if i.kind == kind]
    assert len(found) == 1, found
    return found[0]


def between_first_and_latest_phase(measure: Measure, impact) -> None:
    """The impact compares the chart's first phase with its latest, which starts at the
    change the team made (a rebase with its reason)."""
    rebase = measure.rebases.order_by("-start").first()
    first, latest = impact.phases
    assert first.phase == 1
    assert (latest.phase, latest.start, latest.reason) == (
        measure.rebases.count() + 1,
        rebase.start,
        rebase.reason,
    )


def test_the_nine_stories_are_published_with_their_learning(db, demo):
    stories = Story.objects.filter(status=StoryStatus.PUBLISHED).select_related(
        "project__lead_region"
    )
    assert {s.project.title for s in stories} == {s.title for s in STORIES}
    for story in stories:
        learning = ProjectLearning.objects.get(project=story.project)
        assert all(getattr(learning, name).strip() for name in ProjectLearning.TEXT_FIELDS)
        assert set(story.published_measures.all()) == set(story.project.measures.all())
        assert story.project.lead_region.website in story.contact
        assert "@" not in story.contact
        assert story.search_text and story.published_at


def test_each_story_is_submitted_by_its_frontline_lead_and_published_by_its_regional_lead(db, demo):
    for spec in STORIES:
        story = Story.objects.get(project__title=spec.title)
        steps = [(step.action, step.by.username) for step in story.steps.select_related("by")]
        assert steps == [
            ("submitted", f"frontline.{spec.slug}"),
            ("published", f"lead.{spec.lead}"),
        ]


@pytest.mark.parametrize(("project", "name", "before", "after"), LEVELS, ids=lambda v: str(v))
def test_a_published_chart_gives_the_brochures_from_and_to(db, demo, project, name, before, after):
    measure = published_measure(project, name)
    impact = impacts(measure, "level")
    assert (impact.before, impact.after) == (before, after)
    between_first_and_latest_phase(measure, impact)
    assert "an improvement" in impact.statement


def test_defect_free_medicines_care_rises_59_per_cent_not_the_brochures_58(db, demo):
    # 26.6% to 42.4% is +59.4%: the brochure's "58% relative improvement" cannot also hold,
    # so the demo keeps 26.6 and 42.4 exact and says 59%.
    measure = published_measure(LEVELS[-1][0], LEVELS[-1][1])
    impact = impacts(measure, "level")
    assert impact.relative_change == pytest.approx(0.594)
    assert "up 59%" in impact.statement


def test_aki_on_surgical_wards_is_down_36_per_cent(db, demo):
    measure = published_measure(
        "Acute kidney injury on surgical wards", "AKI incidence on surgical wards"
    )
    impact = impacts(measure, "level")
    assert (impact.before, impact.after, impact.relative_change) == (2.5, 1.6, -0.36)
    assert "down 36%" in impact.statement
    between_first_and_latest_phase(measure, impact)


def test_laparotomy_length_of_stay_is_down_8_5_per_cent(db, demo):
    measure = published_measure(LAPAROTOMY, "Emergency laparotomy length of stay")
    impact = impacts(measure, "level")
    assert (impact.before, impact.after, impact.relative_change) == (17.6, 16.1, -0.085)
    assert "down 8.5%" in impact.statement
    between_first_and_latest_phase(measure, impact)


def test_safety_huddles_potentially_avoided_2439_falls(db, demo):
    measure = published_measure("Safety huddles and falls", "Falls per 1,000 bed-days")
    impact = impacts(measure, "harm_avoided")
    assert impact.after == 2439
    assert "2,439" in impact.statement
    between_first_and_latest_phase(measure, impact)
    level = impacts(measure, "level")
    assert (level.before, level.after) == (7.5, 5.5)


def test_urinary_infections_went_from_one_every_4_days_to_one_every_30(db, demo):
    measure = published_measure(
        "Hydration in care homes", "Days between urinary infections needing antibiotics"
    )
    impact = impacts(measure, "rate")
    assert (impact.before, impact.after) == (4.0, 30.0)
    assert "every 4 days" in impact.statement and "every 30 days" in impact.statement
    between_first_and_latest_phase(measure, impact)


def test_the_maternity_units_went_more_than_600_days_without_a_retained_swab(db, demo):
    measure = published_measure(
        "Retained swabs in maternity", "Days between retained swab never events"
    )
    impact = impacts(measure, "since_last")
    assert impact.after > 600
    last = measure.events.order_by("-date").first().date
    assert impact.after == (measure.project.completed_on - last).days


def test_the_teams_report_savings_of_1_3m_and_300000_and_mortality_down_18_per_cent(db, demo):
    savings = ReportedOutcome.objects.filter(kind="saving").select_related("project")
    amounts = {(o.project.title, o.amount, o.unit) for o in savings}
    assert (LAPAROTOMY, Decimal("1300000"), "£") in amounts
    assert ("Acute kidney injury on surgical wards", Decimal("300000"), "£") in amounts
    for outcome in savings:
        assert outcome.period and outcome.estimation and outcome.source
        assert outcome.cash_releasing is not None
        assert outcome.recorded_by.username.startswith("frontline.")
    mortality = ReportedOutcome.objects.get(project__title=LAPAROTOMY, kind="other")
    assert "mortality" in mortality.description and "18%" in mortality.description


def test_seeding_again_publishes_nothing_twice(db, demo):
    models = (Story, StoryStep, ReportedOutcome, ProjectLearning)
    counts = [model.objects.count() for model in models]
    out = StringIO()
    call_command("seed_demo", force=True, password="pw-for-tests-123", stdout=out)
    assert [model.objects.count() for model in models] == counts
    assert "Archive: 0 stories published." in out.getvalue()


def test_anyone_finds_the_nine_stories_in_the_archive_and_the_swabs_story_by_handover(
    db, demo, client
):
    page = client.get("/archive/").content.decode()
    for spec in STORIES:
        assert spec.title in page
    found = client.get("/archive/", {"q": "handover"}).content.decode()
    assert "Retained swabs in maternity" in found
    assert "Hydration in care homes" not in found


def public_api(client, url: str):
    try:
        resolve(url)
    except Resolver404:
        pytest.skip("the public stories API is not there yet")
    response = client.get(url)
    assert response.status_code == 200
    return response.json()


def test_the_public_api_gives_the_brochures_pairs_from_the_published_charts(db, demo, client):
    listed = public_api(client, "/api/v1/public/stories/")
    stories = listed["results"] if isinstance(listed, dict) else listed
    assert len(stories) == len(STORIES)
    pairs = set()
    for summary in stories:
        story = public_api(client, f"/api/v1/public/stories/{summary['slug']}/")
        pairs |= {(i["before"], i["after"]) for i in story["impacts"] if i["kind"] == "level"}
    assert {(before, after) for *_, before, after in LEVELS} <= pairs


def test_each_story_page_shows_its_learning_and_reported_outcomes_without_signing_in(
    db, demo, client
):
    for story in Story.objects.select_related("project__learning"):
        page = unescape(client.get(story.get_absolute_url()).content.decode())
        assert story.project.title in page
        assert story.project.learning.advice in page
    laparotomy = Story.objects.get(project__title=LAPAROTOMY)
    page = client.get(laparotomy.get_absolute_url()).content.decode()
    assert "1,300,000" in page or "1.3m" in page
