"""API test fixtures: a partner with a token, clients per role, and a small Wessex world."""

from dataclasses import dataclass
from datetime import date

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from rest_framework.test import APIClient

from measurement.models import DataPoint
from projects.models import ProjectRole
from psc.wsgi import application
from regions import tokens
from regions.activity import services as activity_services
from regions.models import ChampionKind, CultureTool, EngagementRoute, TrainingType
from reporting.models import RollupFigure
from tests.factories import (
    ChangeIdeaFactory,
    MeasureFactory,
    OrganisationFactory,
    PDSACycleFactory,
    PrimaryDriverFactory,
    ProjectFactory,
    ProjectMemberFactory,
    SecondaryDriverFactory,
    UserFactory,
    region,
)


def wsgi_app(environ, start_response):
    """The real WSGI application, kept from closing the test's database connection (as
    Django's test client does), so its queries run inside the test's rolled-back transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = application(environ, start_response)
        body = b"".join(response)
        response.close()
        return [body]
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def fresh_throttles():
    """Throttle counts live in the cache; each test starts with a clean allowance."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def partner(db):
    """A partner platform's account: an API client acting for the Wessex collaborative."""
    return UserFactory(username="partner.wessex", is_api_client=True, led_regions=["wessex"])


def token_for(user, days: int = 30) -> str:
    return tokens.token_create(by=user, user=user, days=days)[1]


def token_client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def partner_api(partner):
    return token_client(token_for(partner))


@pytest.fixture
def admin_api(national_admin):
    return token_client(token_for(national_admin))


@dataclass
class World:
    """One of everything, owned by Wessex, with a frontline nurse in the project's team."""

    project: object
    primary_driver: object
    secondary_driver: object
    change_idea: object
    cycle: object
    measure: object
    events_measure: object
    organisation: object
    training: object
    champions: object
    engagement: object
    culture: object


@pytest.fixture
def world(db, national_admin, frontline_member):
    wessex = region("wessex")
    project = ProjectFactory(lead_region=wessex, title="Wessex falls")
    ProjectMemberFactory(project=project, user=frontline_member, role=ProjectRole.MEMBER)
    primary = PrimaryDriverFactory(project=project)
    secondary = SecondaryDriverFactory(primary_driver=primary)
    idea = ChangeIdeaFactory(project=project)
    idea.secondary_drivers.set([secondary])
    cycle = PDSACycleFactory(change_idea=idea, project=project)
    measure = MeasureFactory(project=project, name="Falls per 1,000 bed days")
    DataPoint.objects.bulk_create(
        DataPoint(measure=measure, period=date(2016, 4, 4 + 7 * n), value=10 + n) for n in range(3)
    )
    events = MeasureFactory(
        project=project,
        name="Never events",
        data_type="events",
        chart="t",
        rules="anhoej",
        improvement="decrease",
    )
    organisation = OrganisationFactory(region=wessex, ods_code="RHM")
    records = _activity(national_admin, wessex, organisation)
    RollupFigure.objects.bulk_create(
        [
            RollupFigure(
                scope=scope, financial_year="2016-17", quarter=0, metric=metric, value=value
            )
            for scope in ("national", "wessex")
            for metric, value in (("projects_started", 3), ("staff_trained.total", 40))
        ]
    )
    return World(project, primary, secondary, idea, cycle, measure, events, organisation, *records)


def _activity(by, wessex, organisation):
    day = date(2016, 5, 10)
    return (
        activity_services.training_create(
            by=by,
            region=wessex,
            date=day,
            course="QI bronze",
            people_trained=12,
            training_type=TrainingType.QI_CAPABILITY,
            qi_level="bronze",
            patients_trained=2,
        ),
        activity_services.champions_create(
            by=by, region=wessex, date=day, count=3, kind=ChampionKind.PATIENT_SAFETY_CHAMPION
        ),
        activity_services.engagement_create(
            by=by,
            region=wessex,
            organisation=organisation,
            first_engaged=day,
            route=EngagementRoute.PROJECT,
        ),
        activity_services.culture_create(
            by=by, region=wessex, date=day, team="Ward 4", tool=CultureTool.SCORE
        ),
    )
