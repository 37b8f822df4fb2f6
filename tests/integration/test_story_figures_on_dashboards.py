"""The story figures on the national and regional dashboards ("Stories in the archive" within
"Spreading what works"), in the CSV and XLSX downloads and in the metrics API, as the rollups
stored them."""

import csv
import html
import io

import openpyxl
from django.urls import reverse
from rest_framework.test import APIClient

from reporting.rollups.read import figures
from tests.integration.test_dashboards import Tables
from tests.integration.test_story_figures import YEAR, stories  # noqa: F401 (the fixture)

NATIONAL = reverse("dashboards:national")
PUBLISHED = "Stories published in the archive (and not withdrawn)"
IN_ARCHIVE = "Stories in the archive at the end of the period (withdrawn ones not counted)"
STARTED = "Projects started from a story"


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def section(body: str) -> str:
    """The stories' part of "Spreading what works"."""
    start = body.index('<h3 id="stories-in-the-archive">Stories in the archive</h3>')
    assert body.index('<h2 id="spreading-what-works">') < start
    return body[start : body.index("</section>", start)]


def by_region(shown: str) -> dict[str, list[str]]:
    table = next(t for t in Tables(shown).tables if t and t[0] and t[0][0] == "Collaborative")
    assert table[0][1:] == [
        "Stories published",
        "Stories in the archive at the end",
        "Projects started from a story",
    ]
    return {row[0]: row[1:] for row in table[1:]}


def test_the_national_dashboard_shows_stories_and_the_projects_started_from_them(
    stories,  # noqa: F811
    client_for,
    national_viewer,
):
    shown = section(page(client_for(national_viewer), f"{NATIONAL}?year={YEAR}"))
    assert (
        "3 stories were published in the archive in 2016/17; at the end of 2016/17 it held "
        "3 stories." in shown
    )
    assert "3 projects were started from a story in 2016/17." in shown
    assert ">3</span> projects started from a story</p>" in shown  # the tile
    assert "one withdrawn no longer counts in any period" in shown
    rows = by_region(shown)
    assert rows["Wessex"] == ["2", "2", "1"]
    assert rows["Oxford"] == ["1", "1", "1"]
    assert rows["South West"] == ["0", "0", "1"]
    assert rows["England"] == ["3", "3", "3"]
    assert len(rows) == 16  # every region and England


def test_a_quarter_shows_that_quarters_stories(
    stories,  # noqa: F811
    client_for,
    national_viewer,
):
    shown = section(page(client_for(national_viewer), f"{NATIONAL}?year={YEAR}&quarter=2"))
    assert (
        "1 story was published in the archive in Q2 2016/17 (July to September 2016); at the "
        "end of September 2016 it held 2 stories." in shown
    )
    assert "1 project was started from a story in Q2 2016/17" in shown


def test_a_regional_dashboard_shows_its_own_stories_without_the_region_table(
    stories,  # noqa: F811
    client_for,
    oxford_lead,
):
    url = reverse("dashboards:region", args=["oxford"]) + f"?year={YEAR}"
    shown = section(page(client_for(oxford_lead), url))
    assert "1 story was published in the archive in 2016/17" in shown
    assert "1 project was started from a story in 2016/17." in shown
    assert 'id="stories-by-region"' not in shown


def test_a_lead_sees_only_their_regions_row_of_the_stories(
    stories,  # noqa: F811
    client_for,
    wessex_lead,
):
    shown = section(page(client_for(wessex_lead), f"{NATIONAL}?year={YEAR}"))
    assert list(by_region(shown)) == ["Wessex", "England"]


def download(client, file_format: str, query: str):
    response = client.get(reverse("dashboards:download", args=[file_format]) + query)
    assert response.status_code == 200
    return response


def test_the_downloads_hold_the_story_figures_and_say_what_they_count(
    stories,  # noqa: F811
    client_for,
    national_viewer,
):
    client = client_for(national_viewer)
    rows = {
        row["Region"]: row
        for row in csv.DictReader(
            io.StringIO(download(client, "csv", f"?year={YEAR}&quarter=4").content.decode())
        )
    }
    for name, scope in (("England", "national"), ("Wessex", "wessex"), ("Oxford", "oxford")):
        document = figures(scope, YEAR, 4)
        assert int(rows[name][PUBLISHED]) == document["stories_published"]
        assert int(rows[name][IN_ARCHIVE]) == document["stories_in_archive"]
        assert int(rows[name][STARTED]) == document["projects_from_stories"]
    assert (rows["England"][PUBLISHED], rows["England"][IN_ARCHIVE]) == ("1", "3")
    assert rows["South West"][STARTED] == "1"
    workbook = openpyxl.load_workbook(io.BytesIO(download(client, "xlsx", f"?year={YEAR}").content))
    headline = dict(workbook["Headline figures"].iter_rows(min_row=2, values_only=True))
    assert (headline[PUBLISHED], headline[IN_ARCHIVE], headline[STARTED]) == (3, 3, 3)
    about = " ".join(str(c) for row in workbook["About"].iter_rows(values_only=True) for c in row)
    assert "one withdrawn no longer counts in any period" in about
    assert "by the day they were first published" in about


def test_the_metrics_api_returns_the_story_figures_with_their_meaning(
    stories,  # noqa: F811
    national_viewer,
    wessex_lead,
):
    api = APIClient()
    api.force_login(national_viewer)
    body = api.get(f"/api/v1/metrics/national/?financial_year={YEAR}&quarter=2").json()
    assert (body["stories_published"], body["stories_in_archive"]) == (1, 2)
    assert body["projects_from_stories"] == 1
    regions = {r["scope"]: r for r in body["regions"]}
    assert regions["oxford"]["projects_from_stories"] == 1
    assert regions["wessex"]["stories_in_archive"] == 2
    api.force_login(wessex_lead)
    wessex = api.get(f"/api/v1/metrics/regions/wessex/?financial_year={YEAR}").json()
    assert (wessex["stories_published"], wessex["projects_from_stories"]) == (2, 1)
    schema = api.get("/api/v1/schema/").content.decode()
    assert "projects_from_stories" in schema
    assert "a withdrawn story no longer counts" in schema
