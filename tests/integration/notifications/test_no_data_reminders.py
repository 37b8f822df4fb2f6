"""'No data for N weeks': the team of an active project is reminded once a gap, on the site and
by email as each chose; completed projects and rare-event measures are left alone."""

from datetime import timedelta

from django.utils import timezone

from measurement.models import Notification, NotificationKind, NotificationSettings
from measurement.periods import shift
from measurement.services.data import data_points_upsert
from measurement.services.reminders import no_data_reminders_send
from projects.models import ProjectStatus
from tests.factories import MeasureFactory
from tests.integration.notifications.conftest import this_monday, weekly_rows

STEADY = [50, 52, 49, 51, 48, 51, 50, 49, 52, 48]


def enter(by, measure, rows):
    assert data_points_upsert(by=by, measure=measure, rows=rows).saved


def reminders():
    return Notification.objects.filter(kind=NotificationKind.NO_DATA)


def test_three_weeks_without_data_is_reminded_once(falls, wessex_lead, mailoutbox):
    last = this_monday() - timedelta(weeks=4)  # the 3 complete weeks after it are empty
    enter(wessex_lead, falls, weekly_rows(STEADY, last=last))
    told = no_data_reminders_send()
    assert sorted(n.user.username for n in told) == ["frontline.nurse", "lead.wessex"]
    assert told[0].message == (
        f"Falls per 1,000 bed-days: no data for 3 weeks, nothing entered after "
        f"the week of {last:%-d %B %Y}"
    )
    assert sorted(m.to[0] for m in mailoutbox) == [  # one email each
        "lead@wessex.example.nhs.uk",
        "nurse@wessex.example.nhs.uk",
    ]
    assert no_data_reminders_send() == [] and len(mailoutbox) == 2  # the next day: nothing


def test_two_weeks_without_data_is_not_yet_a_gap(falls, wessex_lead, mailoutbox):
    enter(wessex_lead, falls, weekly_rows(STEADY, last=this_monday() - timedelta(weeks=3)))
    assert no_data_reminders_send() == [] and mailoutbox == []


def test_new_data_then_a_new_gap_is_reminded_again(falls, wessex_lead):
    enter(wessex_lead, falls, weekly_rows(STEADY, last=this_monday() - timedelta(weeks=8)))
    assert len(no_data_reminders_send()) == 2
    enter(wessex_lead, falls, weekly_rows([50], last=this_monday() - timedelta(weeks=4)))
    assert len(no_data_reminders_send()) == 2
    assert reminders().count() == 4


def test_a_monthly_measure_waits_two_months(team, wessex_lead):
    this_month = timezone.localdate().replace(day=1)
    for months_back, reminded in [(2, False), (3, True)]:  # 1 or 2 complete months empty
        measure = MeasureFactory(project=team, frequency="monthly", name=f"{months_back} back")
        last = shift(this_month, "monthly", -months_back)
        enter(wessex_lead, measure, [{"period": last.isoformat(), "value": 3}])
        told = [n.message for n in no_data_reminders_send()]
        assert bool(told) is reminded
        if reminded:
            assert f"no data for 2 months, nothing entered after {last:%B %Y}" in told[0]


def test_completed_projects_are_not_reminded(falls, wessex_lead):
    enter(wessex_lead, falls, weekly_rows(STEADY, last=this_monday() - timedelta(weeks=8)))
    type(falls.project).objects.filter(pk=falls.project_id).update(
        status=ProjectStatus.COMPLETED, completed_on=timezone.localdate()
    )
    assert no_data_reminders_send() == []


def test_rare_event_measures_are_not_reminded(team):
    MeasureFactory(project=team, data_type="events", chart="t", rules="anhoej")
    assert no_data_reminders_send() == []


def test_a_measure_with_no_data_yet_counts_from_when_it_began(falls, wessex_lead):
    type(falls).objects.filter(pk=falls.pk).update(created_at=timezone.now() - timedelta(weeks=5))
    told = no_data_reminders_send()
    assert told and "no data entered yet, " in told[0].message


def test_settings_decide_how_each_member_is_reminded(
    falls, wessex_lead, frontline_member, mailoutbox
):
    NotificationSettings.objects.create(user=wessex_lead, in_app=False, email=True)
    NotificationSettings.objects.create(user=frontline_member, in_app=False, email=False)
    enter(wessex_lead, falls, weekly_rows(STEADY, last=this_monday() - timedelta(weeks=8)))
    assert no_data_reminders_send() == []
    assert [m.to for m in mailoutbox] == [["lead@wessex.example.nhs.uk"]]
    assert no_data_reminders_send() == [] and len(mailoutbox) == 1  # still once a gap
