"""Issue 3's journey: a regional lead starts a project, builds its driver diagram, logs a PDSA
cycle, and finds the project in the portfolio; axe finds no violations on the way."""

from datetime import date

import pytest
from playwright.sync_api import expect

from projects.models import PDSACycle, Project
from tests.functional.conftest import axe_violations
from tests.functional.diagram_steps import add_idea, add_primary, add_secondary

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def start_project(page):
    page.goto("/projects/new/")
    expect(page.get_by_role("heading", name="Start a project", level=1)).to_be_visible()
    title = page.get_by_label("Title", exact=True)
    title.fill("Sepsis screening in the emergency department")
    page.get_by_label("Topic").select_option(label="Sepsis")
    page.get_by_label("Lead region").select_option(label="Wessex")
    page.get_by_role("group", name="Participating regions").get_by_label("Oxford").check()
    page.get_by_label("What will improve").fill("sepsis screening on arrival")
    page.get_by_label("For whom").fill("adults arriving at the emergency department")
    page.get_by_label("By how much").fill("to 95%")
    page.get_by_label("Status", exact=True).select_option(label="Active")
    page.get_by_label("Start date", exact=True).fill("2016-05-02")
    page.get_by_label("IHI progress score").select_option("1.0")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Save project").click()
    expect(
        page.get_by_role("heading", name="Sepsis screening in the emergency department", level=1)
    ).to_be_visible()


def build_diagram(page):
    page.get_by_role("button", name="Edit driver diagram").click()
    expect(page.get_by_role("heading", name="Driver diagram", level=1)).to_be_visible()
    add_primary(page, "Early recognition")
    add_primary(page, "Timely treatment")
    add_secondary(page, "Early recognition", "Screening tool at triage")
    add_secondary(page, "Early recognition", "Staff trained to spot sepsis")
    add_secondary(page, "Timely treatment", "Antibiotics within an hour")
    add_idea(page, "Sepsis screening stamp", serves=["Screening tool at triage"])
    add_idea(page, "Sepsis trolley", serves=["Antibiotics within an hour"])
    add_idea(page, "Ten-minute teaching at huddle", serves=["Staff trained to spot sepsis"])
    add_idea(
        page,
        "Sepsis champion each shift",
        serves=["Staff trained to spot sepsis", "Screening tool at triage"],
    )
    assert axe_violations(page) == []


def log_cycle(page, project: Project):
    page.goto(f"/projects/{project.pk}/pdsa/new/")
    page.get_by_label("Change idea tested").select_option(label="Sepsis screening stamp")
    page.get_by_label("Title", exact=True).fill("Stamp in majors for one week")
    page.get_by_label("Objective", exact=True).fill("Will nurses stamp every triage card?")
    page.get_by_label("Predictions", exact=True).fill("8 in 10 cards stamped")
    page.get_by_label("Start date", exact=True).fill("2016-05-16")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Save cycle").click()
    expect(page.get_by_role("heading", name="Stamp in majors for one week")).to_be_visible()
    assert axe_violations(page) == []


@pytest.mark.slow
def test_a_lead_runs_a_project_from_start_to_portfolio(page, sign_in, wessex_lead):
    sign_in("lead.wessex")
    start_project(page)
    project = Project.objects.get(title="Sepsis screening in the emergency department")
    assert axe_violations(page) == []
    build_diagram(page)
    log_cycle(page, project)
    assert PDSACycle.objects.get().change_idea.text == "Sepsis screening stamp"

    page.goto("/projects/?region=wessex&q=sepsis+screening")
    row = page.get_by_role("row").filter(has_text="Sepsis screening in the emergency department")
    expect(row).to_be_visible()
    expect(row).to_contain_text("Active")
    assert axe_violations(page) == []

    page.goto(project.get_absolute_url())
    expect(
        page.get_by_role("img", name="Driver diagram: Sepsis screening in the emergency department")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Stamp in majors for one week")).to_be_visible()
    assert axe_violations(page) == []


def test_another_regions_lead_reads_but_cannot_edit(page, sign_in, oxford_lead, wessex_lead):
    project = Project.objects.create(
        title="Falls in Wessex",
        lead_region_id=wessex_lead.led_regions.get().pk,
        topic="falls",
        start_date=date(2016, 5, 2),
        status_since=date(2016, 5, 2),
    )
    sign_in("lead.oxford")
    page.goto(project.get_absolute_url())
    expect(page.get_by_role("heading", name="Falls in Wessex")).to_be_visible()
    expect(page.get_by_role("button", name="Change project details")).to_have_count(0)
    response = page.goto(f"/projects/{project.pk}/edit/")
    assert response.status == 403
    expect(page.get_by_role("heading", name="You cannot do that")).to_be_visible()
    assert axe_violations(page) == []
