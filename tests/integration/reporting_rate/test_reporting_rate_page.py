"""The reporting-rate page of a region or a programme: its shares, overdue teams, who sees it."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from measurement.models import Measure
from measurement.periods import shift
from tests.factories import MeasureFactory, ProgrammeFactory, ProgrammeMemberFactory
from tests.integration.reporting_rate.conftest import point

PAGE = reverse("dashboards:reporting_rate")


def text(response):
    """The page's words, tags taken out."""
    assert response.status_code == 200, response.status_code
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_the_region_s_page_counts_its_weekly_measures_and_names_the_overdue_team(
    wessex, client_for, wessex_lead
):
    page = text(client_for(wessex_lead).get(PAGE, {"region": "wessex"}))
    assert "3 measures of active projects are counted by week" in page  # not the rare events
    assert "Entered 2 of 3 (67%)" in page
    assert "Entered on time 1 of 3 (33%)" in page and "Entered late 1 of 3 (33%)" in page
    assert "Teams with overdue data (1)" in page
    assert "Falls on Wessex wards" in page and "Team lead: Wendy Sister. Members: Sam Nurse" in page
    since = shift(wessex["due"], "weekly", -2)
    assert f"Falls per 1,000 bed-days : no value from the week of {since:%-d %B %Y} on" in page
    assert "Pressure ulcers in Poole" not in page  # up to date
    assert "Oxford sepsis" not in page and "Send a reminder" in page


def test_by_month_counts_the_monthly_measures(wessex, client_for, wessex_lead):
    monthly = MeasureFactory(project=wessex["steady"], name="Monthly audit", frequency="monthly")
    Measure.objects.filter(pk=monthly.pk).update(
        created_at=wessex["steady"].created_at.replace(year=2020)
    )
    page = text(client_for(wessex_lead).get(PAGE, {"region": "wessex", "by": "month"}))
    assert "1 measure of active projects is counted by month" in page
    assert "Entered 0 of 1 (0%)" in page
    assert "Monthly audit" in page and "Teams with overdue data (1)" in page


def test_a_programme_s_page_counts_its_current_teams(wessex, client_for, wessex_lead):
    programme = ProgrammeFactory(name="Wessex falls collaborative", leads=[wessex_lead])
    ProgrammeMemberFactory(programme=programme, project=wessex["quiet"])
    page = text(client_for(wessex_lead).get(PAGE, {"programme": programme.slug}))
    assert "1 measure of active projects is counted by week" in page
    assert "Falls on Wessex wards" in page and "Pressure ulcers in Poole" not in page


def test_frontline_members_and_other_regions_leads_are_refused(
    wessex, client_for, frontline_member, oxford_lead, national_viewer
):
    for user in (frontline_member, oxford_lead):
        assert client_for(user).get(PAGE, {"region": "wessex"}).status_code == 403
    page = text(client_for(national_viewer).get(PAGE, {"region": "wessex"}))
    assert "Falls on Wessex wards" in page and "Send a reminder" not in page  # reads only


def test_no_scope_is_a_404(client_for, wessex_lead):
    assert client_for(wessex_lead).get(PAGE).status_code == 404


def _queries(client, **params):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(PAGE, params).status_code == 200
    return len(queries)


def test_the_page_s_queries_stay_flat_as_measures_grow(wessex, client_for, wessex_lead):
    client = client_for(wessex_lead)
    before = _queries(client, region="wessex")
    for n in range(20):
        measure = MeasureFactory(project=wessex["quiet"], name=f"Extra {n}")
        point(measure, wessex["latest"], wessex["latest"])
        point(measure, shift(wessex["latest"], "weekly", -1), wessex["latest"])
    Measure.objects.update(created_at=wessex["steady"].created_at.replace(year=2020))
    assert _queries(client, region="wessex") == before
    assert before <= 14


def test_the_regional_dashboard_and_a_programme_s_page_link_to_it(client_for, wessex_lead):
    client = client_for(wessex_lead)
    region_page = client.get(reverse("dashboards:region", args=["wessex"])).content.decode()
    assert f'href="{PAGE}?region=wessex"' in region_page
    programme = ProgrammeFactory(leads=[wessex_lead])
    programme_page = client.get(programme.get_absolute_url()).content.decode()
    assert f'href="{PAGE}?programme={programme.slug}"' in programme_page


def test_a_measure_made_today_with_back_data_is_expected_from_its_first_value(
    wessex, client_for, wessex_lead
):
    behind = MeasureFactory(project=wessex["steady"], name="Loaded in bulk today")
    for weeks_back in (5, 4):
        period = shift(wessex["due"], "weekly", -weeks_back)
        point(behind, period, period)
    page = text(client_for(wessex_lead).get(PAGE, {"region": "wessex"}))
    since = shift(wessex["due"], "weekly", -3)
    assert f"Loaded in bulk today : no value from the week of {since:%-d %B %Y} on" in page
    assert "Teams with overdue data (2)" in page and "4 measures of active projects" in page


def test_the_trend_is_drawn_with_its_words(wessex, client_for, wessex_lead):
    html = client_for(wessex_lead).get(PAGE, {"region": "wessex"}).content.decode()
    assert '<svg class="app-trend"' in html and "<polyline" in html
    assert "Entered on time each week (%)" in html
    assert "33% in the latest." in text(client_for(wessex_lead).get(PAGE, {"region": "wessex"}))
