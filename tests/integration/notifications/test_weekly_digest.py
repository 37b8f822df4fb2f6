"""The weekly digest: the week's new signals in each reader's scope, grouped by region, capped
with a count and a link, for those who want it."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from measurement.models import NotificationSettings, SeenSignal
from measurement.services import digest
from measurement.services.data import data_points_upsert
from tests.factories import MeasureFactory, ProjectFactory, region
from tests.integration.notifications.conftest import weekly_rows, with_email

STEADY = [50, 52, 49, 51, 48, 51, 50, 49, 52, 48] * 3
SIGNAL = [*STEADY, 75]


def signal_on(measure, by, capture):
    with capture(execute=True):
        data_points_upsert(by=by, measure=measure, rows=weekly_rows(SIGNAL))


def bodies(mailoutbox):
    return {m.to[0]: m.body for m in mailoutbox if m.subject.startswith("Weekly digest")}


def test_a_lead_of_a_region_that_joins_the_project_reads_its_signals(
    falls, readers, wessex_lead, mailoutbox, django_capture_on_commit_callbacks
):
    national_viewer, oxford_lead = readers
    falls.project.participating_regions.add(region("oxford"))
    signal_on(falls, wessex_lead, django_capture_on_commit_callbacks)
    mailoutbox.clear()
    assert digest.weekly_digests_send() == 3
    assert (
        "Falls per 1,000 bed-days (Falls on Wessex wards)"
        in bodies(mailoutbox)["lead@oxford.example.nhs.uk"]
    )


def test_a_week_old_signal_is_last_weeks_news(
    falls, readers, wessex_lead, mailoutbox, django_capture_on_commit_callbacks
):
    signal_on(falls, wessex_lead, django_capture_on_commit_callbacks)
    SeenSignal.objects.update(seen_at=timezone.now() - timedelta(days=8))
    assert digest.weekly_digests_send() == 0


def test_someone_who_turned_the_digest_off_gets_none(
    falls, readers, wessex_lead, mailoutbox, django_capture_on_commit_callbacks
):
    national_viewer, _ = readers
    NotificationSettings.objects.create(user=national_viewer, weekly_digest=False)
    signal_on(falls, wessex_lead, django_capture_on_commit_callbacks)
    mailoutbox.clear()
    assert digest.weekly_digests_send() == 1
    assert set(bodies(mailoutbox)) == {"lead@wessex.example.nhs.uk"}


def test_a_national_digest_groups_by_region_and_counts_past_the_cap(
    national_viewer,
    national_admin,
    wessex_lead,
    mailoutbox,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    monkeypatch.setattr(digest, "PER_REGION", 3)
    with_email(national_viewer, "viewer@england.example.nhs.uk")
    oxford = ProjectFactory(title="Oxford sepsis", lead_region=region("oxford"))
    wessex = ProjectFactory(title="Wessex falls", lead_region=region("wessex"))
    for _ in range(5):
        signal_on(MeasureFactory(project=wessex), wessex_lead, django_capture_on_commit_callbacks)
    signal_on(
        MeasureFactory(project=oxford),
        national_admin,
        django_capture_on_commit_callbacks,
    )
    mailoutbox.clear()
    assert digest.weekly_digests_send() == 1  # the viewer alone has an email address
    body = bodies(mailoutbox)["viewer@england.example.nhs.uk"]
    assert body.index("Oxford (1)") < body.index("Wessex (5)")  # regions in name order
    assert body.count("(Wessex falls)") == 3
    wessex_page = f"{settings.SITE_URL}{region('wessex').get_absolute_url()}"
    assert f"- and 2 more in Wessex: {wessex_page}" in body
    assert "6 new special-cause signals" not in body and ": 6." in body
