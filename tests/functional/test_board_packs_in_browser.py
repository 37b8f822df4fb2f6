"""A region's lead opens the region's board packs, follows a pack being made
until its download appears (htmx asking every 2 seconds), then asks for one with a highlighted
project and downloads the PDF; axe clean at 1280 and 390 px, no sideways scrolling on a phone."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reporting.models import BoardPack
from tests.factories import ProjectFactory, UserFactory, region
from tests.functional.conftest import assert_accessible_at_both_widths, width_at
from tests.integration.test_board_packs import PERIOD, store

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_sideways_scrolling(page) -> None:
    assert width_at(page, 390) <= 390, "scrolls sideways"
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.slow
def test_a_lead_follows_a_pack_and_makes_one_with_a_highlighted_project(page, sign_in):
    lead = UserFactory(username="lead.wessex", led_regions=["wessex"])
    wessex = region("wessex")
    store("national", "2016-17", 0, {"staff_trained.total": 10150})
    store("wessex", "2016-17", 3, {"staff_trained.total": 1234})
    ProjectFactory(title="Falls on ward 7", lead_region=wessex)
    running = BoardPack.objects.create(
        region=wessex,
        financial_year="2017-18",
        quarter=1,
        requested_by=lead,
        state="running",
        started_at=timezone.now(),
        progress=40,
        step="Finding the quarter's new signals",
    )

    sign_in("lead.wessex")
    page.goto("/dashboard/wessex/board-packs/")
    expect(page.locator("h1")).to_have_text("Board packs")
    words = page.locator(f"#pack-{running.pk}-words")
    expect(words).to_have_text("Being made: Finding the quarter's new signals (40% done).")
    assert_accessible_at_both_widths(page, "the board packs page with a pack being made")
    no_sideways_scrolling(page)

    # The worker finishes: the page, asking every 2 seconds, shows the download.
    BoardPack.objects.filter(pk=running.pk).update(
        state="done", progress=100, finished_at=timezone.now(), pdf=b"%PDF-1.7 test"
    )
    card = page.locator(f"#pack-{running.pk}-status")
    expect(card.get_by_role("link", name="Download board pack (PDF)")).to_be_visible(timeout=8000)

    page.get_by_label("Quarter").select_option(label=PERIOD)
    page.get_by_text("Choose projects to highlight").click()
    page.get_by_label("Falls on ward 7").check()
    page.get_by_role("button", name="Make board pack").click()  # made in-process (eager)
    expect(page.get_by_text(f"The board pack for {PERIOD} is being made.")).to_be_visible()
    made = BoardPack.objects.exclude(pk=running.pk).get()
    assert made.state == "done"
    assert list(made.highlighted_projects.values_list("title", flat=True)) == ["Falls on ward 7"]
    assert_accessible_at_both_widths(page, "the board packs page with packs ready")
    no_sideways_scrolling(page)

    link = page.locator(f"#pack-{made.pk}-status").get_by_role(
        "link", name="Download board pack (PDF)"
    )
    # Fetched with the page's session (a browser download leaves Playwright's files open).
    pdf = page.request.get(link.get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert "board-pack-wessex-2016-17-q3.pdf" in pdf.headers["content-disposition"]
    assert pdf.body()[:5] == b"%PDF-"
