"""A Wessex project created through the service (its creator, the Wessex lead, joins the team as
project lead), with a frontline nurse on the team, everyone with an email address."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from measurement.periods import period_start
from projects.services.project import project_create
from tests.factories import MeasureFactory, ProjectMemberFactory, UserFactory, region


def this_monday():
    return period_start(timezone.localdate(), "weekly")


def weekly_rows(values, last=None):
    """One row a week for `values`, the last of them in the week of `last` (default: last week)."""
    last = last or this_monday() - timedelta(weeks=1)
    first = last - timedelta(weeks=len(values) - 1)
    return [
        {"period": (first + timedelta(weeks=n)).isoformat(), "value": value}
        for n, value in enumerate(values)
    ]


def with_email(user, address):
    user.email = address
    user.save()
    return user


@pytest.fixture
def team(db, wessex_lead, frontline_member):
    with_email(wessex_lead, "lead@wessex.example.nhs.uk")
    with_email(frontline_member, "nurse@wessex.example.nhs.uk")
    project = project_create(
        by=wessex_lead,
        title="Falls on Wessex wards",
        lead_region=region("wessex"),
        topic="falls",
        status="active",
        start_date=this_monday() - timedelta(weeks=530),
    )
    ProjectMemberFactory(project=project, user=frontline_member)
    return project


@pytest.fixture
def falls(team):
    return MeasureFactory(project=team, name="Falls per 1,000 bed-days")


@pytest.fixture
def readers(db, national_viewer, oxford_lead):
    """A national viewer and another region's lead, both wanting the digest."""
    with_email(national_viewer, "viewer@england.example.nhs.uk")
    with_email(oxford_lead, "lead@oxford.example.nhs.uk")
    return national_viewer, oxford_lead


@pytest.fixture
def api_as():
    def client(user):
        api = APIClient()
        api.force_authenticate(user)
        return api

    return client


@pytest.fixture
def someone(db):
    return with_email(UserFactory(username="someone"), "someone@example.nhs.uk")
