"""Dashboards that open on live figures: the default year is the scope's latest with records
(the current one once it has any), the trends span only years with records, and stalled
projects are counted apart from active ones in the figures, the sentences, the tiles, the CSV
and the metrics API."""

import html
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from core.fiscal import financial_year
from projects.models import Project
from projects.services.stalled import mark_stalled_projects
from reporting.models import RollupFigure
from reporting.rollups.read import figures
from reporting.rollups.service import record_new_versions, rollup_full
from tests.factories import ProjectFactory, region

NATIONAL = reverse("dashboards:national")
TODAY = timezone.localdate()
THIS_YEAR = financial_year(TODAY)


def store(scope: str, year: str, metrics: dict, quarter: int = 0) -> None:
    RollupFigure.objects.bulk_create(
        RollupFigure(scope=scope, financial_year=year, quarter=quarter, metric=m, value=v)
        for m, v in metrics.items()
    )
    record_new_versions(year, {scope})


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_default_year_is_the_latest_with_records_not_the_latest_with_open_projects(
    client_for, national_viewer
):
    store("national", "2016-17", {"staff_trained.total": 10150, "projects_active": 269})
    store("national", "2018-19", {"staff_trained.total": 700, "projects_started": 4})
    for year in ("2019-20", "2024-25", "2025-26"):  # only projects left open: no records
        store("national", year, {"projects_active": 429})
    body = page(client_for(national_viewer), NATIONAL)
    assert "England's figures for 2018/19." in body
    assert "We trained 700 people in 2018/19." in body
    # Any stored year can still be chosen.
    assert "England's figures for 2025/26." in page(
        client_for(national_viewer), NATIONAL + "?year=2025-26"
    )


def test_the_current_year_is_the_default_once_it_has_records(client_for, national_viewer):
    store("national", "2018-19", {"staff_trained.total": 700})
    store("national", THIS_YEAR, {"projects_started": 3})
    body = page(client_for(national_viewer), NATIONAL)
    assert f"England's figures for {THIS_YEAR.replace('-', '/')}." in body


def test_a_regions_default_year_is_its_own_latest_with_records(client_for, wessex_lead):
    store("national", "2016-17", {"staff_trained.total": 10})
    store("national", "2018-19", {"staff_trained.total": 20})
    store("wessex", "2016-17", {"staff_trained.total": 10})
    store("oxford", "2018-19", {"staff_trained.total": 20})
    body = page(client_for(wessex_lead), reverse("dashboards:region", args=["wessex"]))
    assert "Wessex's figures for 2016/17." in body


def test_the_trends_span_only_the_years_with_records(client_for, national_viewer):
    for quarter in (1, 2, 3, 4):
        store("national", "2016-17", {"staff_trained.total": 100 * quarter}, quarter=quarter)
        store("national", "2017-18", {"staff_trained.total": 10 * quarter}, quarter=quarter)
    store("national", "2016-17", {"staff_trained.total": 1000})
    store("national", "2017-18", {"staff_trained.total": 100})
    for year in ("2015-16", "2018-19", "2019-20", "2020-21"):  # empty years at either end
        store("national", year, {"projects_active": 5})
    body = page(client_for(national_viewer), NATIONAL + "?year=2017-18")
    assert "Column chart of people trained in each quarter from Q1 2016/17 to Q4 2017/18." in body
    row = '<th scope="row" class="nhsuk-table__header nhsuk-u-font-weight-normal">{}</th>'
    assert row.format("2016/17") in body and row.format("2017/18") in body
    for empty in ("2015/16", "2018/19", "2020/21"):
        assert row.format(empty) not in body


def test_stalled_projects_are_counted_apart_from_active_ones(client_for, national_viewer):
    start = TODAY - timedelta(days=400)
    quiet = ProjectFactory(lead_region=region("wessex"), start_date=start, status_since=start)
    Project.objects.filter(pk=quiet.pk).update(updated_at=timezone.now() - timedelta(days=300))
    ProjectFactory(lead_region=region("wessex"), start_date=start, status_since=start)
    assert mark_stalled_projects(TODAY) == 1
    rollup_full()

    england = figures("national", THIS_YEAR)
    assert (england["projects_active"], england["projects_stalled"]) == (1, 1)
    assert figures("wessex", THIS_YEAR)["projects_stalled_by_topic"] == {"falls": 1}
    # Before the sweep found it quiet it was active: last year's figures do not move.
    last_year = figures("national", financial_year(start + timedelta(days=1)))
    assert (last_year["projects_active"], last_year["projects_stalled"]) == (2, 0)

    client = client_for(national_viewer)
    body = page(client, NATIONAL + f"?year={THIS_YEAR}")
    assert "1 QI project was active and 1 stalled." in body
    assert "QI projects stalled at the end of" in body
    csv = client.get(reverse("dashboards:download", args=["csv"]) + f"?year={THIS_YEAR}")
    assert "QI projects stalled at the end of the period" in csv.content.decode()
    api = client.get(f"/api/v1/metrics/national/?financial_year={THIS_YEAR}").json()
    assert (api["projects_active"], api["projects_stalled"]) == (1, 1)
