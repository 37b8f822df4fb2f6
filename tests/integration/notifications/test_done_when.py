"""Issue 14's line: entering ten years of back data for a measure sends no notification; a new
signal this week sends one to the team and appears in the next weekly digest for the region's
lead (and the national viewer's), not in another region's lead's."""

from django.conf import settings
from django.utils import timezone

from measurement.models import Notification, NotificationKind, SeenSignal
from measurement.services.digest import weekly_digests_send
from tests.integration.notifications.conftest import this_monday, weekly_rows

# A steady process (no run of 7 either side, no trend, nothing near a limit)...
STEADY = [50, 52, 49, 51, 48, 51, 50, 49, 52, 48]
# ...with an excursion in its third year: points outside the limits and a shift, long ago.
TEN_YEARS = STEADY * 10 + [60, 62, 59, 61, 60] * 4 + STEADY * 40


def post_data(api, measure, rows):
    return api.post(f"/api/v1/measures/{measure.pk}/data/", {"points": rows}, format="json")


def digests(mailoutbox):
    return {m.to[0]: m.body for m in mailoutbox if m.subject.startswith("Weekly digest")}


def test_ten_years_of_back_data_tell_no_one_and_this_weeks_signal_tells_the_team(
    falls,
    readers,
    wessex_lead,
    frontline_member,
    api_as,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    assert len(TEN_YEARS) == 520
    with django_capture_on_commit_callbacks(execute=True):
        response = post_data(api_as(frontline_member), falls, weekly_rows(TEN_YEARS))
    assert response.status_code == 200 and response.json()["created"] == 520
    falls.refresh_from_db()
    assert falls.analysed_version == falls.data_version  # the refresh ran
    assert SeenSignal.objects.filter(measure=falls).count() >= 2  # the old signals, kept silent
    assert not Notification.objects.exists() and mailoutbox == []
    assert weekly_digests_send() == 0

    this_week = [{"period": this_monday().isoformat(), "value": 75}]
    with django_capture_on_commit_callbacks(execute=True):
        assert post_data(api_as(frontline_member), falls, this_week).status_code == 200
    told = Notification.objects.filter(measure=falls, kind=NotificationKind.SIGNAL)
    assert sorted(told.values_list("user__username", flat=True)) == [
        "frontline.nurse",
        "lead.wessex",
    ]
    week = f"the week of {this_monday():%-d %B %Y}"
    message = (
        f"Falls per 1,000 bed-days: a point above the upper limit "
        f"(special cause improvement) in {week}"
    )
    assert set(told.values_list("message", flat=True)) == {message}
    assert len(mailoutbox) == 1
    assert sorted(mailoutbox[0].to) == ["lead@wessex.example.nhs.uk", "nurse@wessex.example.nhs.uk"]

    mailoutbox.clear()
    assert weekly_digests_send(now=timezone.now()) == 2
    sent = digests(mailoutbox)
    assert set(sent) == {"lead@wessex.example.nhs.uk", "viewer@england.example.nhs.uk"}
    for body in sent.values():
        assert "Wessex (1)" in body and week in body
        assert f"{settings.SITE_URL}{falls.get_absolute_url()}" in body
        assert body.count("- Falls per 1,000 bed-days") == 1  # the old signals are not news
