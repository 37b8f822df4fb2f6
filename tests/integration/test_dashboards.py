"""The national and regional dashboards: stored figures in sentences, tiles, tables, trends and
downloads; filters; who may see which region; the admin's full refresh."""

import csv
import html
import io
import re
import time
from datetime import date, timedelta
from html.parser import HTMLParser

import openpyxl
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from measurement.models import Measure
from projects.models import ProjectStatus, Topic
from regions.models import (
    ChampionRecruitment,
    Organisation,
    OrganisationEngagement,
    OrganisationType,
    Region,
    TrainingRecord,
)
from reporting import tasks
from reporting.models import RollupFigure, RollupRun
from reporting.rollups.service import record_new_versions, rollup_full
from tests.factories import MeasureFactory, OrganisationFactory, ProjectFactory, region

NATIONAL = reverse("dashboards:national")
YEAR = "2016-17"

# The programme's published figures for 2016/17 (shared/README.md).
PUBLISHED = {
    "champions_recruited.total": 1972,
    "organisations_engaged.total": 1575,
    "organisations_engaged.care_home": 333,
    "organisations_engaged.primary_care": 635,
    "organisations_engaged.provider": 219,
    "organisations_engaged.other": 388,
    "projects_started": 451,
    "projects_completed": 170,
    "projects_active": 269,
    "projects_started.topic.falls": 26,
    "projects_active.topic.falls": 17,
    "staff_trained.total": 10150,
    "staff_trained.safety_culture": 4055,
    "staff_trained.safety_leadership": 936,
    "staff_trained.measurement": 3422,
    "staff_trained.qi_capability": 1737,
    "patients_trained": 400,
    "measures_improving": 6,
    "measures_concern": 3,
}


def store(scope: str, metrics: dict, year: str = YEAR, quarter: int = 0) -> None:
    """Figures as a run stores them: the rows, and a new version of their scope and year."""
    RollupFigure.objects.bulk_create(
        [
            RollupFigure(
                scope=scope, financial_year=year, quarter=quarter, metric=metric, value=value
            )
            for metric, value in metrics.items()
        ]
    )
    record_new_versions(year, {scope})


def region_figures(n: int) -> dict:
    """Different figures for each region, in an order unlike their names'."""
    return {
        "projects_started": 20 + n,
        "projects_completed": 5 + (n * 7) % 15,
        "projects_active": 10 + (n * 4) % 15,
        "staff_trained.total": 400 + (n * 11) % 15 * 37,
        "champions_recruited.total": 100 + n,
        "organisations_engaged.total": 90 + n,
        "projects_started.topic.falls": n % 3,
    }


@pytest.fixture
def figures(db):
    """The published national figures, each region's own, a quarter and a later year."""
    store("national", PUBLISHED)
    store("national", {"staff_trained.total": 2100, "projects_started": 120}, quarter=1)
    store("national", {"staff_trained.total": 3000, "projects_started": 99}, year="2017-18")
    for n, slug in enumerate(Region.objects.order_by("slug").values_list("slug", flat=True)):
        store(slug, region_figures(n))
    RollupRun.objects.create(
        kind=RollupRun.Kind.FULL, finished_at=timezone.now(), scopes_done=32, scopes_total=32
    )


class Tables(HTMLParser):
    """Every table's rows as lists of cell texts, header cells included."""

    def __init__(self, text: str):
        super().__init__()
        self.tables, self.row, self.cell = [], None, None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr":
            self.tables[-1].append(self.row)

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def region_table(body: str) -> list[list[str]]:
    return next(t for t in Tables(body).tables if t and t[0] and t[0][0].startswith("Region"))


def option(body: str, value: str, text: str = "", selected: bool = False) -> bool:
    chosen = r"\s+selected" if selected else r"(\s+selected)?"
    label = re.escape(text) or "[^<]*"
    return bool(re.search(rf'<option value="{value}"{chosen}\s*>{label}<', body))


def number(text: str) -> int | None:
    return None if text in ("–", "") else int(text.replace(",", ""))


# Headline figures ----------------------------------------------------------------------------


def test_the_national_dashboard_writes_the_published_figures_as_sentences(
    client_for, national_viewer, figures
):
    body = page(client_for(national_viewer), f"{NATIONAL}?year={YEAR}")
    for sentence in [
        "We trained 10,150 people in 2016/17, including 400 patients and carers.",
        "Of them, 4,055 were trained in safety culture, 936 in safety leadership, 3,422 in "
        "measurement and 1,737 in QI capability.",
        "We recruited 1,972 patient safety champions, Q fellows and QI experts in 2016/17.",
        "We engaged 1,575 organisations in 2016/17, including 333 care homes, 635 in primary "
        "care and 219 providers.",
        "We started 451 QI projects in 2016/17 and completed 170.",
        "At the end of 2016/17, 269 QI projects were active.",
        "At the end of 2016/17, 6 measures showed special cause improvement and 3 special cause "
        "concern.",
    ]:
        assert sentence in body
    for value, label in [
        ("10,150", "people trained"),
        ("1,972", "champions"),
        ("1,575", "organisations engaged"),
        ("451", "QI projects started"),
        ("170", "QI projects completed"),
    ]:
        assert re.search(rf">{value}</span> {label}", body), label


def test_the_dashboard_breaks_down_organisations_engaged_by_type(
    client_for, national_viewer, figures
):
    body = page(client_for(national_viewer), f"{NATIONAL}?year={YEAR}")
    table = next(t for t in Tables(body).tables if t[0] == ["Type", "Organisations"])
    assert table[1:] == [
        ["Care homes", "333"],
        ["Primary care", "635"],
        ["Providers (NHS trusts)", "219"],
        ["Other organisations", "388"],
        ["Total", "1,575"],
    ]


def test_the_dashboard_shows_when_the_figures_were_last_refreshed(
    client_for, frontline_member, figures
):
    body = page(client_for(frontline_member), NATIONAL)
    assert "Figures last refreshed at " in body


def test_without_figures_the_dashboard_says_they_are_not_computed_yet(client_for, national_viewer):
    body = page(client_for(national_viewer), NATIONAL)
    assert "The figures have not been computed yet." in body


def test_the_default_year_is_the_latest_that_has_ended(client_for, national_viewer, figures):
    store("national", {"projects_started": 1}, year="2099-00")
    body = page(client_for(national_viewer), NATIONAL)
    assert "England's figures for 2017/18." in body
    assert "We trained 3,000 people in 2017/18." in body


# The region table ----------------------------------------------------------------------------


def test_the_region_table_has_a_row_for_each_of_the_fifteen_regions_and_england(
    client_for, national_viewer, figures
):
    table = region_table(page(client_for(national_viewer), f"{NATIONAL}?year={YEAR}"))
    names = [row[0] for row in table[1:-1]]
    assert names == sorted(Region.objects.values_list("name", flat=True), key=str.casefold)
    assert len(names) == 15
    assert table[-1][:4] == ["England", "451", "170", "269"]


def test_the_region_table_sorts_by_any_column_and_says_which(client_for, national_viewer, figures):
    client = client_for(national_viewer)
    body = page(client, f"{NATIONAL}?year={YEAR}&sort=-people_trained")
    trained = [number(row[4]) for row in region_table(body)[1:-1]]
    assert trained == sorted(trained, reverse=True) and len(set(trained)) > 1
    assert re.search(
        r'aria-sort="descending">\s*<a href="[^"]*sort=people_trained#regions">'
        r"People trained",
        body,
    )
    assert body.count("aria-sort=") == 1

    body = page(client, f"{NATIONAL}?year={YEAR}&sort=projects_completed")
    completed = [number(row[2]) for row in region_table(body)[1:-1]]
    assert completed == sorted(completed)
    assert 'aria-sort="ascending"' in body

    body = page(client, f"{NATIONAL}?year={YEAR}&sort=-region")
    names = [row[0] for row in region_table(body)[1:-1]]
    assert names == sorted(names, key=str.casefold, reverse=True)


def test_an_unknown_sort_falls_back_to_regions_a_to_z(client_for, national_viewer, figures):
    body = page(client_for(national_viewer), f"{NATIONAL}?year={YEAR}&sort=password")
    names = [row[0] for row in region_table(body)[1:-1]]
    assert names == sorted(names, key=str.casefold)
    assert re.search(r'aria-sort="ascending">\s*<a href="[^"]*sort=-region#regions">Region', body)


# Filters -------------------------------------------------------------------------------------


def test_the_year_and_quarter_filters_change_the_figures_shown(
    client_for, national_viewer, figures
):
    client = client_for(national_viewer)
    body = page(client, f"{NATIONAL}?year=2017-18")
    assert "We trained 3,000 people in 2017/18." in body
    assert "10,150" not in body.split("Regions")[0]
    body = page(client, f"{NATIONAL}?year={YEAR}&quarter=1")
    assert "We trained 2,100 people in Q1 2016/17 (April to June 2016)." in body
    assert "At the end of June 2016, 0 QI projects were active." in body
    assert option(body, "1", "Q1 (April to June)", selected=True)


def test_the_topic_filter_changes_the_project_figures_only_and_says_so(
    client_for, national_viewer, figures
):
    body = page(client_for(national_viewer), f"{NATIONAL}?year={YEAR}&topic=falls")
    assert "We started 26 QI projects on falls in 2016/17." in body
    assert "At the end of 2016/17, 17 QI projects on falls were active." in body
    assert "We trained 10,150 people in 2016/17" in body
    assert "Projects completed are not counted by topic" in body
    england = region_table(body)[-1]
    assert england[:4] == ["England", "26", "–", "17"]


def test_the_region_filter_leads_to_that_regions_dashboard(client_for, national_viewer, figures):
    response = client_for(national_viewer).get(f"{NATIONAL}?year={YEAR}&region=wessex&quarter=2")
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/wessex/?year=2016-17&quarter=2"


def test_the_filters_offer_the_stored_years_quarters_regions_and_topics(
    client_for, national_viewer, figures
):
    body = page(client_for(national_viewer), NATIONAL)
    assert option(body, "2016-17", "2016/17") and option(body, "2017-18", "2017/18")
    assert option(body, "3", "Q3 (October to December)")
    assert option(body, "wessex", "Wessex") and option(body, "oxford", "Oxford")
    assert option(body, "maternity_neonatal", "Maternity and neonatal")


# Who sees what -------------------------------------------------------------------------------


def test_a_regional_lead_sees_england_and_their_own_region_only(client_for, wessex_lead, figures):
    client = client_for(wessex_lead)
    body = page(client, f"{NATIONAL}?year={YEAR}")
    assert "We trained 10,150 people in 2016/17" in body
    assert [row[0] for row in region_table(body)[1:]] == ["Wessex", "England"]
    assert not option(body, "oxford")
    body = page(client, reverse("dashboards:region", args=["wessex"]) + f"?year={YEAR}")
    assert "Wessex trained " in body


def test_a_regional_lead_is_refused_another_regions_dashboard(client_for, wessex_lead, figures):
    response = client_for(wessex_lead).get(reverse("dashboards:region", args=["oxford"]))
    assert response.status_code == 403
    assert (
        "Only Oxford's regional leads and national users can see Oxford's dashboard."
        in html.unescape(response.content.decode())
    )


def test_a_national_viewer_sees_every_regions_dashboard(client_for, national_viewer, figures):
    client = client_for(national_viewer)
    for slug, name in Region.objects.values_list("slug", "name"):
        body = page(client, reverse("dashboards:region", args=[slug]) + f"?year={YEAR}")
        assert f"{name} started " in body


def test_a_frontline_member_sees_england_but_no_region(client_for, frontline_member, figures):
    client = client_for(frontline_member)
    body = page(client, f"{NATIONAL}?year={YEAR}")
    assert "We trained 10,150 people in 2016/17" in body
    assert "National users and each region's leads see the figures of each region here." in body
    assert 'name="region"' not in body
    assert client.get(reverse("dashboards:region", args=["wessex"])).status_code == 403
    download = client.get(reverse("dashboards:download", args=["csv"]) + "?scope=wessex")
    assert download.status_code == 403


def test_an_unknown_region_is_not_found(client_for, national_viewer):
    response = client_for(national_viewer).get(reverse("dashboards:region", args=["atlantis"]))
    assert response.status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(db, client):
    response = client.get(NATIONAL)
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")


# The regional dashboard ----------------------------------------------------------------------


def test_a_regional_dashboard_shows_its_figures_portfolio_and_signals(
    client_for, wessex_lead, figures
):
    wessex = region("wessex")
    falls = ProjectFactory(title="Falls on ward 7", lead_region=wessex)
    ProjectFactory(
        title="Sepsis screening",
        lead_region=wessex,
        topic=Topic.SEPSIS,
        status=ProjectStatus.COMPLETED,
        completed_on=date(2017, 3, 1),
    )
    ProjectFactory(title="Oxford's own", lead_region=region("oxford"))
    better = MeasureFactory(
        project=falls,
        name="Falls per 1,000 bed-days",
        variation="special_cause_improvement",
        assurance="consistent_pass",
    )
    worse = MeasureFactory(project=falls, name="Harm from falls", variation="special_cause_concern")
    MeasureFactory(project=falls, name="Ordinary", variation="common_cause")
    n = list(Region.objects.order_by("slug").values_list("slug", flat=True)).index("wessex")

    body = page(
        client_for(wessex_lead), reverse("dashboards:region", args=["wessex"]) + f"?year={YEAR}"
    )
    expected = region_figures(n)
    assert (
        f"Wessex started {expected['projects_started']} QI projects in 2016/17 and "
        f"completed {expected['projects_completed']}."
    ) in body
    portfolio = next(t for t in Tables(body).tables if t[0][0] == "Topic")
    assert ["Falls", "0", "1", "0", "0", "0", "1"] in portfolio  # none stalled
    assert ["Sepsis", "0", "0", "0", "1", "0", "1"] in portfolio
    assert portfolio[-1] == ["All topics", "0", "1", "0", "1", "0", "2"]
    assert 'href="/projects/?region=wessex&amp;topic=falls"' in html.escape(body, quote=False)
    assert f'href="{better.get_absolute_url()}">Falls per 1,000 bed-days' in body
    assert f'href="{worse.get_absolute_url()}">Harm from falls' in body
    assert "Consistently meets the target" in body
    assert "Ordinary" not in body


def test_a_regions_signals_come_a_page_at_a_time_keeping_the_filters(
    client_for, wessex_lead, figures
):
    project = ProjectFactory(title="Falls", lead_region=region("wessex"))
    for n in range(23):
        MeasureFactory(
            project=project, name=f"Improving {n:02d}", variation="special_cause_improvement"
        )
    MeasureFactory(project=project, name="Of concern", variation="special_cause_concern")
    url = reverse("dashboards:region", args=["wessex"]) + f"?year={YEAR}"
    client = client_for(wessex_lead)

    first = page(client, url)
    assert "Improving 19" in first and "Improving 20" not in first
    assert "Of concern" in first
    assert "Page 1 of 2 (23 in all)" in " ".join(first.split())
    assert f'href="?year={YEAR}&improvement_page=2#measures-special-cause-improvement"' in first
    second = page(client, f"{url}&improvement_page=2")
    assert "Improving 20" in second and "Improving 22" in second
    assert "Improving 19" not in second and "Of concern" in second


def test_a_regions_lists_are_kept_a_minute_whatever_the_figures_do(
    client_for, wessex_lead, figures, monkeypatch
):
    """The lists of projects and signals do not depend on the rollups: a run does not throw
    them away, and they are drawn again once they are a minute old."""
    project = ProjectFactory(title="Falls", lead_region=region("wessex"))
    measure = MeasureFactory(project=project, name="Falls a week", variation="common_cause")
    url = reverse("dashboards:region", args=["wessex"]) + f"?year={YEAR}"
    client = client_for(wessex_lead)
    assert "Falls a week" not in page(client, url)
    cached = queries_for(client, url, cached=True)
    assert cached < queries_for(client, url)
    Measure.objects.filter(pk=measure.pk).update(variation="special_cause_concern")
    store("wessex", {"measures_concern": 1})  # a run: the figures move on, the lists stay
    assert "Falls a week" not in page(client, url)
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 61)
    page(client, url)  # a minute on: drawn again after this response
    assert "Falls a week" in page(client, url)


def test_a_regions_lists_are_read_once_for_every_period_of_its_figures(
    client_for, wessex_lead, figures
):
    """The lists do not depend on the figures' filters: another year or quarter of the page
    draws its own HTML from the lists already read, and its links keep the new filters."""
    project = ProjectFactory(title="Falls", lead_region=region("wessex"))
    for n in range(25):  # two pages of signals
        MeasureFactory(project=project, name=f"Falls {n:02}", variation="special_cause_concern")
    client = client_for(wessex_lead)
    base = reverse("dashboards:region", args=["wessex"])
    page(client, f"{base}?year={YEAR}")
    with CaptureQueriesContext(connection) as captured:
        body = page(client, f"{base}?year=2017-18&quarter=1")
    assert not [q for q in captured if "measurement_measure" in q["sql"]]
    assert "Falls 00" in body and "Falls 24" not in body
    assert (
        "year=2017-18&amp;quarter=1&amp;concern_page=2"
        in client.get(f"{base}?year=2017-18&quarter=1").content.decode()
    )


def test_a_run_that_changes_one_region_leaves_another_regions_page_cached(
    client_for, national_viewer, figures
):
    client = client_for(national_viewer)
    wessex = reverse("dashboards:region", args=["wessex"]) + f"?year={YEAR}"
    oxford = reverse("dashboards:region", args=["oxford"]) + f"?year={YEAR}"

    def shown(url):  # the page without its per-request CSRF token
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page(client, url))

    wessex_before, oxford_before = shown(wessex), shown(oxford)
    oxford_cached = queries_for(client, oxford, cached=True)
    store("wessex", {"staff_trained.total": 9_999}, quarter=1)  # in its trend chart
    assert queries_for(client, oxford, cached=True) == oxford_cached  # still the cached copy
    assert shown(oxford) == oxford_before
    assert queries_for(client, wessex, cached=True) > oxford_cached  # drawn again
    assert shown(wessex) != wessex_before


def test_the_trend_charts_are_accessible_svg_with_their_numbers_in_tables(
    client_for, national_viewer, figures
):
    body = client_for(national_viewer).get(f"{NATIONAL}?year={YEAR}").content.decode()
    assert len(re.findall(r'<svg class="app-trend"[^>]* role="img" aria-labelledby=', body)) == 6
    assert '<title id="trend-national-staff-trained-title">People trained</title>' in body
    assert "Column chart of people trained in each quarter from Q1 2016/17" in html.unescape(body)
    assert "<?xml" not in body and "<style" not in body.split("<main")[1]
    numbers = next(
        t
        for t in Tables(html.unescape(body)).tables
        if t[0] == ["Year", "Q1", "Q2", "Q3", "Q4"] and "2,100" in t[1]
    )
    assert numbers[1] == ["2016/17", "2,100", "0", "0", "0"]


def test_the_dashboard_reads_figures_a_full_rollup_stored(client_for, national_viewer):
    home = Organisation.objects.create(
        name="Rose Court", type=OrganisationType.CARE_HOME, region=region("wessex")
    )
    TrainingRecord.objects.create(
        region=region("wessex"),
        date=date(2016, 5, 3),
        course="Safety culture day",
        training_type="safety_culture",
        people_trained=40,
        patients_trained=4,
    )
    ChampionRecruitment.objects.create(
        region=region("oxford"), date=date(2016, 9, 1), kind="q_fellow", count=7
    )
    OrganisationEngagement.objects.create(
        region=region("wessex"), organisation=home, first_engaged=date(2016, 6, 1), route="network"
    )
    ProjectFactory(start_date=date(2016, 6, 1))
    rollup_full()
    body = page(client_for(national_viewer), f"{NATIONAL}?year={YEAR}")
    assert "We trained 40 people in 2016/17, including 4 patients and carers." in body
    assert "We recruited 7 patient safety champions, Q fellows and QI experts" in body
    assert "We engaged 1 organisation in 2016/17, including 1 care home." in body
    assert "We started 1 QI project in 2016/17 and completed 0." in body


def test_editing_a_training_record_shows_on_a_dashboard_already_seen(client_for, national_viewer):
    record = TrainingRecord.objects.create(
        region=region("wessex"),
        date=date(2016, 5, 3),
        course="Safety culture day",
        training_type="safety_culture",
        people_trained=40,
        patients_trained=4,
    )
    rollup_full()
    client = client_for(national_viewer)
    url = f"{NATIONAL}?year={YEAR}"
    assert "We trained 40 people in 2016/17" in page(client, url)  # now cached
    record.people_trained = 41
    record.save()  # marks Wessex's 2016/17 pending
    tasks.rollup_incremental()  # as the task enqueued after commit does
    # Stale-while-revalidate: the first reader after the change gets the copy already drawn at
    # once, and the new one is drawn after that response; every reader after sees it.
    assert "We trained 40 people in 2016/17" in page(client, url)
    assert "We trained 41 people in 2016/17" in page(client, url)


# Downloads -----------------------------------------------------------------------------------


def download(client, file_format: str, query: str):
    response = client.get(reverse("dashboards:download", args=[file_format]) + query)
    assert response.status_code == 200
    return response


def test_the_csv_holds_the_numbers_the_page_shows(client_for, national_viewer, figures):
    client = client_for(national_viewer)
    query = f"?year={YEAR}&sort=-people_trained"
    table = region_table(page(client, f"{NATIONAL}{query}"))
    response = download(client, "csv", query)
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="psc-figures-2016-17.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert [row["Region"] for row in rows] == ["England"] + [row[0] for row in table[1:-1]]
    shown = {row[0]: [number(cell) for cell in row[1:]] for row in table[1:]}
    columns = [
        "QI projects started",
        "QI projects completed",
        "QI projects active at the end of the period",
        "People trained",
        "Patient safety champions, Q fellows and QI experts recruited",
        "Organisations engaged",
    ]
    for row in rows:
        assert [int(row[column]) for column in columns] == shown[row["Region"]]
    england = rows[0]
    assert england["Financial year"] == "2016/17" and england["Period"] == "2016/17"
    for column, value in [
        ("People trained: Safety culture / cultural awareness", 4055),
        ("People trained: Safety leadership", 936),
        ("People trained: Measurement for improvement", 3422),
        ("Of whom patients and carers", 400),
        ("Organisations engaged: Care homes", 333),
        ("Organisations engaged: Primary care", 635),
        ("Organisations engaged: Providers (NHS trusts)", 219),
    ]:
        assert int(england[column]) == value


def test_the_xlsx_holds_the_same_numbers_one_sheet_per_table(client_for, national_viewer, figures):
    client = client_for(national_viewer)
    query = f"?year={YEAR}&quarter=1&topic=falls"
    response = download(client, "xlsx", query)
    assert 'filename="psc-figures-2016-17-q1-falls.xlsx"' in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Figures",
        "Headline figures",
        "Organisations by type",
        "People trained by type",
        "About",
    ]
    csv_rows = list(csv.reader(io.StringIO(download(client, "csv", query).content.decode())))
    sheet_rows = [
        ["" if cell is None else str(cell) for cell in row]
        for row in workbook["Figures"].iter_rows(values_only=True)
    ]
    assert sheet_rows == csv_rows
    headline = dict(workbook["Headline figures"].iter_rows(min_row=2, values_only=True))
    assert headline["People trained"] == 2100
    assert headline["QI projects completed"] is None
    body = page(client, f"{NATIONAL}{query}")
    assert "We trained 2,100 people in Q1 2016/17" in body


def test_a_regional_download_holds_that_regions_figures(client_for, wessex_lead, figures):
    client = client_for(wessex_lead)
    response = download(client, "csv", f"?year={YEAR}&scope=wessex")
    assert 'filename="psc-figures-wessex-2016-17.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["Region"] for row in rows] == ["Wessex"]
    body = page(client, reverse("dashboards:region", args=["wessex"]) + f"?year={YEAR}")
    assert f"Wessex trained {int(rows[0]['People trained']):,} people" in body
    refused = client.get(reverse("dashboards:download", args=["xlsx"]) + "?scope=oxford")
    assert refused.status_code == 403


def test_a_lead_downloads_england_and_their_own_regions(client_for, wessex_lead, figures):
    response = download(client_for(wessex_lead), "csv", f"?year={YEAR}")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["Region"] for row in rows] == ["England", "Wessex"]


def test_only_csv_and_xlsx_are_offered(client_for, national_viewer, figures):
    assert client_for(national_viewer).get("/dashboard/download.pdf").status_code == 404


# Refreshing ----------------------------------------------------------------------------------


@pytest.fixture
def enqueued(monkeypatch):
    calls = []
    monkeypatch.setattr(
        tasks.rollup_full, "apply_async", lambda args=(), **kw: calls.append((tuple(args), {}))
    )
    return calls


def test_a_national_admin_starts_a_full_refresh(client_for, national_admin, enqueued):
    response = client_for(national_admin).post(reverse("dashboards:refresh"))
    assert response.status_code == 302
    assert response["Location"] == f"{NATIONAL}#refresh"
    assert enqueued == [((), {})]


@pytest.mark.parametrize("role", ["national_viewer", "wessex_lead", "frontline_member"])
def test_only_national_admins_may_refresh(db, client_for, request, role, enqueued):
    client = client_for(request.getfixturevalue(role))
    response = client.post(reverse("dashboards:refresh"))
    assert response.status_code == 403
    assert "Only national admins can refresh the figures." in html.unescape(
        response.content.decode()
    )
    assert client.get(reverse("dashboards:refresh_status")).status_code == 403
    assert enqueued == []
    assert "Refresh all figures now" not in client.get(NATIONAL).content.decode()


def test_refreshing_needs_a_post(client_for, national_admin, enqueued):
    assert client_for(national_admin).get(reverse("dashboards:refresh")).status_code == 405
    assert enqueued == []


def test_a_running_refresh_is_not_started_twice(client_for, national_admin, enqueued):
    RollupRun.objects.create(kind=RollupRun.Kind.FULL, scopes_total=240, scopes_done=12)
    response = client_for(national_admin).post(reverse("dashboards:refresh"), follow=True)
    assert enqueued == []
    assert "A full refresh is already running" in html.unescape(response.content.decode())


def test_the_refresh_status_shows_progress_and_keeps_polling_while_running(
    client_for, national_admin
):
    client = client_for(national_admin)
    run = RollupRun.objects.create(kind=RollupRun.Kind.FULL, scopes_total=240, scopes_done=12)
    body = page(client, reverse("dashboards:refresh_status"))
    assert "Refreshing: 12 of 240 scopes done." in body
    assert 'hx-trigger="every 2s"' in body
    assert 'hx-trigger="every 2s"' in page(client, NATIONAL)

    RollupRun.objects.filter(pk=run.pk).update(scopes_done=240, finished_at=timezone.now())
    body = page(client, reverse("dashboards:refresh_status"))
    assert "The last full refresh finished at " in body and "(240 of 240 scopes)" in body
    assert "hx-trigger" not in body


def test_a_run_whose_worker_went_silent_no_longer_blocks_a_refresh(
    client_for, national_admin, enqueued, settings
):
    settings.ROLLUP_RUN_SILENT_SECONDS = 120
    silent = timezone.now() - timedelta(seconds=121)
    RollupRun.objects.create(
        kind=RollupRun.Kind.FULL, scopes_total=240, scopes_done=12, heartbeat_at=silent
    )
    client = client_for(national_admin)
    body = page(client, reverse("dashboards:refresh_status"))
    assert "stopped after 12 of 240 scopes: the worker running it has not been heard" in body
    assert "hx-trigger" not in body

    response = client.post(reverse("dashboards:refresh"), follow=True)
    assert enqueued == [((), {})]
    assert "A full refresh of the figures has started" in html.unescape(response.content.decode())


def test_the_next_run_closes_runs_whose_worker_died(db, settings):
    settings.ROLLUP_RUN_SILENT_SECONDS = 120
    dead = RollupRun.objects.create(
        kind=RollupRun.Kind.FULL, heartbeat_at=timezone.now() - timedelta(minutes=5)
    )
    ProjectFactory(start_date=date(2016, 6, 1))
    run = rollup_full()
    assert run.finished_at and not run.error
    dead.refresh_from_db()
    assert dead.finished_at is None and "worker stopped" in dead.error
    assert run.heartbeat_at >= run.started_at


def test_the_refresh_status_shows_a_failed_runs_error(client_for, national_admin):
    RollupRun.objects.create(
        kind=RollupRun.Kind.FULL, scopes_total=240, scopes_done=30, error="database is locked"
    )
    body = page(client_for(national_admin), reverse("dashboards:refresh_status"))
    assert "stopped with an error after 30 of 240 scopes" in body
    assert "database is locked" in body


def test_an_admins_refresh_runs_the_full_rollup(client_for, national_admin):
    ProjectFactory(start_date=date(2016, 6, 1))
    client_for(national_admin).post(reverse("dashboards:refresh"))
    body = page(client_for(national_admin), f"{NATIONAL}?year={YEAR}")
    assert "We started 1 QI project in 2016/17" in body
    assert "The last full refresh finished at " in body


# Cost ----------------------------------------------------------------------------------------


def queries_for(client, url: str, *, cached: bool = False) -> int:
    """Queries for one view of the page; by default with its figures not yet rendered."""
    if not cached:
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("role", ["national_viewer", "national_admin", "wessex_lead"])
def test_the_national_dashboard_costs_the_same_queries_however_many_figures(
    client_for, request, role, figures
):
    client = client_for(request.getfixturevalue(role))
    url = f"{NATIONAL}?year={YEAR}"
    client.get(url)
    before = queries_for(client, url)
    slugs = ["national", *Region.objects.values_list("slug", flat=True)]
    for year in ("2018-19", "2019-20", "2020-21"):
        for quarter in range(5):
            for slug in slugs:
                store(
                    slug,
                    {f"projects_started.topic.{topic}": 3 for topic in Topic.values}
                    | {"projects_started": 9, "staff_trained.total": 70},
                    year,
                    quarter,
                )
    assert RollupFigure.objects.count() > 4000
    assert queries_for(client, url) == before
    assert before <= 10


def test_the_regional_dashboard_costs_the_same_queries_however_many_projects(
    client_for, national_viewer, figures
):
    client = client_for(national_viewer)
    url = reverse("dashboards:region", args=["wessex"]) + f"?year={YEAR}"

    def measures_in_new_projects(count: int) -> None:
        for project in ProjectFactory.create_batch(count, lead_region=region("wessex")):
            MeasureFactory(project=project, variation="special_cause_concern")
            MeasureFactory(project=project, variation="special_cause_improvement")

    measures_in_new_projects(1)
    before = queries_for(client, url)
    measures_in_new_projects(30)  # more than a page of each
    assert Measure.objects.count() == 62
    assert queries_for(client, url) == before


def test_the_figures_are_rendered_once_until_they_change(client_for, national_viewer, figures):
    client = client_for(national_viewer)
    url = f"{NATIONAL}?year={YEAR}"
    first = queries_for(client, url)
    again = queries_for(client, url, cached=True)
    assert again < first and again <= 6
    assert "10,150" in page(client, url)
    RollupFigure.objects.filter(
        scope="national", financial_year=YEAR, quarter=0, metric="staff_trained.total"
    ).delete()
    store("national", {"staff_trained.total": 12345})  # as a run replaces figures: new rows
    assert "10,150" in page(client, url)  # the copy drawn before, while the new one is drawn
    body = page(client, url)
    assert "12,345" in body and "10,150" not in body


def test_figures_rendered_for_a_national_viewer_are_never_shown_to_a_lead(
    client_for, national_viewer, wessex_lead, figures
):
    url = f"{NATIONAL}?year={YEAR}"
    assert len(region_table(page(client_for(national_viewer), url))) == 17  # header, 15, England
    lead_rows = region_table(page(client_for(wessex_lead), url))
    assert [row[0] for row in lead_rows[1:]] == ["Wessex", "England"]


def test_organisations_engaged_by_two_regions_count_once_in_england(client_for, national_viewer):
    shared = OrganisationFactory(type=OrganisationType.PRIMARY_CARE)
    for slug in ("wessex", "oxford"):
        OrganisationEngagement.objects.create(
            region=region(slug),
            organisation=shared,
            first_engaged=date(2016, 7, 1),
            route="project",
        )
    rollup_full()
    body = page(client_for(national_viewer), f"{NATIONAL}?year={YEAR}")
    table = region_table(body)
    engaged = {row[0]: row[6] for row in table[1:]}
    assert engaged["Wessex"] == engaged["Oxford"] == engaged["England"] == "1"
