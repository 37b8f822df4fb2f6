"""Issue 17, pages people can read, in Chromium: the project form with a region's ~170
organisations stays short (picked by type-ahead, not ticked from a list), an organisation is
chosen by typing part of its ODS code, saved and shown on the project page; the project page
and its history fit a phone without sideways scrolling; axe clean at 1280 and 390 px."""

import pytest
from playwright.sync_api import expect

from projects.models import Project
from regions.models import OrganisationType
from tests.factories import (
    ChangeIdeaFactory,
    OrganisationFactory,
    PDSACycleFactory,
    PrimaryDriverFactory,
    ProjectFactory,
    ProjectMemberFactory,
    SecondaryDriverFactory,
    region,
)
from tests.functional.conftest import assert_accessible_at_both_widths, width_at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TYPES = list(OrganisationType.values)


def many_organisations(count=170):
    """About as many as the demo's region has (168), of every type."""
    for n in range(count):
        OrganisationFactory(
            name=f"Wessex organisation {n:03d}", ods_code=f"W{n:04d}", type=TYPES[n % len(TYPES)]
        )
    return OrganisationFactory(
        name="Royal Bournemouth and Christchurch Hospitals",
        ods_code="RDZ42",
        type=OrganisationType.ACUTE_TRUST,
    )


# The elements reaching past a phone's screen, to say what makes a page scroll sideways.
TOO_WIDE = """Array.from(document.querySelectorAll("body *"))
  .map((e) => [e, Math.round(e.getBoundingClientRect().left + e.scrollWidth)])
  .filter(([e, right]) => right > 390)
  .map(([e, right]) => `${e.tagName}.${e.className} ${right}`)
  .slice(0, 10)"""


def fits_a_phone(page, where):
    width = width_at(page, 390)
    too_wide = page.evaluate(TOO_WIDE) if width > 390 else []
    page.set_viewport_size({"width": 1280, "height": 900})
    assert width <= 390, f"{where} scrolls sideways at 390 px ({width} px wide): {too_wide}"


def test_a_lead_picks_an_organisation_by_part_of_its_code(page, sign_in, wessex_lead):
    royal = many_organisations()
    sign_in("lead.wessex")
    page.goto("/projects/new/")
    height = page.evaluate("document.documentElement.scrollHeight")
    print(f"\nThe project form with 171 organisations is {height} px tall at 1280 px wide")
    assert height < 3000
    expect(page.get_by_label("Lead region")).to_have_value(str(region("wessex").pk))
    participating = page.get_by_role("group", name="Participating regions")
    expect(participating.get_by_label("Wessex", exact=True)).to_have_count(0)
    assert_accessible_at_both_widths(page, "the project form")
    fits_a_phone(page, "the project form")

    page.get_by_label("Title", exact=True).fill("Sepsis screening in the emergency department")
    page.get_by_label("Topic").select_option(label="Sepsis")
    page.get_by_label("Status", exact=True).select_option(label="Active")
    page.get_by_label("Start date", exact=True).fill("2016-05-02")

    page.get_by_label("Find an organisation by name or ODS code").fill("dz4")
    results = page.locator("#organisation-results")
    expect(results).to_contain_text("1 organisation found")
    results.get_by_label("Royal Bournemouth and Christchurch Hospitals (RDZ42)").check()
    assert_accessible_at_both_widths(page, "the project form with results")
    # A second search replaces the results; the one ticked moves to the chosen list.
    page.get_by_label("Type of organisation").select_option(label="Care home")
    page.get_by_label("Find an organisation by name or ODS code").fill("W001")
    expect(results).to_contain_text("organisations found")
    chosen = page.get_by_role("group", name="Chosen organisations: untick any to remove")
    expect(
        chosen.get_by_label("Royal Bournemouth and Christchurch Hospitals (RDZ42)")
    ).to_be_checked()
    page.get_by_role("button", name="Save project").click()

    expect(
        page.get_by_role("heading", name="Sepsis screening in the emergency department", level=1)
    ).to_be_visible()
    project = Project.objects.get()
    assert list(project.organisations.all()) == [royal]
    expect(
        page.get_by_role("link", name="Royal Bournemouth and Christchurch Hospitals")
    ).to_be_visible()
    expect(page.locator("main")).to_contain_text("started the project.")


def test_the_project_page_and_its_history_fit_a_phone(page, sign_in, wessex_lead):
    project = ProjectFactory(
        title="Antimicrobialstewardshipandsepsisscreeningimprovementcollaborative in Wessex",
        summary="A long-running project " * 20,
    )
    project.participating_regions.set([region("oxford"), region("kent-surrey-sussex")])
    project.organisations.set(
        [
            OrganisationFactory(name=f"University Hospital Southampton NHS Foundation Trust {n}")
            for n in range(3)
        ]
    )
    ProjectMemberFactory(project=project, user=wessex_lead)
    primary = PrimaryDriverFactory(
        project=project, text="Early recognition of the deteriorating patient"
    )
    secondary = SecondaryDriverFactory(primary_driver=primary, text="Screening tool at triage")
    idea = ChangeIdeaFactory(project=project, text="Sepsis screening stamp on every triage card")
    idea.secondary_drivers.set([secondary])
    for n in range(12):
        cycle = PDSACycleFactory(change_idea=idea, title=f"Stamp in majors, week {n}")
        cycle.status, cycle.decision = "complete", "adapt"
        cycle.save()
    sign_in("lead.wessex")
    page.goto(project.get_absolute_url())
    timeline = page.locator(".app-timeline li")
    expect(timeline).to_have_count(8)
    expect(timeline.first).to_contain_text(
        "completed PDSA cycle “Stamp in majors, week 11” and decided to adapt."
    )
    fits_a_phone(page, "the project page")
    assert_accessible_at_both_widths(page, "the project page")

    page.get_by_role("link", name="See the full history").click()
    expect(page.get_by_role("heading", name="History", level=1)).to_be_visible()
    expect(page.locator(".app-timeline")).to_contain_text(
        "logged PDSA cycle “Stamp in majors, week 0”."
    )
    fits_a_phone(page, "the history page")
    assert_accessible_at_both_widths(page, "the history page")
