"""A regional lead finds a change idea, promotes it to the catalogue, links a similar idea from
another project and reads "Where else, and did it work?"; Chromium, axe at 1280 and 390 px."""

from datetime import date

import pytest
from playwright.sync_api import expect

from learning.models import ChangeEntry
from projects.models import PDSADecision, PDSAStatus
from tests.factories import (
    ChangeEntryFactory,
    ChangeIdeaFactory,
    MeasureFactory,
    PDSACycleFactory,
    ProgrammeFactory,
    ProjectFactory,
    region,
)
from tests.functional.conftest import assert_accessible_at_both_widths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def two_projects():
    wards = ProjectFactory(title="Falls on Wessex wards", lead_region=region("wessex"))
    huddle = ChangeIdeaFactory(
        project=wards,
        text="Safety huddle at shift change",
        description="Five minutes on who is at risk of falling",
    )
    PDSACycleFactory(
        change_idea=huddle,
        title="Huddle on ward 3",
        decision=PDSADecision.ADOPT,
        status=PDSAStatus.COMPLETE,
        start_date=date(2016, 7, 4),
        end_date=date(2016, 7, 25),
    )
    MeasureFactory(
        project=wards,
        name="Falls per 1,000 bed-days",
        change_idea=huddle,
        variation="special_cause_improvement",
    )
    community = ProjectFactory(title="Falls in Dorset care homes", lead_region=region("wessex"))
    other = ChangeIdeaFactory(project=community, text="Falls safety huddle in care homes")
    MeasureFactory(
        project=community,
        name="Falls in care homes",
        change_idea=other,
        variation="special_cause_concern",
    )
    return huddle, other


def test_a_regional_lead_promotes_a_change_idea_links_another_and_reads_where_else(
    page, sign_in, wessex_lead, two_projects
):
    huddle, other = two_projects
    sign_in(wessex_lead.username)

    page.goto("/projects/change-ideas/")
    page.get_by_role("textbox", name="Change idea").fill("huddle")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="Safety huddle at shift change")).to_be_visible()
    assert_accessible_at_both_widths(page, "the change idea search")
    page.get_by_role("link", name="Safety huddle at shift change").click()

    page.get_by_role("link", name="Link to the catalogue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Link “Safety huddle")
    assert_accessible_at_both_widths(page, "the link page")
    page.get_by_label("Name of the new entry").fill("Falls safety huddle")
    page.get_by_role("radio", name="Published").check()
    page.get_by_role("button", name="Add to the catalogue").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Falls safety huddle")
    entry = ChangeEntry.objects.get()
    assert entry.status == "published" and huddle.catalogue_link.entry == entry
    similar = page.locator("table", has_text="Falls safety huddle in care homes")
    expect(similar).to_be_visible()
    assert_accessible_at_both_widths(page, "the new entry's page")
    similar.get_by_role("button", name="Link “Falls safety huddle in care homes”").click()

    expect(page.get_by_text("now tests “Falls safety huddle”")).to_be_visible()
    where_else = page.locator("main")
    expect(where_else.get_by_role("link", name="Falls on Wessex wards")).to_be_visible()
    expect(where_else.get_by_role("link", name="Falls in Dorset care homes")).to_be_visible()
    expect(where_else).to_contain_text("1 improving, 1 concerning, 0 with no signal yet")
    expect(where_else).to_contain_text("Huddle on ward 3")
    expect(where_else.get_by_text("Special cause improvement")).to_be_visible()
    expect(where_else.get_by_text("Special cause concern")).to_be_visible()
    assert_accessible_at_both_widths(page, "the entry with two projects")

    page.get_by_label("Outcome").select_option("concerning")
    page.get_by_role("button", name="Filter").click()
    expect(where_else.get_by_role("link", name="Falls in Dorset care homes")).to_be_visible()
    expect(where_else.get_by_role("link", name="Falls on Wessex wards")).to_have_count(0)

    page.goto("/projects/change-ideas/?q=huddle")
    expect(page.get_by_role("heading", name="In the catalogue")).to_be_visible()
    expect(page.get_by_text("Tests this change").first).to_be_visible()
    assert_accessible_at_both_widths(page, "the search with the catalogue")


def test_the_catalogue_list_edit_history_and_package_pages_pass_axe(page, sign_in, wessex_lead):
    entry = ChangeEntryFactory(name="Falls safety huddle", evidence="A third fewer falls")
    programme = ProgrammeFactory(name="Wessex falls collaborative", lead_regions=["wessex"])
    sign_in(wessex_lead.username)

    page.goto("/changes/")
    expect(page.get_by_role("link", name="Falls safety huddle")).to_be_visible()
    assert_accessible_at_both_widths(page, "the catalogue")

    page.goto(f"/changes/{entry.slug}/edit/")
    page.get_by_label("Title").fill("How to run a huddle")
    page.get_by_label("Link").fill("https://example.org/huddle")
    page.get_by_role("button", name="Add resource").click()
    expect(page.get_by_role("link", name="How to run a huddle")).to_be_visible()
    assert_accessible_at_both_widths(page, "the edit page")

    page.goto(f"/changes/{entry.slug}/history/")
    expect(page.locator("main")).to_contain_text("How to run a huddle")
    assert_accessible_at_both_widths(page, "the history")

    page.goto(f"/programmes/{programme.slug}/package/")
    page.get_by_label("Add a change from the catalogue").select_option(label="Falls safety huddle")
    page.get_by_role("button", name="Add to the package").click()
    expect(page.get_by_role("link", name="Falls safety huddle")).to_be_visible()
    assert_accessible_at_both_widths(page, "the change package")
