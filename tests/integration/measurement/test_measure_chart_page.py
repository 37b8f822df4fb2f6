"""The measure page's chart: honest axes, notes on points, display units, phone-sized drawing."""

import html
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from django.urls import reverse

from measurement.models import PointNote
from measurement.presenters.notes import numbered_notes
from measurement.services.data import data_points_upsert
from tests.factories import (
    ChangeIdeaFactory,
    MeasureFactory,
    PDSACycleFactory,
    ProjectFactory,
    region,
)

SVG = "{http://www.w3.org/2000/svg}"
MONDAY = date(2024, 1, 1)
LATER = date(2025, 6, 2)  # 55 weeks after the 20th week: a break in the line
SCREENED = [30, 31, 29, 30, 32, 30, 31, 29, 30, 31, 30, 32, 31, 30, 29, 31, 30, 32, 30, 31]


@pytest.fixture
def screening(db, wessex_lead):
    project = ProjectFactory(title="Sepsis on Wessex wards", lead_region=region("wessex"))
    measure = MeasureFactory(
        project=project,
        name="Patients screened for sepsis",
        data_type="proportion",
        chart="p",
        rules="anhoej",
        unit="%",
        multiplier=100,
        target=0.9,
    )
    weeks = [MONDAY + timedelta(weeks=i) for i in range(20)] + [LATER, LATER + timedelta(weeks=1)]
    rows = [
        {"period": week.isoformat(), "numerator": n, "denominator": 40}
        for week, n in zip(weeks, [*SCREENED, 34, 35], strict=True)
    ]
    data_points_upsert(by=wessex_lead, measure=measure, rows=rows)
    idea = ChangeIdeaFactory(project=project)
    PDSACycleFactory(change_idea=idea, title="Early trial", start_date=date(2014, 3, 3))
    PDSACycleFactory(
        change_idea=idea, title="Sepsis trolley", start_date=MONDAY + timedelta(weeks=3)
    )
    for period, text in (
        (LATER, "New e-obs system"),
        (MONDAY + timedelta(weeks=4), "Agency staff"),
    ):
        PointNote.objects.create(measure=measure, period=period, text=text, created_by=wessex_lead)
    measure.refresh_from_db()
    return measure


def _page(client, measure) -> str:
    return html.unescape(client.get(measure.get_absolute_url()).content.decode())


def _visible(body: str) -> str:
    """The page's text without its tags (and so without the image's alt text)."""
    return " ".join(re.sub(r"<[^>]+>", " ", body).split())


def test_notes_are_listed_in_period_order_in_one_query(
    screening, wessex_lead, django_assert_num_queries
):
    with django_assert_num_queries(1):
        notes = numbered_notes(screening)
    name = wessex_lead.get_full_name()
    assert [(n.number, n.text, n.by) for n in notes] == [
        (1, "Agency staff", name),
        (2, "New e-obs system", name),
    ]


def test_the_page_shows_the_target_in_display_units_and_the_charted_period(
    client_for, national_viewer, screening
):
    body = _page(client_for(national_viewer), screening)
    assert re.search(r"Target</dt>\s*<dd[^>]*>90%</dd>", body)
    text = _visible(body)
    assert "22 weeks of data, 1 January 2024 to 9 June 2025; no data for 54 weeks" in text
    assert "Before the charted period: PDSA cycle 1 “Early trial” (March 2014)." in text


def test_the_data_table_numbers_the_notes_as_the_chart_does_and_scrolls_on_a_phone(
    client_for, national_viewer, wessex_lead, screening
):
    body = _page(client_for(national_viewer), screening)
    assert re.search(
        r'class="app-scroll-table" role="region" aria-labelledby="data-caption" tabindex="0"', body
    )
    assert ">Notes</th>" in body
    name = wessex_lead.get_full_name()
    assert f"1. Agency staff ({name}," in body
    assert f"2. New e-obs system ({name}," in body
    assert "2 notes on points, numbered as in the data table." in body  # the image's alt text


def test_the_assurance_sentence_is_printed_once(client_for, national_viewer, screening):
    screening.rules = "mdc"
    screening.chart = "xmr"
    screening.improvement = "increase"
    screening.save()
    text = _visible(_page(client_for(national_viewer), screening))
    assert text.count("The target of 90%") == 1


def test_the_chart_draws_the_notes_the_break_and_the_target_in_display_units(
    client_for, national_viewer, screening
):
    url = reverse("measurement:measure_chart", args=[screening.pk, "svg"])
    root = ET.fromstring(client_for(national_viewer).get(url).content)
    ids = [g.get("id", "") for g in root.iter(f"{SVG}g")]
    assert any(i.endswith("-note-1") for i in ids) and any(i.endswith("-note-2") for i in ids)
    assert any(i.endswith("-break-1") for i in ids)
    assert any(i.endswith("-pdsa-2") for i in ids) and not any(i.endswith("-pdsa-1") for i in ids)
    label = next(g for g in root.iter(f"{SVG}g") if g.get("id", "").endswith("-target-label"))
    assert "".join(label.itertext()).split() == ["Target", "90%"]


def test_phones_get_a_narrow_chart(client_for, national_viewer, screening):
    client = client_for(national_viewer)
    body = _page(client, screening)
    source = re.search(r'<source media="\(max-width: [\d.]+em\)" srcset="([^"]+)"', body)
    assert source and "size=narrow" in source.group(1)
    narrow = ET.fromstring(client.get(source.group(1)).content)
    assert narrow.get("width") == "270pt"


def test_a_new_note_changes_the_charts_address(client_for, national_viewer, screening):
    client = client_for(national_viewer)
    before = re.search(r'<img src="([^"]+)"', _page(client, screening)).group(1)
    PointNote.objects.create(measure=screening, period=MONDAY, text="Audit week")
    after = re.search(r'<img src="([^"]+)"', _page(client, screening)).group(1)
    assert before != after
    root = ET.fromstring(client.get(after).content)
    assert any(g.get("id", "").endswith("-note-3") for g in root.iter(f"{SVG}g"))
