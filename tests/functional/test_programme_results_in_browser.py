"""A programme lead reads the results of a collaborative of three teams from two regions in
Chromium, with axe at 1280 and 390 px: each team's small multiple of the shared proportion
measure, the collaborative's chart with its sessions, its table of Σ numerators / Σ
denominators, and the progress scores by month."""

import os
from datetime import date, timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from learning.models import SharedMeasure
from measurement.models import DataPoint, StandardMeasure
from projects.models import ProgressScore
from tests.factories import (
    LearningSessionFactory,
    MeasureFactory,
    ProgrammeFactory,
    ProgrammeMemberFactory,
    ProjectFactory,
    region,
)
from tests.functional.conftest import assert_accessible_at_both_widths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST_WEEK = date(2016, 7, 4)  # a Monday
# Each team's (numerator, denominator) a week; Ward C joins the data a week late.
WEEKS = {
    ("Ward A", "wessex"): [(4, 10), (5, 10), (6, 10), (7, 10), (8, 10), (9, 10)],
    ("Ward B", "wessex"): [(10, 40), (12, 40), (15, 40), (20, 40), (24, 40), (30, 40)],
    ("Ward C", "oxford"): [None, (5, 25), (8, 25), (10, 25), (15, 25), (20, 25)],
}


@pytest.fixture
def collaborative(wessex_lead):
    programme = ProgrammeFactory(
        name="Sepsis screening collaborative",
        slug="sepsis-screening",
        start_date=date(2016, 6, 1),
        end_date=date(2016, 11, 30),
        leads=[wessex_lead],
        lead_regions=["wessex", "oxford"],
    )
    standard = StandardMeasure.objects.create(
        name="Patients screened for sepsis",
        slug="sepsis-screened",
        kind="process",
        data_type="proportion",
        chart="p",
        rules="mdc",
        improvement="increase",
        unit="%",
        multiplier=100,
    )
    SharedMeasure.objects.create(programme=programme, standard=standard)
    for (title, region_slug), weeks in WEEKS.items():
        project = ProjectFactory(title=title, lead_region=region(region_slug))
        ProgrammeMemberFactory(programme=programme, project=project)
        measure = MeasureFactory(
            project=project,
            standard=standard,
            name=standard.name,
            data_type="proportion",
            chart="p",
            rules="mdc",
            unit="%",
            multiplier=100,
            variation="special_cause_improvement",
        )
        DataPoint.objects.bulk_create(
            DataPoint(
                measure=measure, period=FIRST_WEEK + timedelta(weeks=i), numerator=n, denominator=d
            )
            for i, (n, d) in ((i, week) for i, week in enumerate(weeks) if week)
        )
        ProgressScore.objects.create(
            project=project, score=Decimal("1.5"), recorded_on=date(2016, 6, 10)
        )
    ward_a = programme.members.get(project__title="Ward A").project
    ProgressScore.objects.create(project=ward_a, score=Decimal("3.0"), recorded_on=date(2016, 8, 3))
    LearningSessionFactory(programme=programme, title="Launch", held_on=date(2016, 6, 15))
    LearningSessionFactory(programme=programme, title="Second session", held_on=date(2016, 8, 17))
    return programme


def _expected_rows() -> list[tuple[str, int, str]]:
    """(week, teams reporting, Σn/Σd as the table writes it), from the data created above."""
    rows = []
    for i in range(6):
        weeks = [weeks[i] for weeks in WEEKS.values() if weeks[i]]
        numerator, denominator = sum(n for n, _ in weeks), sum(d for _, d in weeks)
        share = numerator / denominator * 100
        shown = f"{share:.1f}".removesuffix(".0") + "%"
        rows.append((f"{(FIRST_WEEK + timedelta(weeks=i)):%-d %B %Y}", len(weeks), shown))
    return rows


def test_a_programme_lead_reads_the_small_multiples_the_collaborative_and_progress_scores(
    page, sign_in, wessex_lead, collaborative
):
    sign_in(wessex_lead.username)
    page.goto(f"/programmes/{collaborative.slug}/results/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sepsis screening collaborative: results"
    )

    cards = page.locator(".app-small-multiples > li")
    expect(cards).to_have_count(3)
    for (title, _), card in zip(WEEKS, cards.all(), strict=True):
        expect(card.get_by_role("heading", name=title)).to_be_visible()
        expect(card.locator("svg.app-small-multiple")).to_be_visible()
        expect(card).to_contain_text("Variation: Special cause improvement")
    expect(cards.nth(2)).to_contain_text("Led by Oxford")
    # One scale for all: the same gridlines on every team's chart.
    ticks = [c.locator("svg.app-small-multiple text").all_inner_texts() for c in cards.all()]
    assert ticks[0] == ticks[1] == ticks[2]

    chart = page.locator("svg.app-collaborative-chart.app-results-chart--wide")
    expect(chart).to_be_visible()
    expect(chart.locator("text", has_text="LS1")).to_have_count(1)
    expect(chart.locator("text", has_text="LS2")).to_have_count(1)
    expect(chart).to_contain_text("Action period 1")
    box = chart.bounding_box()
    assert box["width"] > 500

    page.get_by_text("The collaborative's figures for Patients screened for sepsis").click()
    table = page.locator("#measure-1-table")
    expect(table).to_be_visible()
    for week, teams, share in _expected_rows():
        row = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=week))
        expect(row.get_by_role("cell").nth(0)).to_have_text(str(teams))
        expect(row.get_by_role("cell").nth(3)).to_have_text(share)

    progress = page.locator("svg.app-progress-chart")
    expect(progress).to_be_visible()
    page.get_by_text("Progress scores by month as a table").click()
    scores = page.locator("#progress-table")
    august = scores.get_by_role("row").filter(has=page.get_by_role("rowheader", name="August 2016"))
    expect(august).to_contain_text("3.0: 1; 1.5: 2")
    expect(august.get_by_role("cell").nth(2)).to_have_text("2.0")

    if os.environ.get("RESULTS_SCREENSHOT"):
        page.screenshot(path=os.environ["RESULTS_SCREENSHOT"], full_page=True)
    assert_accessible_at_both_widths(page, "the programme results")
    page.set_viewport_size({"width": 390, "height": 844})
    # A phone gets the collaborative's chart drawn for its width, at full size.
    expect(chart).to_be_hidden()
    narrow = page.locator("svg.app-collaborative-chart.app-results-chart--narrow")
    expect(narrow).to_be_visible()
    assert narrow.bounding_box()["width"] > 350  # drawn 360 wide: shown at (nearly) its size
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page fits a phone's width"
    if os.environ.get("RESULTS_SCREENSHOT"):
        page.screenshot(path=os.environ["RESULTS_SCREENSHOT"] + ".narrow.png", full_page=True)
