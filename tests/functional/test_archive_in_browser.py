"""A visitor who is not signed in opens the archive, searches for a word, opens the story and
reads its chart's table; in Chromium, with axe at 1280 and 390 px on each page."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import UserFactory
from tests.functional.conftest import assert_accessible_at_both_widths
from tests.integration.learning.test_archive_story import SWABS, published_swab_story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_finds_a_story_by_a_word_and_reads_its_chart_table(page):
    lead = UserFactory(username="lead.wessex", led_regions=["wessex"])
    story, measure, _ = published_swab_story(lead)

    page.goto("/archive/")
    expect(page.locator("h1")).to_have_text("Improvement stories")
    assert_accessible_at_both_widths(page, "the archive")

    page.get_by_label("Search the stories").fill("handover")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#results")).to_have_text("1 story found")
    expect(page.locator("#filters-applied")).to_contain_text("Search: handover")

    page.get_by_role("link", name="Safer swab counts in maternity").click()
    expect(page.locator("h1")).to_have_text("Safer swab counts in maternity")
    chart = page.locator(f"#chart-{measure.pk}")
    alt = re.compile(rf"^P chart of {re.escape(SWABS)}\..*The data is in the table below\.$")
    expect(chart.locator("img")).to_have_attribute("alt", alt)
    assert_accessible_at_both_widths(page, "the story")

    chart.get_by_text(f"The data of “{SWABS}” as a table").click()
    table = chart.locator("table")
    expect(table).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(40)
    expect(table.locator("thead")).to_contain_text("Numerator")
    image = page.request.get(chart.locator("img").get_attribute("src"))
    assert image.ok and image.headers["content-type"] == "image/svg+xml"
    assert_accessible_at_both_widths(page, "the story with its table open")
