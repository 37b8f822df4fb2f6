"""The spread figures on the national and regional dashboards ("Spreading what works"), in the
CSV and XLSX downloads and in the metrics API, as the rollups stored them."""

import csv
import html
import io
from datetime import date

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from core.fiscal import financial_year
from learning.services.adoptions import adoption_record
from reporting.rollups.read import figures
from tests.factories import ChangeEntryFactory, OrganisationFactory, region
from tests.integration.test_dashboards import Tables
from tests.integration.test_spread_figures import YEAR, spread  # noqa: F401 (the fixture)

NATIONAL = reverse("dashboards:national")


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def section(body: str) -> str:
    start = body.index('<h2 id="spreading-what-works">Spreading what works</h2>')
    return body[start : body.index("</section>", start)]


def table(body: str, first_header: str) -> list[list[str]]:
    return next(t for t in Tables(body).tables if t and t[0] and t[0][0] == first_header)


def test_the_national_dashboard_shows_the_spread_figures_for_a_year(
    spread,  # noqa: F811
    client_for,
    national_viewer,
):
    england = figures("national", YEAR)
    shown = section(page(client_for(national_viewer), f"{NATIONAL}?year={YEAR}"))
    adopting = england["organisations_adopting"]
    assert adopting == {"total": 3, "by_type": {"acute_trust": 2, "care_home": 1}}
    assert (
        "3 organisations began adopting a change in 2016/17 (2 acute trusts and 1 care home). "
        "At the end of 2016/17, 3 organisations were adopting at least one." in shown
    )
    assert "2 changes were published in the catalogue in 2016/17" in shown
    assert (
        f"{england['programmes_active']} collaborative programme was active in 2016/17, "
        f"with {england['member_teams']} member teams." in shown
    )
    assert "counts once in each period, however many changes it adopts" in shown
    by_type = table(shown, "Type")
    assert by_type[1:] == [["Acute trust", "2", "2"], ["Care home", "1", "1"], ["Total", "3", "3"]]
    by_region = {row[0]: row[1:] for row in table(shown, "Collaborative")[1:]}
    for name, scope in (("Wessex", "wessex"), ("Oxford", "oxford"), ("England", "national")):
        document = figures(scope, YEAR)
        assert by_region[name] == [
            str(document["changes_published"]),
            str(document["organisations_adopting"]["total"]),
            str(document["organisations_adopting_at_end"]["total"]),
            str(document["programmes_active"]),
            str(document["member_teams"]),
        ]
    assert by_region["Wessex"] == ["2", "2", "2", "1", "2"]
    assert by_region["South West"] == ["0", "0", "0", "0", "0"]


def test_a_quarter_shows_that_quarters_spread(
    spread,  # noqa: F811
    client_for,
    national_viewer,
):
    shown = section(page(client_for(national_viewer), f"{NATIONAL}?year={YEAR}&quarter=2"))
    assert (
        "2 organisations began adopting a change in Q2 2016/17 (July to September 2016) "
        "(2 acute trusts). At the end of September 2016, 2 organisations were adopting" in shown
    )


def test_a_regional_dashboard_shows_its_own_spread(
    spread,  # noqa: F811
    client_for,
    oxford_lead,
):
    body = page(
        client_for(oxford_lead), reverse("dashboards:region", args=["oxford"]) + f"?year={YEAR}"
    )
    shown = section(body)
    oxford = figures("oxford", YEAR)
    assert oxford["organisations_adopting"]["total"] == 1
    assert "1 organisation began adopting a change in 2016/17 (1 acute trust)" in shown
    assert "1 change was published in the catalogue in 2016/17" in shown
    assert "Spreading what works by region" not in shown
    assert table(shown, "Type")[1:] == [["Acute trust", "1", "1"], ["Total", "1", "1"]]


def test_a_lead_sees_only_their_regions_row_of_the_spread(
    spread,  # noqa: F811
    client_for,
    wessex_lead,
):
    shown = section(page(client_for(wessex_lead), f"{NATIONAL}?year={YEAR}"))
    assert [row[0] for row in table(shown, "Collaborative")[1:]] == ["Wessex", "England"]


def download(client, file_format: str, query: str):
    response = client.get(reverse("dashboards:download", args=[file_format]) + query)
    assert response.status_code == 200
    return response


def test_the_downloads_hold_the_spread_figures(
    spread,  # noqa: F811
    client_for,
    national_viewer,
):
    client = client_for(national_viewer)
    rows = {
        row["Region"]: row
        for row in csv.DictReader(
            io.StringIO(download(client, "csv", f"?year={YEAR}").content.decode())
        )
    }
    for name, scope in (("England", "national"), ("Wessex", "wessex"), ("Oxford", "oxford")):
        document = figures(scope, YEAR)
        row = rows[name]
        assert int(row["Changes published in the catalogue"]) == document["changes_published"]
        assert (
            int(row["Changes in the catalogue at the end of the period"])
            == document["changes_in_catalogue"]
        )
        began = row["Organisations that began adopting a change (each once, however many changes)"]
        assert int(began) == document["organisations_adopting"]["total"]
        assert int(row["Organisations that began adopting: Acute trust"]) == document[
            "organisations_adopting"
        ]["by_type"].get("acute_trust", 0)
        assert (
            int(row["Organisations adopting a change at the end of the period (each once)"])
            == document["organisations_adopting_at_end"]["total"]
        )
        assert (
            int(row["Collaborative programmes active in the period"])
            == document["programmes_active"]
        )
        assert (
            int(row["Teams in collaborative programmes in the period"]) == document["member_teams"]
        )
    assert int(rows["England"]["Organisations that began adopting: Care home"]) == 1
    workbook = openpyxl.load_workbook(io.BytesIO(download(client, "xlsx", f"?year={YEAR}").content))
    headline = dict(workbook["Headline figures"].iter_rows(min_row=2, values_only=True))
    assert headline["Changes published in the catalogue"] == 2
    assert headline["Organisations that began adopting: Acute trust"] == 2
    about = " ".join(str(c) for row in workbook["About"].iter_rows(values_only=True) for c in row)
    assert "however many changes it adopts" in about


def test_the_metrics_api_returns_the_spread_figures(
    spread,  # noqa: F811
    national_viewer,
    wessex_lead,
):
    api = APIClient()
    api.force_login(national_viewer)
    body = api.get(f"/api/v1/metrics/national/?financial_year={YEAR}&quarter=3").json()
    assert body["organisations_adopting"] == {
        "total": 2,
        "by_type": {"acute_trust": 1, "care_home": 1},
    }
    assert body["changes_published"] == 1 and body["member_teams"] == 3
    assert body["organisations_adopting_at_end"]["total"] == 3
    regions = {r["scope"]: r for r in body["regions"]}
    assert regions["oxford"]["organisations_adopting"]["by_type"] == {"acute_trust": 1}
    assert regions["wessex"]["programmes_active"] == 1
    api.force_login(wessex_lead)
    wessex = api.get(f"/api/v1/metrics/regions/wessex/?financial_year={YEAR}").json()
    assert wessex["organisations_adopting"]["total"] == 2
    assert wessex["changes_in_catalogue"] == 2
    schema = api.get("/api/v1/schema/").content.decode()
    assert "organisations_adopting_at_end" in schema


@pytest.mark.django_db(transaction=True)  # the rollup runs as the adoption commits, in-process
def test_an_adoption_recorded_today_shows_on_the_national_dashboard(
    fifteen_regions, client_for, wessex_lead, national_viewer
):
    this_year = financial_year(timezone.localdate())
    entry = ChangeEntryFactory(published_on=date(2016, 5, 1))
    trust = OrganisationFactory(type="ambulance_trust", region=region("wessex"))
    adoption_record(
        by=wessex_lead,
        organisation=trust,
        entry=entry,
        adopted_on=timezone.localdate(),
        status="testing",
    )
    shown = section(page(client_for(national_viewer), f"{NATIONAL}?year={this_year}"))
    assert "1 organisation began adopting a change in" in shown
    assert "(1 ambulance trust)" in shown
    assert figures("national", this_year)["organisations_adopting"]["by_type"] == {
        "ambulance_trust": 1
    }
