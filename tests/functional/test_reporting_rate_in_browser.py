"""Wessex's lead opens the reporting rate from the regional dashboard, sees the overdue team and
sends it a reminder; axe clean at 1280 and 390 px, with no sideways scrolling on a phone."""

import re

import pytest
from playwright.sync_api import expect

from measurement.models import Notification
from tests.factories import UserFactory
from tests.functional.conftest import assert_accessible_at_both_widths, width_at
from tests.integration.reporting_rate.conftest import made_up_wessex

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_lead_reminds_the_overdue_team(page, sign_in):
    made_up_wessex(UserFactory(username="lead.wessex", led_regions=["wessex"]))
    sign_in("lead.wessex")
    page.goto("/dashboard/wessex/")
    page.get_by_role("link", name="Wessex's reporting rate").click()
    expect(page.locator("h1")).to_have_text("Wessex")
    expect(page.locator("#overdue")).to_have_text("Teams with overdue data (1)")
    assert_accessible_at_both_widths(page, "the reporting rate")
    assert width_at(page, 390) <= 390, "scrolls sideways"
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("link", name="month (monthly measures)").click()
    expect(page.get_by_text("Every team has entered its latest month's data")).to_be_visible()
    page.get_by_role("link", name="week (weekly measures)").click()

    page.get_by_role("button", name="Send a reminder to the team of Falls on Wessex wards").click()
    expect(page.locator(".nhsuk-notification-banner")).to_contain_text(
        "A reminder is on its way to the team of “Falls on Wessex wards”"
    )
    expect(page.locator(".nhsuk-tag")).to_have_text(re.compile(r"^\s*Reminded \d+ \w+ \d{4}\s*$"))
    assert Notification.objects.filter(user__username="ward.sister").exists()
    assert_accessible_at_both_widths(page, "the reporting rate after a reminder")
