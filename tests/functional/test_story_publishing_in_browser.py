"""A frontline project lead writes down the learning, adds a saving and submits the story; the
region's lead finds it waiting, chooses a chart and publishes it; a visitor who is not signed in
finds it in the archive; a lead of another region starts a project from it. In Chromium, with axe
at 1280 and 390 px on each page."""

import re

import pytest
from playwright.sync_api import expect

from learning.models import ReportedOutcome, Story, StoryReuse
from projects.models import Project, ProjectRole
from tests.factories import (
    MeasureFactory,
    OrganisationFactory,
    ProjectFactory,
    ProjectMemberFactory,
    UserFactory,
    region,
)
from tests.functional.conftest import assert_accessible_at_both_widths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def project():
    project = ProjectFactory(title="Swab counts at handover", lead_region=region("wessex"))
    lead = UserFactory(username="frontline.lead", first_name="Asha", last_name="Patel")
    ProjectMemberFactory(project=project, user=lead, role=ProjectRole.LEAD)
    MeasureFactory(project=project, name="Verbal handover of swabs")
    MeasureFactory(project=project, name="Written handover of swabs")
    return project


def _the_lead_writes_and_submits(page, project):
    page.goto(f"/projects/{project.pk}/")
    section = page.locator("section[aria-labelledby=learning-and-story]")
    expect(section).to_contain_text("Not written yet.")
    assert_accessible_at_both_widths(page, "the project page")
    section.get_by_role("link", name="Write down what the project learned").click()

    expect(page.locator("h1")).to_have_text("What the project learned")
    assert_accessible_at_both_widths(page, "the learning form")
    page.get_by_label("Summary").fill("Swab counts became part of every handover.")
    page.get_by_label("Advice for a team starting the same work").fill("Start with nights.")
    page.get_by_role("button", name="Save the learning").click()
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text("was saved")
    expect(page.locator("#last-changed")).to_contain_text("Last changed by Asha Patel")

    page.get_by_role("button", name="Add an outcome").click()
    expect(page.locator("h1")).to_have_text("Add an outcome the team reports")
    assert_accessible_at_both_widths(page, "the outcome form")
    page.get_by_label("What was achieved").fill("Theatre time released")
    page.get_by_label("Amount (optional)").fill("300000")
    page.get_by_label("Over what time").fill("a year")
    page.get_by_label("No", exact=True).check()
    page.get_by_label("How it was estimated").fill("Minutes saved times the theatre rate")
    page.get_by_label("Source").fill("The trust's finance team")
    page.get_by_role("button", name="Save the outcome").click()
    outcome = page.locator("#outcomes ~ .nhsuk-card").first
    expect(outcome).to_contain_text("Reported by the team")
    expect(outcome).to_contain_text("£300,000")
    expect(outcome).to_contain_text("Not cash-releasing")
    assert_accessible_at_both_widths(page, "the learning page with its outcome")

    page.get_by_role("link", name="The project's story").click()
    expect(page.locator("#story-status")).to_contain_text("Not submitted yet")
    assert_accessible_at_both_widths(page, "the story page")
    page.get_by_role("button", name="Submit the story for review").click()
    expect(page.locator("h1")).to_have_text("Submit the story for review")
    assert_accessible_at_both_widths(page, "the submit form")
    page.get_by_label("How to get in touch (optional)").fill("wessex.psc@nhs.net")
    page.get_by_label("A note for the reviewer (optional)").fill("Ready when you are")
    page.get_by_role("button", name="Submit the story").click()
    expect(page.locator("#story-status")).to_contain_text("Waiting for review")
    expect(page.locator("#story-steps")).to_contain_text("Ready when you are")
    expect(page.get_by_role("button", name="Review the story")).to_have_count(0)
    assert_accessible_at_both_widths(page, "the submitted story")


def test_the_team_submits_the_lead_publishes_a_visitor_finds_it_and_another_region_reuses_it(
    page, sign_in, project
):
    sign_in("frontline.lead")
    _the_lead_writes_and_submits(page, project)
    assert ReportedOutcome.objects.get().amount == 300000
    page.context.clear_cookies()

    UserFactory(username="lead.wessex", led_regions=["wessex"])
    sign_in("lead.wessex")
    page.goto("/stories/review/")
    expect(page.locator("#stories-to-review tbody tr")).to_have_count(1)
    assert_accessible_at_both_widths(page, "the stories waiting for review")
    page.get_by_role("link", name="Review “Swab counts at handover”").click()

    expect(page.locator("h1")).to_have_text("Review the story")
    expect(page.locator("main")).to_contain_text("Swab counts became part of every handover.")
    expect(page.locator("main")).to_contain_text("£300,000")
    assert_accessible_at_both_widths(page, "the review page")
    page.get_by_label("Verbal handover of swabs").check()
    page.get_by_role("button", name="Publish the story").click()

    expect(page.locator("#story-status")).to_contain_text("Published")
    expect(page.locator("#story-steps li").first).to_contain_text("Published")
    assert_accessible_at_both_widths(page, "the published story")
    story = Story.objects.get()
    assert story.status == "published" and story.contact == "wessex.psc@nhs.net"
    assert [m.name for m in story.published_measures.all()] == ["Verbal handover of swabs"]
    assert "Swab counts became part of every handover." in story.search_text
    page.context.clear_cookies()

    _a_visitor_finds_it(page, story)
    _a_lead_elsewhere_starts_a_project_from_it(page, sign_in, story)


def _a_visitor_finds_it(page, story):
    page.goto("/archive/")
    page.get_by_label("Search the stories").fill("handover")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#results")).to_have_text("1 story found")
    assert_accessible_at_both_widths(page, "the archive searched, signed out")
    page.get_by_role("link", name="Swab counts at handover").click()
    page.wait_for_url(f"**{story.get_absolute_url()}")
    expect(page.locator("main")).to_contain_text("Swab counts became part of every handover.")
    expect(page.locator("main")).to_contain_text("£300,000")
    expect(page.locator("main")).not_to_contain_text("Asha Patel")  # she did not agree
    assert_accessible_at_both_widths(page, "the published story, signed out")


def _a_lead_elsewhere_starts_a_project_from_it(page, sign_in, story):
    hospital = OrganisationFactory(name="Oxford Royal", region=region("oxford"))
    UserFactory(username="lead.oxford", led_regions=["oxford"])
    sign_in("lead.oxford")
    page.goto(story.get_absolute_url())
    page.get_by_role("button", name="Start a project from this story").click()
    page.get_by_label("Region that leads it").select_option(label="Oxford")
    page.get_by_label("Organisation it is for").select_option(str(hospital.pk))
    page.get_by_role("button", name="Start the project").click()
    page.wait_for_url(re.compile(r"/projects/\d+/$"))
    expect(page.locator("#started-from a")).to_have_text("Swab counts at handover")
    assert_accessible_at_both_widths(page, "the project started from the story")
    reuse = StoryReuse.objects.get(story=story)
    assert reuse.project == Project.objects.get(lead_region__slug="oxford")
    assert reuse.organisation == hospital
