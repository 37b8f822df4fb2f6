"""A regional lead reads a change's spread, records an adoption for one of their region's
organisations, and sees the sentence, the chart and its table move by one; in Chromium, with axe
at 1280 and 390 px on each page."""

from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from core.wording import long_date
from learning.models import Adoption
from tests.factories import (
    AdoptionFactory,
    ChangeEntryFactory,
    OrganisationFactory,
    UserFactory,
    region,
)
from tests.functional.conftest import assert_accessible_at_both_widths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def spread():
    entry = ChangeEntryFactory(name="Emergency laparotomy care bundle", slug="elpquic-bundle")
    for n, day in enumerate([date(2016, 3, 1), date(2016, 9, 1)]):
        AdoptionFactory(
            entry=entry,
            adopted_on=day,
            organisation=OrganisationFactory(name=f"Wessex Trust {n + 1}", region=region("wessex")),
        )
    OrganisationFactory(name="Southampton General", ods_code="RHM", region=region("wessex"))
    OrganisationFactory(name="Oxford Royal", region=region("oxford"))
    return entry


def test_a_regional_lead_records_an_adoption_and_sees_the_spread_move(page, sign_in, spread):
    lead = UserFactory(username="lead.wessex", led_regions=["wessex"])
    sign_in(lead.username)
    page.goto(f"/changes/{spread.slug}/spread/")
    expect(page.locator("h1")).to_have_text("Spread")
    expect(page.locator("#spread-sentence")).to_have_text("Still 2 hospitals: none added")
    expect(page.locator("#spread-after")).to_have_text("2")
    steps = page.locator("#spread-steps tbody tr")
    expect(steps).to_have_count(2)
    expect(steps.nth(1)).to_contain_text("2")
    expect(page.locator("svg.app-spread-chart circle")).to_have_count(2)
    assert "From" not in page.locator("svg.app-spread-chart desc").text_content()
    assert_accessible_at_both_widths(page, "the spread page")

    page.get_by_role("button", name="Record an adoption").click()
    expect(page.locator("h1")).to_have_text("Record an adoption")
    options = page.locator("#id_organisation option").all_text_contents()
    assert any("Southampton General" in option for option in options)
    assert not any("Oxford Royal" in option for option in options)  # not their region
    assert_accessible_at_both_widths(page, "the adoption form")

    page.get_by_label("Organisation").select_option(label="Southampton General (RHM) – Wessex")
    page.get_by_label("Implemented").check()
    today = timezone.localdate()
    page.get_by_label("Date it began").fill(today.isoformat())
    page.get_by_role("button", name="Save adoption").click()

    page.wait_for_url(f"**/changes/{spread.slug}/spread/")
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text(
        "Southampton General's adoption of “Emergency laparotomy care bundle” was recorded."
    )
    expect(page.locator("#spread-sentence")).to_have_text("From 2 to 3 hospitals")
    expect(page.locator("#spread-after")).to_have_text("3")
    expect(steps).to_have_count(3)
    expect(steps.nth(2)).to_contain_text(long_date(today))
    expect(steps.nth(2)).to_contain_text("Southampton General")
    expect(steps.nth(2).locator("td").nth(1)).to_have_text("3")
    expect(page.locator("svg.app-spread-chart circle")).to_have_count(3)
    expect(page.locator("#adoptions")).to_contain_text("Southampton General")
    assert Adoption.objects.filter(organisation__ods_code="RHM", recorded_by=lead).exists()
    assert_accessible_at_both_widths(page, "the spread page after recording")


def test_a_bulk_upload_with_one_bad_row_saves_nothing_and_names_the_row(page, sign_in, spread):
    lead = UserFactory(username="lead.wessex", led_regions=["wessex"])
    sign_in(lead.username)
    page.goto("/adoptions/upload/")
    expect(page.locator("h1")).to_have_text("Upload adoptions as a CSV file")
    assert_accessible_at_both_widths(page, "the upload page")
    header = page.locator("code").first.text_content()
    text = "\r\n".join(
        [
            header,
            "RHM,elpquic-bundle,,2017-01-09,implemented,,,,",
            "RHM,elpquic-bundle,,2017-01-10,sustained,,,,",
            "NOPE1,elpquic-bundle,,2017-01-09,testing,,,,",
        ]
    )
    page.get_by_label("CSV file").set_input_files(
        files=[{"name": "adoptions.csv", "mimeType": "text/csv", "buffer": text.encode()}]
    )
    page.get_by_role("button", name="Upload").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "Nothing was saved: the file has 2 problems"
    )
    rows = page.locator("#problem-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("3")
    expect(rows.nth(0)).to_contain_text("also on row 2")
    expect(rows.nth(1)).to_contain_text("There is no organisation with the ODS code “NOPE1”")
    assert not Adoption.objects.filter(entry=spread, organisation__ods_code="RHM").exists()
    assert_accessible_at_both_widths(page, "the upload report")


def test_a_programmes_spread_and_the_adoption_list_are_accessible(page, sign_in, spread):
    from learning.models import PackageItem
    from tests.factories import ProgrammeFactory

    lead = UserFactory(username="programme.lead")
    programme = ProgrammeFactory(
        name="Emergency Laparotomy Collaborative",
        slug="emergency-laparotomy",
        start_date=date(2016, 4, 1),
        end_date=date(2017, 3, 31),
        leads=[lead],
    )
    PackageItem.objects.create(programme=programme, entry=spread)
    sign_in(lead.username)
    page.goto("/programmes/emergency-laparotomy/spread/")
    expect(page.locator("#spread-sentence")).to_have_text("From 1 to 2 hospitals")
    expect(page.locator("svg.app-spread-chart")).to_contain_text("Programme start")
    expect(page.locator("svg.app-spread-chart")).to_contain_text("Programme end")
    assert_accessible_at_both_widths(page, "the programme's spread")
    page.goto("/adoptions/?region=&type=acute_trust&status=")
    expect(page.locator("#adoptions tbody tr")).to_have_count(2)
    assert_accessible_at_both_widths(page, "the adoption list")
    page.locator("#adoptions").get_by_role("link", name="Change Wessex Trust 1").click()
    expect(page.locator("h1")).to_contain_text("Change Wessex Trust 1")
    assert_accessible_at_both_widths(page, "the adoption's edit form")
