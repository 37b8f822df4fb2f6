"""The portfolio's filters in a real browser: the organisation is typed, with suggestions fetched
as you type, and the filtered page keeps it in its address; axe finds no violations."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import OrganisationFactory, ProjectFactory
from tests.functional.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_viewer_filters_the_portfolio_by_a_suggested_organisation(page, sign_in, national_viewer):
    ProjectFactory(title="Sepsis at Southampton").organisations.set(
        [OrganisationFactory(name="Southampton General Hospital", ods_code="RHM01")]
    )
    ProjectFactory(title="Falls at the twin").organisations.set(
        [OrganisationFactory(name="Southampton General Hospital", ods_code="RHM02")]
    )
    ProjectFactory(title="Falls in Portsmouth").organisations.set(
        [OrganisationFactory(name="Portsmouth Hospitals", ods_code="RHU")]
    )
    sign_in("nhsi.viewer")
    page.goto("/projects/")
    expect(page.get_by_role("row")).to_have_count(4)  # the header and three projects
    assert axe_violations(page) == []

    field = page.get_by_label("Organisation name or ODS code")
    field.press_sequentially("southampton gen", delay=30)
    options = page.locator("#organisation-options option")
    expect(options).to_have_count(2)
    assert options.evaluate_all("os => os.map(o => o.value)") == [
        "Southampton General Hospital (RHM01)",
        "Southampton General Hospital (RHM02)",
    ]
    assert axe_violations(page) == []

    field.fill(options.first.get_attribute("value"))  # as choosing it from the list does
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(
        re.compile(r"organisation=Southampton\+General\+Hospital\+%28RHM01%29")
    )
    expect(page.get_by_role("row")).to_have_count(2)
    expect(page.get_by_role("link", name="Sepsis at Southampton")).to_be_visible()
    expect(field).to_have_value("Southampton General Hospital (RHM01)")
    assert axe_violations(page) == []
