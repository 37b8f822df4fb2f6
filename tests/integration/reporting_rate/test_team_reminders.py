"""'Send a reminder': the overdue team hears on the site and by email, once in 24 hours, and only
the region's leads, the programme's leads and national admins may send it."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from measurement.models import Notification, NotificationKind, NotificationSettings, TeamReminder
from measurement.services.team_reminders import NoOneToRemind, TooSoon, team_reminder_request
from tests.factories import ProgrammeFactory, ProgrammeMemberFactory, UserFactory
from tests.integration.reporting_rate.test_reporting_rate_page import text

REMIND = reverse("dashboards:reporting_rate_remind")
REMIND_ALL = reverse("dashboards:reporting_rate_remind_all")


def remind(client, project, capture, **scope):
    with capture(execute=True):
        return client.post(REMIND, {"region": "wessex", **scope, "project": project.pk})


def test_the_reminder_reaches_the_overdue_team(
    wessex, client_for, wessex_lead, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(wessex_lead)
    response = remind(client, wessex["quiet"], django_capture_on_commit_callbacks)
    assert response.status_code == 302
    told = Notification.objects.filter(kind=NotificationKind.NO_DATA)
    assert sorted(told.values_list("user__username", "measure__name")) == [
        ("staff.nurse", "Falls per 1,000 bed-days"),
        ("ward.sister", "Falls per 1,000 bed-days"),
    ]
    assert "Falls per 1,000 bed-days: no data for" in told.first().message
    assert sorted(m.to[0] for m in mailoutbox) == [
        "nurse@wessex.example.nhs.uk",
        "sister@wessex.example.nhs.uk",
    ]
    assert "Falls per 1,000 bed-days" in mailoutbox[0].body
    page = text(client.get(response.url))
    assert "A reminder is on its way to the team of “Falls on Wessex wards”" in page
    assert f"Reminded {timezone.localdate():%-d %B %Y}" in page


def test_each_member_s_settings_are_kept(
    wessex, client_for, wessex_lead, mailoutbox, django_capture_on_commit_callbacks
):
    nurse = wessex["quiet"].members.get(user__username="staff.nurse").user
    NotificationSettings.objects.create(user=nurse, in_app=False, email=False)
    remind(client_for(wessex_lead), wessex["quiet"], django_capture_on_commit_callbacks)
    assert list(Notification.objects.values_list("user__username", flat=True)) == ["ward.sister"]
    assert [m.to[0] for m in mailoutbox] == ["sister@wessex.example.nhs.uk"]


def test_a_second_reminder_within_24_hours_is_refused(
    wessex, client_for, wessex_lead, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(wessex_lead)
    remind(client, wessex["quiet"], django_capture_on_commit_callbacks)
    again = remind(client, wessex["quiet"], django_capture_on_commit_callbacks)
    page = text(client.get(again.url))
    assert "A team is reminded at most once in 24 hours" in page
    assert TeamReminder.objects.count() == 1 and len(mailoutbox) == 2
    TeamReminder.objects.update(sent_at=timezone.now() - timedelta(hours=25))
    remind(client, wessex["quiet"], django_capture_on_commit_callbacks)
    assert TeamReminder.objects.count() == 2 and len(mailoutbox) == 4


def test_others_are_refused_and_nothing_is_sent(
    wessex,
    client_for,
    frontline_member,
    oxford_lead,
    national_viewer,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    for user, scope in [
        (frontline_member, {}),
        (oxford_lead, {}),
        (oxford_lead, {"region": "oxford"}),  # its own page, another region's team
        (national_viewer, {}),
    ]:
        client = client_for(user)
        response = remind(client, wessex["quiet"], django_capture_on_commit_callbacks, **scope)
        assert response.status_code == 403, user
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(REMIND_ALL, {"region": "wessex"}).status_code == 403
    assert not TeamReminder.objects.exists()
    assert not Notification.objects.exists() and mailoutbox == []


def test_a_programme_lead_and_a_national_admin_may_remind(wessex, national_admin):
    lead = UserFactory(username="programme.lead")
    programme = ProgrammeFactory(leads=[lead])
    ProgrammeMemberFactory(programme=programme, project=wessex["quiet"])
    assert team_reminder_request(by=lead, project=wessex["quiet"])
    with pytest.raises(TooSoon):
        team_reminder_request(by=national_admin, project=wessex["quiet"])
    with pytest.raises(PermissionDenied):
        team_reminder_request(by=lead, project=wessex["steady"])  # not in the programme


def test_remind_all_reaches_every_overdue_team_once(
    wessex, client_for, wessex_lead, mailoutbox, django_capture_on_commit_callbacks
):
    client = client_for(wessex_lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REMIND_ALL, {"region": "wessex"})
    assert "Reminders are on their way to 1 team." in text(client.get(response.url))
    assert list(TeamReminder.objects.values_list("project__title", flat=True)) == [
        "Falls on Wessex wards"
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REMIND_ALL, {"region": "wessex"})
    assert "1 team was reminded in the last 24 hours" in text(client.get(response.url))
    assert len(mailoutbox) == 2


def test_a_team_with_no_one_on_it_is_not_offered_a_reminder(
    wessex, client_for, wessex_lead, django_capture_on_commit_callbacks
):
    wessex["quiet"].members.all().delete()
    client = client_for(wessex_lead)
    page = text(client.get(reverse("dashboards:reporting_rate"), {"region": "wessex"}))
    assert "No one on this team has an account yet, so there is no one to remind" in page
    assert "Send a reminder" not in page and "Remind all overdue teams" not in page
    with pytest.raises(NoOneToRemind):
        team_reminder_request(by=wessex_lead, project=wessex["quiet"])
    again = remind(client, wessex["quiet"], django_capture_on_commit_callbacks)
    assert "there is no one to remind" in text(client.get(again.url))
    assert not TeamReminder.objects.exists()
