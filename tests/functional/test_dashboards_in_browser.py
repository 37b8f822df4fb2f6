import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from regions.models import Region
from reporting.models import RollupFigure, RollupRun
from tests.functional.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def store(scope: str, year: str, quarter: int, metrics: dict) -> None:
    RollupFigure.objects.bulk_create(
        [
            RollupFigure(
                scope=scope, financial_year=year, quarter=quarter, metric=metric, value=value
            )
            for metric, value in metrics.items()
        ]
    )


@pytest.fixture
def figures(fifteen_regions):
    """Two years of national and regional figures, with quarters, as a rollup run stores them."""
    for year, scale in (("2016-17", 1), ("2017-18", 2)):
        store(
            "national",
            year,
            0,
            {
                "staff_trained.total": 10150 * scale,
                "patients_trained": 400,
                "projects_started": 451 * scale,
                "organisations_engaged.total": 1575,
                "organisations_engaged.care_home": 333,
            },
        )
        for quarter in (1, 2, 3, 4):
            store(
                "national",
                year,
                quarter,
                {"staff_trained.total": 2000 * scale + quarter, "projects_started": 100 + quarter},
            )
        for n, slug in enumerate(Region.objects.order_by("slug").values_list("slug", flat=True)):
            store(
                slug,
                year,
                0,
                {"staff_trained.total": 500 + (n * 7) % 15 * 20, "projects_started": 20 + n},
            )
    RollupRun.objects.create(
        kind=RollupRun.Kind.FULL, finished_at=timezone.now(), scopes_done=32, scopes_total=32
    )


@pytest.mark.slow
def test_a_national_viewer_filters_sorts_and_opens_a_region(
    page, sign_in, national_viewer, figures
):
    sign_in("nhsi.viewer")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", name="National dashboard", level=1)).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_label("Financial year").select_option(label="2016/17")
    page.get_by_role("button", name="Show figures").click()
    expect(
        page.get_by_text("We trained 10,150 people in 2016/17, including 400 patients and carers.")
    ).to_be_visible()
    page.get_by_label("Period").select_option(label="Q2 (July to September)")
    page.get_by_role("button", name="Show figures").click()
    expect(
        page.get_by_text("We trained 2,002 people in Q2 2016/17 (July to September 2016).")
    ).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_label("Period").select_option(label="Whole year")
    page.get_by_role("button", name="Show figures").click()
    table = page.locator("table", has=page.get_by_role("columnheader", name=re.compile("Region")))
    expect(table.locator("tbody tr")).to_have_count(15)
    table.get_by_role("link", name=re.compile(r"^People trained")).click()
    header = page.get_by_role("columnheader", name=re.compile(r"^People trained"))
    expect(header).to_have_attribute("aria-sort", "descending")
    trained = [
        int(text.replace(",", ""))
        for text in table.locator("tbody tr td:nth-child(5)").all_inner_texts()
    ]
    assert trained == sorted(trained, reverse=True)
    assert axe_violations(page) == []

    top = table.locator("tbody tr").first.get_by_role("link")
    name = top.inner_text()
    top.click()
    expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()
    expect(page.get_by_text(f"{name}'s figures for 2016/17.")).to_be_visible()
    page.get_by_text("Numbers for People trained").click()
    expect(page.get_by_role("table", name="People trained by quarter")).to_be_visible()
    assert axe_violations(page) == []


@pytest.mark.slow
def test_a_national_admin_refreshes_the_figures(page, sign_in, national_admin, figures):
    sign_in("nhsi.admin")
    page.goto("/dashboard/")
    page.get_by_role("button", name="Refresh all figures now").click()
    expect(page.get_by_text("A full refresh of the figures has started.")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("The last full refresh finished at")
    assert axe_violations(page) == []


def test_a_regional_lead_is_refused_another_regions_dashboard(page, sign_in, wessex_lead):
    sign_in("lead.wessex")
    page.goto("/dashboard/oxford/")
    expect(page.get_by_role("heading", name="You cannot do that")).to_be_visible()
    expect(
        page.get_by_text(
            "Only Oxford's regional leads and national users can see Oxford's dashboard."
        )
    ).to_be_visible()
    assert axe_violations(page) == []
