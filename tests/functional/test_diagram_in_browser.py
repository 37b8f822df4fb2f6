import pytest
from playwright.sync_api import expect

from projects.models import ChangeIdea, PrimaryDriver, SecondaryDriver
from tests.factories import ProjectFactory, region
from tests.functional.conftest import axe_violations
from tests.functional.diagram_steps import add_idea, add_primary, add_secondary

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MARKER = "window.__marker"


@pytest.fixture
def project(db):
    return ProjectFactory(title="Reducing inpatient falls", lead_region=region("wessex"),
                          aim_text="Reduce falls with harm by 30% by March 2018")  # fmt: skip


def status(page):
    return page.locator("#diagram-status")


@pytest.mark.slow
def test_a_lead_builds_the_diagram_without_reloading_the_page(page, sign_in, wessex_lead, project):
    sign_in("lead.wessex")
    page.goto(f"/projects/{project.pk}/diagram/")
    expect(page.get_by_role("heading", name="Driver diagram", level=1)).to_be_visible()
    page.evaluate(f"{MARKER} = 'no reload'")
    assert axe_violations(page) == []

    add_primary(page, "Risk assessment")
    add_primary(page, "Safe ward environment")
    add_secondary(page, "Risk assessment", "Assessed within 6 hours")
    add_secondary(page, "Risk assessment", "Lying and standing BP")
    add_secondary(page, "Safe ward environment", "Call bells in reach")
    add_idea(page, "Daily safety huddle", serves=["Assessed within 6 hours", "Call bells in reach"])
    add_idea(page, "Admission checklist", serves=["Assessed within 6 hours"])
    add_idea(page, "Lying and standing BP prompt", serves=["Lying and standing BP"])
    add_idea(page, "Bay nursing")
    expect(status(page)).to_contain_text("Added the change idea “Bay nursing”.")

    page.locator("summary", has_text="Change the primary driver “Risk assessment”").click()
    page.get_by_label("New text for the primary driver “Risk assessment”").fill(
        "Reliable falls risk assessment"
    )
    page.get_by_role(
        "button", name="Save new text for the primary driver “Risk assessment”"
    ).click()
    expect(status(page)).to_contain_text("Renamed the primary driver")

    page.get_by_role("button", name="Move up the primary driver “Safe ward environment”").click()
    expect(page.locator(".nhsuk-card h3").first).to_have_text("Safe ward environment")

    page.get_by_role("link", name="Delete the change idea “Bay nursing”").click()
    confirmation = page.locator("#confirm-delete")
    expect(confirmation).to_contain_text("Delete the change idea “Bay nursing”?")
    expect(confirmation).to_be_focused()
    assert axe_violations(page) == []
    confirmation.get_by_role("button", name="Yes, delete it").click()
    expect(status(page)).to_contain_text("Deleted the change idea “Bay nursing”.")
    expect(page.locator("#confirm-delete")).to_have_count(0)

    assert page.evaluate(MARKER) == "no reload"
    outline = page.locator(".app-diagram__outline")
    expect(outline.get_by_text("Change idea: Daily safety huddle")).to_have_count(2)
    expect(page.get_by_role("img", name="Driver diagram: Reducing inpatient falls")).to_be_visible()
    assert axe_violations(page) == []

    assert list(PrimaryDriver.objects.values_list("text", flat=True)) == [
        "Safe ward environment", "Reliable falls risk assessment",
    ]  # fmt: skip
    assert SecondaryDriver.objects.count() == 3
    assert ChangeIdea.objects.count() == 3
    assert ChangeIdea.objects.get(text="Daily safety huddle").secondary_drivers.count() == 2


def test_an_error_is_shown_in_place_and_focused(page, sign_in, wessex_lead, project):
    sign_in("lead.wessex")
    page.goto(f"/projects/{project.pk}/diagram/")
    page.evaluate(f"{MARKER} = 'no reload'")
    page.get_by_role("button", name="Add primary driver").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Enter the driver's text")
    expect(page.locator("[data-diagram-focus]")).to_be_focused()
    assert page.evaluate(MARKER) == "no reload"
    assert axe_violations(page) == []
