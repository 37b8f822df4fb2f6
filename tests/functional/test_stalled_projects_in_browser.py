"""A region's lead opens the region's stalled projects from its dashboard, marks one active and
closes another as completed; in Chromium, axe clean at 1280 and 390 px, no sideways scrolling
on a phone."""

from datetime import UTC, datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from projects.models import Project, ProjectStatus
from projects.services.stalled import mark_stalled_projects
from tests.factories import ProjectFactory, UserFactory, region
from tests.functional.conftest import assert_accessible_at_both_widths, width_at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def quiet_project(title: str, days: int) -> Project:
    since = timezone.localdate() - timedelta(days=days)
    project = ProjectFactory(
        title=title, lead_region=region("wessex"), start_date=since, status_since=since
    )
    edited = datetime.combine(since, time(12), tzinfo=UTC)
    Project.objects.filter(pk=project.pk).update(updated_at=edited)
    return project


def no_sideways_scrolling(page) -> None:
    assert width_at(page, 390) <= 390, "scrolls sideways"
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.slow
def test_a_lead_marks_one_stalled_project_active_and_closes_another(page, sign_in):
    UserFactory(username="lead.wessex", led_regions=["wessex"])
    waking = quiet_project("Hydration rounds on Ward 7", 300)
    ended = quiet_project("Falls huddles in Salisbury", 500)
    mark_stalled_projects()
    sign_in("lead.wessex")

    page.goto("/dashboard/wessex/")
    page.get_by_role("link", name="Wessex's stalled projects").click()
    expect(page.locator("h1")).to_have_text("Stalled projects")
    expect(page.locator(".nhsuk-card")).to_have_count(2)
    expect(page.locator(".nhsuk-card").first).to_contain_text("Falls huddles in Salisbury")
    expect(page.locator(".nhsuk-card").first).to_contain_text("Last activity: 16 months ago")
    assert_accessible_at_both_widths(page, "the stalled projects")
    no_sideways_scrolling(page)

    page.get_by_role("button", name="Mark as active Hydration rounds on Ward 7").click()
    expect(page.locator(".nhsuk-card")).to_have_count(1)
    expect(page.get_by_text("“Hydration rounds on Ward 7” is active again")).to_be_visible()

    done = (timezone.localdate() - timedelta(days=100)).isoformat()
    page.get_by_label("Completed on").fill(done)
    page.get_by_role("button", name="Close project Falls huddles in Salisbury").click()
    expect(page.get_by_text("“Falls huddles in Salisbury” is closed as completed.")).to_be_visible()
    expect(page.get_by_text("Wessex has no stalled projects.")).to_be_visible()
    assert_accessible_at_both_widths(page, "the stalled projects, none left")

    waking.refresh_from_db()
    ended.refresh_from_db()
    assert waking.status == ProjectStatus.ACTIVE
    assert (ended.status, ended.completed_on.isoformat()) == (ProjectStatus.COMPLETED, done)
