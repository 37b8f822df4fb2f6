"""Which signals a team is told of (only news: a point of the last 8 weeks, or 2 complete months),
told once, and as each member's settings say."""

from datetime import timedelta

from django.utils import timezone

from measurement.models import Notification, NotificationSettings, SeenSignal
from measurement.periods import shift
from measurement.services.data import data_points_upsert
from tests.factories import MeasureFactory
from tests.integration.notifications.conftest import this_monday, weekly_rows

STEADY = [50, 52, 49, 51, 48, 51, 50, 49, 52, 48] * 3


def enter(by, measure, rows, capture):
    with capture(execute=True):
        summary = data_points_upsert(by=by, measure=measure, rows=rows)
    assert summary.saved, summary.rejected
    return summary


def test_a_signal_nine_weeks_ago_is_recorded_but_told_to_no_one(
    falls, wessex_lead, mailoutbox, django_capture_on_commit_callbacks
):
    nine_weeks_ago = this_monday() - timedelta(weeks=8)
    enter(
        wessex_lead,
        falls,
        weekly_rows([*STEADY, 75], last=nine_weeks_ago),
        django_capture_on_commit_callbacks,
    )
    assert SeenSignal.objects.filter(measure=falls, first_period=nine_weeks_ago).exists()
    assert not Notification.objects.exists() and mailoutbox == []


def test_a_signal_in_the_eighth_week_back_is_news_and_told_once(
    falls, wessex_lead, mailoutbox, django_capture_on_commit_callbacks
):
    eighth_week = this_monday() - timedelta(weeks=7)
    enter(
        wessex_lead,
        falls,
        weekly_rows([*STEADY, 75], last=eighth_week),
        django_capture_on_commit_callbacks,
    )
    assert Notification.objects.filter(measure=falls).count() == 2  # the lead and the nurse
    # A correction to the same week changes nothing told.
    enter(
        wessex_lead,
        falls,
        [{"period": eighth_week.isoformat(), "value": 76}],
        django_capture_on_commit_callbacks,
    )
    assert Notification.objects.filter(measure=falls).count() == 2 and len(mailoutbox) == 1


def test_a_monthly_measure_tells_of_the_two_latest_complete_months(
    team, wessex_lead, django_capture_on_commit_callbacks
):
    month = timezone.localdate().replace(day=1)
    for months_back, told in [(3, False), (2, True)]:
        measure = MeasureFactory(project=team, frequency="monthly", name=f"{months_back} back")
        last = shift(month, "monthly", -months_back)
        rows = [
            {"period": shift(last, "monthly", n - 30).isoformat(), "value": v}
            for n, v in enumerate([*STEADY, 75])
        ]
        enter(wessex_lead, measure, rows, django_capture_on_commit_callbacks)
        messages = list(
            Notification.objects.filter(measure=measure).values_list("message", flat=True)
        )
        assert bool(messages) is told
        if told:
            assert f"in {last:%B %Y}" in messages[0]


def test_each_member_is_told_as_their_settings_say(
    falls, wessex_lead, frontline_member, mailoutbox, django_capture_on_commit_callbacks
):
    NotificationSettings.objects.create(user=wessex_lead, in_app=False, email=True)
    NotificationSettings.objects.create(user=frontline_member, in_app=True, email=False)
    enter(wessex_lead, falls, weekly_rows([*STEADY, 75]), django_capture_on_commit_callbacks)
    assert list(Notification.objects.values_list("user__username", flat=True)) == [
        "frontline.nurse"
    ]
    assert [m.to for m in mailoutbox] == [["lead@wessex.example.nhs.uk"]]


def test_no_one_who_wants_neither_is_told_yet_the_signal_is_seen(
    falls, wessex_lead, frontline_member, mailoutbox, django_capture_on_commit_callbacks
):
    for user in (wessex_lead, frontline_member):
        NotificationSettings.objects.create(user=user, in_app=False, email=False)
    enter(wessex_lead, falls, weekly_rows([*STEADY, 75]), django_capture_on_commit_callbacks)
    assert not Notification.objects.exists() and mailoutbox == []
    assert SeenSignal.objects.filter(measure=falls).exists()
