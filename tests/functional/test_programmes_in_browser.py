"""A Wessex lead starts a collaborative in Chromium, adds three teams from two regions (an
Oxford project among them: the programme, not the project, is what they edit), a shared measure
from the national library and two learning sessions, and sees the action period between them;
then, once the teams have entered some weeks and scored their progress, reads the small
multiples, the collaborative's chart and the progress scores; axe at 1280 and 390 px on every
page."""

import importlib
from datetime import date, timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from learning.models import Programme
from measurement.models import DataPoint, Measure
from projects.models import ProgressScore
from tests.factories import OrganisationFactory, ProjectFactory, region
from tests.functional.conftest import assert_accessible_at_both_widths as _check_axe

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

TEAMS = [
    ("Falls at Southampton", "wessex", "University Hospital Southampton"),
    ("Falls at Salisbury", "wessex", "Salisbury NHS Foundation Trust"),
    ("Falls at the John Radcliffe", "oxford", "Oxford University Hospitals"),
]


@pytest.fixture(autouse=True)
def the_library(fifteen_regions):
    """The library comes from a migration, which browser tests' teardown empties."""
    from django.apps import apps

    module = importlib.import_module("measurement.migrations.0002_national_measure_library")
    module.create_library(apps, None)


@pytest.fixture
def teams():
    for title, slug, organisation in TEAMS:
        project = ProjectFactory(title=title, lead_region=region(slug))
        project.organisations.add(OrganisationFactory(name=organisation, region=region(slug)))


def _start_programme(page):
    page.goto("/programmes/")
    _check_axe(page, "the programme list")
    page.get_by_role("button", name="Start a programme").click()
    _check_axe(page, "the new programme form")
    page.get_by_label("Name", exact=True).fill("Wessex and Oxford falls collaborative")
    page.get_by_label("Topic").select_option(label="Falls")
    page.get_by_label("Breakthrough Series collaborative").check()
    page.get_by_label("Wessex").check()
    page.get_by_label("Start date").fill("2016-04-01")
    page.get_by_label("End date").fill("2017-03-31")
    page.get_by_label("What will improve").fill("Falls with harm")
    page.get_by_role("button", name="Save programme").click()
    expect(page.locator("h1")).to_have_text("Wessex and Oxford falls collaborative")


def _add_team(page, title: str, slug: str):
    page.get_by_role("button", name="Add a team").click()
    page.get_by_label("Project").select_option(label=f"{title} ({region(slug).name})")
    page.get_by_label("Date it joined").fill("2016-04-01")
    page.get_by_role("button", name="Add team").click()
    expect(page.locator(".nhsuk-table-responsive")).to_contain_text(title)


def _add_session(page, title: str, held_on: str):
    page.get_by_role("button", name="Add a learning session").click()
    _check_axe(page, "the session form")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Date").fill(held_on)
    page.get_by_label("Online", exact=True).check()
    page.get_by_label("Materials").fill("Slides https://example.org/slides.pdf")
    page.get_by_role("button", name="Save session").click()
    expect(page.locator("#calendar ~ ol")).to_contain_text(title)


def test_a_lead_builds_a_collaborative_of_three_teams_from_two_regions(
    page, sign_in, wessex_lead, teams
):
    sign_in(wessex_lead.username)
    _start_programme(page)
    _check_axe(page, "the new programme's overview")

    page.get_by_role("button", name="Add a team").click()
    _check_axe(page, "the add a team form")
    page.go_back()
    for title, slug, _ in TEAMS:
        _add_team(page, title, slug)
    expect(page.locator("#teams ~ p").first).to_contain_text(
        "Now 3 teams from 3 organisations in 2 regions."
    )

    page.get_by_role("button", name="Add a shared measure").click()
    _check_axe(page, "the shared measure form")
    page.get_by_label("Standard measure").select_option(label="Falls per 1,000 bed-days")
    page.get_by_role("button", name="Add shared measure").click()
    expect(page.locator("#measures ~ h3").first).to_contain_text("Falls per 1,000 bed-days")
    expect(page.locator("#measures ~ h3").first).to_contain_text("Mandatory")

    _add_session(page, "Launch learning session", "2016-06-15")
    _add_session(page, "Second learning session", "2016-09-20")
    calendar = page.locator("#calendar ~ ol > li")
    expect(calendar).to_have_count(4)  # session, action period, session, action period
    expect(calendar.nth(1)).to_have_text(
        "Action period 1: 16 June 2016 to 19 September 2016. Teams test changes at home."
    )
    expect(calendar.nth(3)).to_contain_text("Action period 2: 21 September 2016 to 31 March 2017")
    _check_axe(page, "the overview with teams, a shared measure and sessions")

    page.get_by_role("link", name="Record attendance at Launch learning session").click()
    _check_axe(page, "the attendance form")
    southampton = page.get_by_role("group", name="Falls at Southampton")
    southampton.get_by_label("Falls at Southampton attended").check()
    southampton.get_by_label("Feedback score").fill("9")
    page.get_by_role("button", name="Save attendance").click()
    expect(page.locator("#attendance ~ table").last).to_contain_text("9.0 out of 10")

    programme = Programme.objects.get()
    assert list(programme.leads.all()) == [wessex_lead]
    assert Measure.objects.filter(standard__slug="falls-per-1000-bed-days").count() == 3

    _teams_enter_weeks_and_progress(programme)
    page.get_by_role("link", name="Results").click()
    _check_axe(page, "the programme's results")
    cards = page.locator(".app-small-multiples > li")
    expect(cards).to_have_count(3)
    for title, _, _ in TEAMS:
        expect(cards.filter(has=page.get_by_role("heading", name=title))).to_have_count(1)
    expect(page.locator("svg.app-collaborative-chart").first).to_be_attached()
    page.get_by_text("Progress scores by month as a table").click()
    expect(page.locator("#progress-table")).to_contain_text("3")


def _teams_enter_weeks_and_progress(programme):
    """What the teams do between sessions (their own journey is test_data_entry_in_browser)."""
    for number, measure in enumerate(
        Measure.objects.filter(project__programme_memberships__programme=programme)
    ):
        DataPoint.objects.bulk_create(
            DataPoint(
                measure=measure,
                period=date(2016, 7, 4) + timedelta(weeks=week),
                numerator=6 - week // 3 + number,
                denominator=1000,
            )
            for week in range(8)
        )
        ProgressScore.objects.create(
            project=measure.project, score=Decimal("2.0"), recorded_on=date(2016, 7, 1)
        )
