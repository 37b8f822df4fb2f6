"""In Chromium with axe at 1280 and 390 px: the measure page's chart is drawn for the screen's
width (on a phone a narrow drawing read at its own size, not a wide one shrunk), says what it
spans and what lies outside it, and its data table scrolls within a labelled, focusable region."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from measurement.models import PointNote
from measurement.services.data import data_points_upsert
from tests.factories import (
    ChangeIdeaFactory,
    MeasureFactory,
    PDSACycleFactory,
    ProjectFactory,
    region,
)
from tests.functional.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MONDAY = date(2024, 1, 1)
LATER = date(2025, 6, 2)


@pytest.fixture
def screening(wessex_lead):
    project = ProjectFactory(title="Sepsis on Wessex wards", lead_region=region("wessex"))
    measure = MeasureFactory(
        project=project,
        name="Patients screened for sepsis within an hour of arrival",
        data_type="proportion",
        chart="p",
        rules="anhoej",
        unit="%",
        multiplier=100,
        target=0.9,
    )
    weeks = [MONDAY + timedelta(weeks=i) for i in range(20)] + [LATER, LATER + timedelta(weeks=1)]
    rows = [
        {"period": week.isoformat(), "numerator": 28 + i % 5, "denominator": 40}
        for i, week in enumerate(weeks)
    ]
    data_points_upsert(by=wessex_lead, measure=measure, rows=rows)
    idea = ChangeIdeaFactory(project=project)
    PDSACycleFactory(change_idea=idea, title="Early trial", start_date=date(2014, 3, 3))
    PointNote.objects.create(
        measure=measure,
        period=MONDAY + timedelta(weeks=4),
        text="Agency staff",
        created_by=wessex_lead,
    )
    return measure


def _chart(page) -> dict:
    return page.evaluate(
        """() => {
          const img = document.querySelector('figure.app-chart img');
          const box = img.getBoundingClientRect();
          return {src: img.currentSrc, natural: img.naturalWidth, width: box.width,
                  left: box.left, right: box.right};
        }"""
    )


def test_the_chart_reads_at_desktop_and_phone_widths(page, sign_in, national_viewer, screening):
    sign_in(national_viewer.username)
    for width, narrow in ((1280, False), (390, True)):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(screening.get_absolute_url())
        figure = page.locator("figure.app-chart")
        expect(figure).to_contain_text("22 weeks of data, 1 January 2024 to 9 June 2025")
        expect(page.locator("#chart-outside")).to_contain_text(
            "Before the charted period: PDSA cycle 1 “Early trial” (March 2014)."
        )
        page.wait_for_function("document.querySelector('figure.app-chart img').naturalWidth > 0")
        chart = _chart(page)
        assert ("size=narrow" in chart["src"]) is narrow, chart
        assert chart["left"] >= 0 and chart["right"] <= width, chart
        if narrow:
            # Drawn 360 px wide, so shown at (nearly) its own size: 9 pt labels stay 12 px.
            assert chart["natural"] == 360 and chart["width"] >= 0.9 * 360, chart
        table = page.get_by_role("region", name="Each point with its centre line")
        expect(table).to_have_attribute("tabindex", "0")
        expect(table.get_by_role("columnheader", name="Notes")).to_be_visible()
        expect(table).to_contain_text("1. Agency staff")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, "scrolls sideways"
        assert axe_violations(page) == []
