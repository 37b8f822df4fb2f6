"""The Making Data Count summary page, its files and its API agree: a region lists every
measure of the projects it leads and no other region's, the matrix counts add up and each
cell lists exactly its measures, and only measures the reader may see appear."""

import csv
import io
import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from measurement.models import DataPoint, Measure
from tests.factories import (
    MeasureFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ProgrammeMemberFactory,
    ProjectFactory,
    region,
)

pytestmark = pytest.mark.django_db

PAGE = reverse("dashboards:mdc_summary")
API = "/api/v1/measures/summary/"
READINGS = [
    ("special_cause_concern", "consistent_fail"),
    ("special_cause_concern", ""),
    ("special_cause_improvement", "consistent_pass"),
    ("common_cause", "inconsistent"),
    ("common_cause", "inconsistent"),
    ("", ""),
]


@pytest.fixture
def wessex_measures():
    project = ProjectFactory(title="Wessex falls", lead_region=region("wessex"))
    other = ProjectFactory(title="Wessex sepsis", lead_region=region("wessex"), topic="sepsis")
    measures = [
        MeasureFactory(
            project=project if n % 2 else other,
            name=f"Wessex measure {n}",
            variation=variation,
            assurance=assurance,
            target=10.0 if assurance else None,
        )
        for n, (variation, assurance) in enumerate(READINGS)
    ]
    for n, measure in enumerate(measures):
        DataPoint.objects.create(measure=measure, period=date(2026, 11, 2), value=n + 0.5)
    return measures


@pytest.fixture
def oxford_measure():
    project = ProjectFactory(title="Oxford falls", lead_region=region("oxford"))
    return MeasureFactory(project=project, name="=Oxford measure", variation="common_cause")


def _names_on_page(html: str) -> list[str]:
    table = html.split('<h2 id="measures">', 1)[1]
    return [unescape(n) for n in re.findall(r'<a href="/measures/\d+/">([^<]+)</a>', table)]


def _csv_names(response) -> list[str]:
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    return [row[1] for row in rows[1:]]


def test_a_region_lists_every_measure_of_its_projects_and_no_other_regions(
    client_for, wessex_lead, wessex_measures, oxford_measure
):
    html = client_for(wessex_lead).get(PAGE, {"region": "wessex"}).content.decode()
    assert sorted(_names_on_page(html)) == sorted(m.name for m in wessex_measures)
    assert "Oxford measure" not in html
    assert "<h1>Measures: Wessex</h1>" in html


def test_the_matrix_counts_add_up_and_each_cell_lists_exactly_its_measures(
    client_for, national_viewer, wessex_measures, oxford_measure
):
    client = client_for(national_viewer)
    html = client.get(PAGE).content.decode()
    matrix = html.split('<h2 id="measures">', 1)[0]
    cells = re.findall(r'<a href="([^"]+)#measures" aria-label="(\d+) measures?: ', matrix)
    counts = [int(n) for _, n in cells]
    assert sum(counts) == Measure.objects.count() == 7
    assert f"<strong>{7}</strong>" in matrix
    for href, count in cells:
        listed = _names_on_page(client.get(href.replace("&amp;", "&")).content.decode())
        query = dict(pair.split("=") for pair in href.split("?", 1)[1].split("&amp;"))
        variation = "" if query["variation"] == "none" else query["variation"]
        assurance = "" if query["assurance"] == "none" else query["assurance"]
        expected = Measure.objects.filter(variation=variation, assurance=assurance)
        assert sorted(listed) == sorted(m.name for m in expected)
        assert len(listed) == int(count)


def test_icons_come_with_their_words(client_for, wessex_lead, wessex_measures):
    html = client_for(wessex_lead).get(PAGE, {"region": "wessex"}).content.decode()
    rows = html.split('<h2 id="measures">', 1)[1]
    assert rows.count('class="app-mdc-icon"') >= 5
    assert "<span>Special cause concern</span>" in rows
    assert "<span>Consistently misses the target</span>" in rows
    assert "<span>Not enough data yet</span>" in rows
    assert "<span>Not assessed</span>" in rows


def test_sorting_by_a_column_either_way_with_aria_sort(client_for, wessex_lead, wessex_measures):
    client = client_for(wessex_lead)
    up = client.get(PAGE, {"region": "wessex", "sort": "latest"}).content.decode()
    down = client.get(PAGE, {"region": "wessex", "sort": "-latest"}).content.decode()
    names = [m.name for m in wessex_measures]  # values rise with n
    assert _names_on_page(up) == names
    assert _names_on_page(down) == names[::-1]
    assert re.search(r'aria-sort="ascending">\s*<a href="[^"]*sort=-latest', up)
    assert re.search(r'aria-sort="descending">\s*<a href="[^"]*sort=latest', down)


def test_filters_by_topic_programme_and_organisation(client_for, wessex_lead, wessex_measures):
    client = client_for(wessex_lead)
    sepsis = _names_on_page(client.get(PAGE, {"topic": "sepsis"}).content.decode())
    assert sorted(sepsis) == sorted(m.name for m in wessex_measures if m.project.topic == "sepsis")
    programme = ProgrammeFactory(slug="falls-together")
    ProgrammeMemberFactory(programme=programme, project=wessex_measures[1].project)
    listed = _names_on_page(client.get(PAGE, {"programme": "falls-together"}).content.decode())
    assert sorted(listed) == sorted(
        m.name for m in wessex_measures if m.project == wessex_measures[1].project
    )
    organisation = OrganisationFactory(ods_code="RHM99", name="Southampton Test Trust")
    wessex_measures[0].project.organisations.add(organisation)
    listed = _names_on_page(client.get(PAGE, {"organisation": "RHM99"}).content.decode())
    assert sorted(listed) == sorted(
        m.name for m in wessex_measures if m.project == wessex_measures[0].project
    )


def test_a_choice_not_offered_says_so_and_the_other_filters_apply(
    client_for, wessex_lead, wessex_measures, oxford_measure
):
    response = client_for(wessex_lead).get(PAGE, {"region": "wessex", "variation": "sideways"})
    html = response.content.decode()
    assert "There is a problem" in html
    assert sorted(_names_on_page(html)) == sorted(m.name for m in wessex_measures)


def test_htmx_gets_the_results_alone(client_for, wessex_lead, wessex_measures):
    response = client_for(wessex_lead).get(PAGE, {"region": "wessex"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<h1>" not in html and 'id="matrix"' in html
    assert "HX-Request" in response["Vary"]


def test_csv_xlsx_and_api_rows_agree_with_the_page(
    client_for, wessex_lead, wessex_measures, oxford_measure
):
    client = client_for(wessex_lead)
    query = {"region": "wessex", "sort": "-latest"}
    page = _names_on_page(client.get(PAGE, query).content.decode())
    as_csv = client.get(reverse("dashboards:mdc_summary_download", args=["csv"]), query)
    assert as_csv["Content-Type"].startswith("text/csv")
    assert _csv_names(as_csv) == page
    as_xlsx = client.get(reverse("dashboards:mdc_summary_download", args=["xlsx"]), query)
    sheet = load_workbook(io.BytesIO(as_xlsx.content))["Measures"]
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == page
    api = client.get(API, query).json()
    assert api["count"] == len(page)
    assert [row["measure_name"] for row in api["results"]] == page
    first = api["results"][0]
    assert first["latest_value"] == 5.5 and first["variation_words"] == "Not enough data yet"


def test_downloads_never_run_text_as_a_formula(client_for, national_viewer, oxford_measure):
    client = client_for(national_viewer)
    url = reverse("dashboards:mdc_summary_download", args=["csv"])
    assert "'=Oxford measure" in client.get(url).content.decode()
    xlsx = client.get(reverse("dashboards:mdc_summary_download", args=["xlsx"]))
    cell = load_workbook(io.BytesIO(xlsx.content))["Measures"]["B2"]
    assert (cell.value, cell.data_type) == ("=Oxford measure", "s")


def test_the_page_and_api_show_only_measures_the_reader_may_see(
    client_for, wessex_lead, wessex_measures, oxford_measure, monkeypatch
):
    from reporting.mdc_summary import filters

    visible = Measure.objects.filter(pk__in=[wessex_measures[0].pk, oxford_measure.pk])
    monkeypatch.setattr(filters, "measures_visible_to", lambda user: visible)
    client = client_for(wessex_lead)
    page = _names_on_page(client.get(PAGE).content.decode())
    assert sorted(page) == sorted([wessex_measures[0].name, "=Oxford measure"])
    api = client.get(API).json()
    assert sorted(r["measure_id"] for r in api["results"]) == sorted(m.pk for m in visible)


def test_signed_out_the_page_asks_to_sign_in_and_the_api_refuses(client, wessex_measures):
    assert client.get(PAGE).status_code == 302
    assert client.get(API).status_code == 401


def test_the_api_refuses_a_choice_it_does_not_offer(client_for, wessex_lead):
    response = client_for(wessex_lead).get(API, {"assurance": "maybe"})
    assert response.status_code == 400
    assert "assurance" in str(response.json())
    response = client_for(wessex_lead).get(API, {"ordering": "-colour"})
    assert response.status_code == 400 and "ordering" in str(response.json())
    ordered = client_for(wessex_lead).get(API, {"ordering": "-measure"})
    assert ordered.status_code == 200


def test_an_unknown_sort_on_the_page_falls_back_to_variation(
    client_for, wessex_lead, wessex_measures
):
    response = client_for(wessex_lead).get(PAGE, {"region": "wessex", "sort": "colour"})
    html = response.content.decode()
    assert "There is a problem" not in html
    concern_first = {wessex_measures[0].name, wessex_measures[1].name}  # concern, either project
    assert set(_names_on_page(html)[:2]) == concern_first
    assert 'aria-sort="ascending">' in html and 'name="sort"' not in html


def test_the_page_costs_the_same_queries_however_many_measures(
    client_for, national_viewer, django_assert_max_num_queries
):
    client = client_for(national_viewer)
    MeasureFactory()
    client.get(PAGE)
    with django_assert_max_num_queries(12) as few:
        client.get(PAGE)
    MeasureFactory.create_batch(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(PAGE)
    with django_assert_max_num_queries(len(few.captured_queries) + 2):
        client.get(API)


def test_the_dashboards_and_a_programme_page_link_to_the_summary(client_for, wessex_lead):
    client = client_for(wessex_lead)
    national = client.get(reverse("dashboards:national")).content.decode()
    assert f'href="{PAGE}"' in national
    wessex = client.get(reverse("dashboards:region", args=["wessex"])).content.decode()
    assert f'href="{PAGE}?region=wessex"' in wessex
    programme = ProgrammeFactory(slug="falls-together")
    page = client.get(programme.get_absolute_url()).content.decode()
    assert f'href="{PAGE}?programme=falls-together"' in page


def test_a_long_list_comes_in_pages_that_keep_the_filters(client_for, wessex_lead):
    project = ProjectFactory(lead_region=region("wessex"))
    MeasureFactory.create_batch(53, project=project, variation="common_cause")
    client = client_for(wessex_lead)
    first = client.get(PAGE, {"region": "wessex", "sort": "measure"}).content.decode()
    assert len(_names_on_page(first)) == 50
    assert "Page 1 of 2" in first
    assert "region=wessex&amp;sort=measure&amp;page=2#measures" in first
    second = client.get(PAGE, {"region": "wessex", "sort": "measure", "page": 2}).content
    assert len(_names_on_page(second.decode())) == 3
    assert "53 measures by variation and assurance" in second.decode()
