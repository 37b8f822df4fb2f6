import importlib
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from measurement.models import StandardMeasure
from measurement.services.data import data_points_upsert
from measurement.services.measures import measure_adopt
from tests.factories import ProjectFactory, region
from tests.functional.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST_MONDAY = date(2016, 4, 4)
FALLS = [6, 7, 5, 6, 8, 6, 7, 5, 6, 7, 3, 2, 3, 2, 2, 3, 2, 1, 2, 3]


@pytest.fixture(autouse=True)
def the_library(fifteen_regions):
    """The library and care settings come from migrations, which browser tests' teardown
    empties; re-create them with the migrations' own (idempotent) code."""
    from django.apps import apps

    for module, create in [
        ("measurement.migrations.0002_national_measure_library", "create_library"),
        ("projects.migrations.0002_care_settings", "create_care_settings"),
    ]:
        getattr(importlib.import_module(module), create)(apps, None)


def adopt_with_data(lead, title: str, falls: list[int]):
    standard = StandardMeasure.objects.get(slug="falls-per-1000-bed-days")
    project = ProjectFactory(title=title, lead_region=region("wessex"))
    measure = measure_adopt(by=lead, project=project, standard=standard)
    rows = [
        {
            "period": (FIRST_MONDAY + timedelta(weeks=n)).isoformat(),
            "numerator": count,
            "denominator": 1400,
        }
        for n, count in enumerate(falls)
    ]
    data_points_upsert(by=lead, measure=measure, rows=rows)


@pytest.mark.slow
def test_a_national_viewer_compares_the_projects_using_a_standard_measure(
    page, sign_in, wessex_lead, national_viewer
):
    adopt_with_data(wessex_lead, "Falls on the older people's wards", FALLS)
    adopt_with_data(wessex_lead, "Falls in community hospitals", FALLS[:10])
    sign_in("nhsi.viewer")

    page.goto("/measures/library/")
    assert page.get_by_role("heading", name="National measure library").is_visible()
    assert page.locator("tbody tr").count() == 10
    assert axe_violations(page) == []

    page.get_by_role("link", name="Falls per 1,000 bed-days").click()
    expect(page.get_by_role("heading", name="Falls per 1,000 bed-days", level=1)).to_be_visible()
    assert page.get_by_text("Incident reporting system and ward bed-day census").is_visible()
    assert page.get_by_role("button", name="Adopt this measure").count() == 0
    cards = page.locator(".nhsuk-card-group__item")
    expect(cards).to_have_count(2)
    alts = page.locator(".nhsuk-card-group img").evaluate_all("imgs => imgs.map(i => i.alt)")
    assert sorted(alts) == [
        "Chart of Falls per 1,000 bed-days at Falls in community hospitals (Wessex): "
        "common cause variation.",
        "Chart of Falls per 1,000 bed-days at Falls on the older people's wards (Wessex): "
        "special cause improvement.",
    ]
    assert axe_violations(page) == []
