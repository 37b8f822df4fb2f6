"""A made-up Wessex: one team up to date (one value on time, one late), one team overdue, a
rare-event measure, and an Oxford team that the Wessex page leaves out."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from measurement.models import DataPoint, Measure
from measurement.periods import last_complete_period, latest_due_period, on_time_until, shift
from projects.models import ProjectRole
from tests.factories import MeasureFactory, ProjectFactory, ProjectMemberFactory, UserFactory
from tests.factories import region as region_called


def today():
    return timezone.localdate()


def point(measure, period, entered_on, value=5.0):
    """A value for `period`, first entered on the day `entered_on`."""
    saved = DataPoint.objects.create(measure=measure, period=period, value=value)
    when = timezone.make_aware(datetime.combine(entered_on, time(12)))
    DataPoint.history.filter(id=saved.pk).update(history_date=when)
    return saved


def person(username, first, last, email):
    return UserFactory(username=username, first_name=first, last_name=last, email=email)


@pytest.fixture
def wessex(db, wessex_lead):
    return made_up_wessex(wessex_lead)


def made_up_wessex(wessex_lead) -> dict:
    wessex_lead.email = "lead@wessex.example.nhs.uk"
    wessex_lead.save()
    frequency = "weekly"
    latest = last_complete_period(today(), frequency)
    due = latest_due_period(today(), frequency)
    steady = ProjectFactory(title="Pressure ulcers in Poole")
    quiet = ProjectFactory(title="Falls on Wessex wards")
    ProjectMemberFactory(
        project=quiet,
        user=person("ward.sister", "Wendy", "Sister", "sister@wessex.example.nhs.uk"),
        role=ProjectRole.LEAD,
    )
    ProjectMemberFactory(
        project=quiet, user=person("staff.nurse", "Sam", "Nurse", "nurse@wessex.example.nhs.uk")
    )
    on_time = MeasureFactory(project=steady, name="Ulcers found on time")
    late = MeasureFactory(project=steady, name="Ulcers found late")
    overdue = MeasureFactory(project=quiet, name="Falls per 1,000 bed-days")
    MeasureFactory(project=quiet, name="Never events", data_type="events", chart="t")
    oxford = ProjectFactory(title="Oxford sepsis", lead_region=region_called("oxford"))
    MeasureFactory(project=oxford, name="Sepsis screening")
    Measure.objects.update(created_at=timezone.now() - timedelta(weeks=30))
    point(on_time, latest, on_time_until(latest, frequency) - timedelta(days=7))
    point(late, latest, on_time_until(latest, frequency) + timedelta(days=1))
    point(overdue, shift(due, frequency, -3), on_time_until(shift(due, frequency, -3), frequency))
    return {"steady": steady, "quiet": quiet, "overdue": overdue, "latest": latest, "due": due}
