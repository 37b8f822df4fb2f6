"""`field__any` (core/lookups.py): what `__in` finds, bound as one array on PostgreSQL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from measurement.models import Measure
from projects.models import Project
from tests.factories import MeasureFactory, ProjectFactory, region

pytestmark = pytest.mark.django_db


def test_any_finds_what_in_finds_for_fields_and_foreign_keys():
    projects = [ProjectFactory(lead_region=region("wessex")) for _ in range(3)]
    measures = [MeasureFactory(project=p) for p in projects for _ in range(2)]
    wanted = [measures[0].pk, measures[3].pk, measures[3].pk, None, 10**9]
    assert set(Measure.objects.filter(pk__any=wanted)) == set(Measure.objects.filter(pk__in=wanted))
    chosen = {projects[0].pk, projects[2].pk}
    assert set(Measure.objects.filter(project__any=chosen)) == set(
        Measure.objects.filter(project__in=chosen)
    )
    assert list(Measure.objects.filter(pk__any=[])) == []
    inner = Project.objects.filter(pk=projects[1].pk).values("pk")
    assert set(Measure.objects.filter(project__any=inner)) == set(measures[2:4])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the array is PostgreSQL's")
def test_on_postgresql_ten_thousand_ids_are_one_parameter():
    with CaptureQueriesContext(connection) as captured:
        list(Measure.objects.filter(pk__any=range(1, 10_001)))
    sql = captured[0]["sql"]  # as sent, with the array written out
    assert "= ANY(" in sql and " IN (" not in sql
