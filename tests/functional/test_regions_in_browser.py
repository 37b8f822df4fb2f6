import pytest

from tests.factories import OrganisationFactory, region
from tests.functional.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_regional_lead_signs_in_and_reads_the_regions(page, sign_in, wessex_lead):
    OrganisationFactory(name="Southampton General Hospital", region=region("wessex"))
    sign_in("lead.wessex")
    assert page.get_by_role("heading", name="Your regions").is_visible()
    assert axe_violations(page) == []

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Regions").click()
    page.wait_for_url("**/regions/")
    assert page.get_by_role("heading", name="Regional collaboratives").is_visible()
    assert page.locator("tbody tr").count() == 15
    assert axe_violations(page) == []

    page.get_by_role("link", name="Wessex", exact=True).click()
    assert page.get_by_role("heading", name="Wessex", level=1).is_visible()
    assert page.get_by_role("button", name="Add an organisation").is_visible()
    assert axe_violations(page) == []


def test_a_lead_adds_an_organisation_and_sees_errors_first(page, sign_in, wessex_lead):
    sign_in("lead.wessex")
    page.goto("/organisations/new/")
    page.get_by_label("Name").fill("Winchester Court Care Home")
    page.get_by_label("ODS code").fill("!!")
    page.get_by_label("Type").select_option("care_home")
    page.get_by_label("Home region").select_option(label="Wessex")
    page.get_by_role("button", name="Save organisation").click()
    assert page.get_by_role("alert").get_by_text("Enter an ODS code").is_visible()
    assert axe_violations(page) == []

    page.get_by_label("ODS code").fill("vx901")
    page.get_by_role("button", name="Save organisation").click()
    assert page.get_by_role("heading", name="Winchester Court Care Home").is_visible()
    assert page.get_by_text("VX901").is_visible()
    assert axe_violations(page) == []
