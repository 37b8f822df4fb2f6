"""The programme list and overview read a fixed number of queries, however many programmes,
teams, sessions and shared measures there are."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning.models import SessionAttendance, SessionMaterial, SharedMeasure
from measurement.models import Measure, StandardMeasure
from tests.factories import (
    LearningSessionFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ProgrammeMemberFactory,
    ProjectFactory,
    UserFactory,
    region,
)

pytestmark = pytest.mark.django_db


def _programmes(n: int) -> None:
    for i in range(n):
        programme = ProgrammeFactory(lead_regions=["wessex", "oxford"])
        ProgrammeMemberFactory(programme=programme)
        ProgrammeMemberFactory(programme=programme)
        if i % 2:
            programme.is_national = True
            programme.save()


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_reads_as_many_queries_for_10_programmes_as_for_3(
    client_for, frontline_member, django_assert_max_num_queries
):
    client = client_for(frontline_member)
    _programmes(3)
    with_three = _count(client, "/programmes/")
    _programmes(7)
    with django_assert_max_num_queries(with_three):
        page = client.get("/programmes/").content.decode()
    assert page.count("Wessex, Oxford") == 10 or page.count("Oxford, Wessex") == 10


def _teams(programme, n: int, standards) -> None:
    sessions = list(programme.sessions.all())
    for i in range(n):
        slug = "wessex" if i % 2 else "oxford"
        project = ProjectFactory(lead_region=region(slug))
        project.organisations.add(OrganisationFactory(region=region(slug)))
        ProgrammeMemberFactory(programme=programme, project=project, joined_on=date(2016, 4, 1))
        for standard in standards:
            Measure.objects.create(
                project=project,
                standard=standard,
                name=standard.name,
                kind=standard.kind,
                data_type=standard.data_type,
                chart=standard.chart,
                rules=standard.rules,
            )
        for session in sessions:
            SessionAttendance.objects.create(
                session=session, project=project, user=UserFactory(), feedback_score=i % 11
            )


def test_the_overview_reads_as_many_queries_for_10_teams_as_for_3(
    client_for, frontline_member, django_assert_max_num_queries
):
    programme = ProgrammeFactory(lead_regions=["wessex"], leads=[UserFactory(), UserFactory()])
    standards = list(StandardMeasure.objects.order_by("slug")[:2])
    for position, standard in enumerate(standards):
        SharedMeasure.objects.create(programme=programme, standard=standard, position=position)
    for day in (date(2016, 6, 15), date(2016, 9, 20), date(2017, 1, 10)):
        session = LearningSessionFactory(programme=programme, held_on=day)
        SessionMaterial.objects.create(session=session, title="Slides", url="https://example.org")
    client = client_for(frontline_member)
    _teams(programme, 3, standards)
    with_three = _count(client, programme.get_absolute_url())
    _teams(programme, 7, standards)
    with django_assert_max_num_queries(with_three):
        page = client.get(programme.get_absolute_url()).content.decode()
    assert "Now 10 teams from 10 organisations in 2 regions." in page
