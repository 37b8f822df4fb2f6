"""The demo's programme runs to the day it is seeded: the national dashboard opens on live
figures, every region's lead has measures with this month's data, some teams are behind and a
few open projects have gone quiet, nothing is dated after today, and every organisation has a
name and code of its own."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from core.fiscal import financial_year, financial_year_start, year_named
from learning.models import Adoption
from measurement.access import measures_visible_to
from measurement.models import DataPoint, Measure
from projects.models import PDSACycle, Project, ProjectStatus
from regions.models import (
    ChampionRecruitment,
    Organisation,
    OrganisationEngagement,
    Region,
    TrainingRecord,
    User,
)
from reporting.rollups.read import figures


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, seeded once for these tests and rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", force=True, password="pw-for-tests-123", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def _years_to_today() -> list[str]:
    return [
        year_named(start) for start in range(2016, financial_year_start(timezone.localdate()) + 1)
    ]


def _tile(page: str, label: str) -> int:
    found = re.search(r"([\d,]+)</span> " + label, page)
    assert found, f"no '{label}' tile on the dashboard"
    return int(found.group(1).replace(",", ""))


def test_the_national_dashboard_opens_on_a_year_with_people_projects_and_organisations(
    db, demo, client
):
    client.force_login(User.objects.get(username="national"))
    page = client.get("/dashboard/").content.decode()
    opened = re.search(r'<option value="(\d{4}-\d\d)" selected', page).group(1)
    national = figures("national", opened)
    trained, started = _tile(page, "people trained"), _tile(page, "QI projects started")
    engaged = _tile(page, "organisations engaged")
    assert trained > 0 and started > 0 and engaged > 0
    assert (trained, started, engaged) == (
        national["staff_trained"]["total"],
        national["projects_started"],
        national["organisations_engaged"]["total"],
    )


def test_every_financial_year_to_this_one_has_its_records(db, demo):
    for year in _years_to_today():
        national = figures("national", year)
        assert national["projects_started"] > 0, year
        assert national["staff_trained"]["total"] > 0, year
        assert national["organisations_engaged"]["total"] > 0, year
        assert national["champions_recruited"]["total"] > 0, year
    cycle_years = {
        financial_year(day) for day in PDSACycle.objects.values_list("start_date", flat=True)
    }
    point_years = {
        financial_year(day) for day in DataPoint.objects.values_list("period", flat=True)
    }
    completed = set(Project.objects.values_list("completion_financial_year", flat=True))
    spread = {financial_year(day) for day in Adoption.objects.values_list("adopted_on", flat=True)}
    for year in _years_to_today():
        assert year in cycle_years and year in point_years, year
        assert year in completed and year in spread, year


def test_the_published_year_is_as_the_brochure_has_it(db, demo):
    national = figures("national", "2016-17")
    assert (national["projects_started"], national["projects_completed"]) == (451, 170)
    assert national["staff_trained"]["total"] == 10150
    assert national["organisations_engaged"]["total"] == 1575
    assert national["champions_recruited"]["total"] == 1972


def test_every_regions_lead_sees_a_measure_of_the_region_with_data_in_the_last_four_weeks(db, demo):
    since = timezone.localdate() - timedelta(weeks=4)
    for region in Region.objects.order_by("slug"):
        lead = User.objects.get(username=f"lead.{region.slug}")
        current = measures_visible_to(lead).filter(
            project__lead_region=region, data_points__period__gte=since
        )
        assert current.exists(), region.slug


def test_some_teams_are_behind_and_a_few_quiet_projects_have_stalled(db, demo):
    today = timezone.localdate()
    running = [ProjectStatus.ACTIVE, ProjectStatus.STALLED]
    measures = Measure.objects.filter(
        project__status__in=running, project__start_date__year__gte=2019
    ).annotate(last=Max("data_points__period"))
    lasts = {m.project_id: m.last for m in measures if m.last}
    recent = [p for p, last in lasts.items() if last >= today - timedelta(weeks=5)]
    behind = [
        p
        for p, last in lasts.items()
        if today - timedelta(weeks=26) < last < today - timedelta(weeks=2)
    ]
    quiet = [p for p, last in lasts.items() if last < today - timedelta(weeks=26)]
    assert len(recent) > len(behind) > 0
    assert 0 < len(quiet) < len(recent) / 4
    for project in Project.objects.filter(pk__in=quiet):
        assert project.status == ProjectStatus.STALLED, project.title
        assert not project.pdsa_cycles.filter(start_date__gte=today - timedelta(weeks=26)).exists()
    assert not Project.objects.filter(pk__in=recent, status=ProjectStatus.STALLED).exists()


def test_nothing_is_dated_after_the_day_the_demo_was_seeded(db, demo):
    today = timezone.localdate()
    assert not Project.objects.filter(start_date__gt=today).exists()
    assert not Project.objects.filter(completed_on__gt=today).exists()
    assert not TrainingRecord.objects.filter(date__gt=today).exists()
    assert not ChampionRecruitment.objects.filter(date__gt=today).exists()
    assert not OrganisationEngagement.objects.filter(first_engaged__gt=today).exists()
    assert not PDSACycle.objects.filter(start_date__gt=today).exists()
    assert not PDSACycle.objects.filter(end_date__gt=today).exists()
    assert not DataPoint.objects.filter(period__gt=today - timedelta(days=6)).exists()
    assert not Adoption.objects.filter(adopted_on__gt=today).exists()


def test_every_organisation_has_a_name_and_an_ods_code_of_its_own(db, demo):
    for field in ("name", "ods_code"):
        repeated = Organisation.objects.values(field).annotate(n=Count("id")).filter(n__gt=1)
        assert not repeated.exists(), list(repeated[:5])
    assert not Organisation.objects.filter(ods_code="").exists()


def test_a_region_s_lead_reminds_the_demo_s_overdue_teams_and_they_are_told(
    db, demo, client, mailoutbox, django_capture_on_commit_callbacks
):
    from measurement.models import Notification, NotificationKind

    client.force_login(User.objects.get(username="lead.wessex"))
    page = client.get("/dashboard/reporting-rate/?region=wessex").content.decode()
    assert "Send a reminder" in page, "no overdue team with people to remind in Wessex"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/dashboard/reporting-rate/remind-all/", {"region": "wessex"})
    assert response.status_code == 302
    told = Notification.objects.filter(kind=NotificationKind.NO_DATA).select_related(
        "user", "measure__project"
    )
    assert told, "the reminder reached no one"
    for notification in told:
        assert notification.measure.project.lead_region.slug == "wessex"
        assert notification.measure.project.title in page  # named on the page as overdue
    assert sorted(m.to[0] for m in mailoutbox) == sorted({n.user.email for n in told})
