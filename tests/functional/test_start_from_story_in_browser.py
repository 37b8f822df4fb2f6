"""A lead from another region starts a project from a published Wessex story: from the story's
public page, through the form, to the new project with the story's driver diagram copied; in
Chromium, with axe at 1280 and 390 px on each page."""

import re

import pytest
from playwright.sync_api import expect

from learning.models import Adoption, StoryReuse
from projects.models import Project
from tests.factories import UserFactory
from tests.functional.conftest import assert_accessible_at_both_widths
from tests.integration.learning.test_reuse_services import (
    build_published_wessex_story,
    diagram_shape,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_lead_of_another_region_starts_a_project_from_a_story(page, sign_in):
    world = build_published_wessex_story()
    story, source = world["story"], world["source"]
    lead = UserFactory(username="lead.oxford", led_regions=["oxford"])
    sign_in(lead.username)

    page.goto(f"/archive/{story.slug}/")
    expect(page.locator("#projects-started")).to_have_text(
        "No projects have been started from this story yet."
    )
    page.get_by_role("button", name="Start a project from this story").click()
    page.wait_for_url(f"**/archive/{story.slug}/start/")
    expect(page.locator("h1")).to_have_text("Start a project from this story")
    expect(page.locator("main")).to_contain_text(
        "2 primary drivers, 3 secondary drivers and 3 change ideas"
    )
    expect(page.locator("#reuse-entries li")).to_have_text(["Count audit", "Verbal swab handover"])
    expect(page.get_by_label("Title of the new project")).to_have_value(
        "Verbal handover of swab counts"
    )
    assert_accessible_at_both_widths(page, "the form to start a project from a story")

    page.get_by_label("Title of the new project").fill("Swab handover at Oxford Royal")
    page.get_by_label("Region that leads it").select_option(label="Oxford")
    page.get_by_label("Organisation it is for").select_option(str(world["organisation"].pk))
    page.get_by_label("Start date").fill("2027-01-04")
    page.get_by_role("button", name="Start the project").click()

    page.wait_for_url(re.compile(r"/projects/\d+/$"))
    project = Project.objects.get(title="Swab handover at Oxford Royal")
    assert page.url.endswith(project.get_absolute_url())
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text(
        "“Swab handover at Oxford Royal” was started from the story “Verbal handover of swab "
        "counts”"
    )
    expect(page.locator("h1")).to_have_text("Swab handover at Oxford Royal")
    outline = page.locator(".app-diagram__outline")
    for text in (
        "Primary driver: Reliable handover",
        "Primary driver: Swab kit and boards",
        "A handover script",
        "Night-shift habit",
        "A swab board in theatre",
        "A line in the handover script",
        "Monthly audit of counts",
        "A poster in the sluice",
    ):
        expect(outline).to_contain_text(text)
    expect(page.locator("#started-from a")).to_have_text("Verbal handover of swab counts")
    expect(page.locator("#started-from a")).to_have_attribute("href", story.get_absolute_url())
    assert diagram_shape(project) == diagram_shape(source)
    assert StoryReuse.objects.get().project == project
    assert (
        Adoption.objects.filter(organisation=world["organisation"], status="planned").count() == 2
    )
    assert_accessible_at_both_widths(page, "the new project")

    page.locator("#started-from a").click()
    page.wait_for_url(f"**/archive/{story.slug}/")
    expect(page.locator("#projects-started")).to_have_text("1 project started from this story.")

    page.goto(source.get_absolute_url())
    expect(page.locator("#started-from-story")).to_contain_text("Swab handover at Oxford Royal")
    expect(page.get_by_role("heading", name="1 project started from this story")).to_be_visible()


def test_a_frontline_member_is_told_who_can_start_one(page, sign_in):
    world = build_published_wessex_story()
    nurse = UserFactory(username="frontline.nurse")
    sign_in(nurse.username)
    before = Project.objects.count()
    page.goto(f"/archive/{world['story'].slug}/")
    page.get_by_role("button", name="Start a project from this story").click()
    expect(page.locator("h1")).to_have_text("You cannot start a project from this story")
    expect(page.locator("main")).to_contain_text("ask your regional lead to start the project")
    assert_accessible_at_both_widths(page, "the page saying who can start one")
    assert Project.objects.count() == before
