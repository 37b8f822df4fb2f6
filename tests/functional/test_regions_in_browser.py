import re

import pytest
from playwright.sync_api import expect

from tests.factories import OrganisationFactory, region
from tests.functional.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_regional_lead_signs_in_and_reads_the_regions(page, sign_in, wessex_lead):
    OrganisationFactory(name="Southampton General Hospital", region=region("wessex"))
    sign_in("lead.wessex")
    expect(page.get_by_role("heading", name="Your regions")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Regions").click()
    expect(page.get_by_role("heading", name="Regional collaboratives")).to_be_visible()
    expect(page.locator("tbody tr")).to_have_count(15)
    assert axe_violations(page) == []

    page.get_by_role("link", name="Wessex", exact=True).click()
    expect(page.get_by_role("heading", name="Wessex", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="Add an organisation")).to_be_visible()
    assert axe_violations(page) == []


def test_a_lead_adds_an_organisation_and_sees_errors_first(page, sign_in, wessex_lead):
    sign_in("lead.wessex")
    page.goto("/organisations/new/")
    page.get_by_label("Name").fill("Winchester Court Care Home")
    page.get_by_label("ODS code").fill("!!")
    page.get_by_label("Type").select_option("care_home")
    page.get_by_label("Home region").select_option(label="Wessex")
    page.get_by_role("button", name="Save organisation").click()
    expect(page.get_by_role("alert").get_by_text("Enter an ODS code")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_label("ODS code").fill("vx901")
    page.get_by_role("button", name="Save organisation").click()
    expect(page.get_by_role("heading", name="Winchester Court Care Home")).to_be_visible()
    expect(page.get_by_text("VX901")).to_be_visible()
    assert axe_violations(page) == []


def test_signing_out_from_the_header_ends_the_session(page, sign_in, wessex_lead):
    sign_in("lead.wessex")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.goto("/regions/")
    expect(page).to_have_url(re.compile(r"/sign-in/\?next=/regions/$"))
