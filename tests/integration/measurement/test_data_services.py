from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from measurement.models import DataPoint, Notification, SeenSignal
from measurement.periods import period_start
from measurement.services.data import data_points_upsert
from tests.factories import MeasureFactory, ProjectFactory, ProjectMemberFactory, region

MONDAY = date(2024, 1, 1)
# 20 weeks ending this week: signals in them are news (the last 8 weeks), told to the team.
RECENT = period_start(timezone.localdate(), "weekly") - timedelta(weeks=19)


def weeks(values, start=MONDAY):
    return [
        {"period": (start + timedelta(weeks=i)).isoformat(), "value": v}
        for i, v in enumerate(values)
    ]


@pytest.fixture
def measure(db):
    return MeasureFactory(project=ProjectFactory(lead_region=region("wessex")))


def test_upsert_creates_then_reports_unchanged_then_updates(wessex_lead, measure):
    first = data_points_upsert(by=wessex_lead, measure=measure, rows=weeks([1, 2, 3]))
    assert (first.created, first.updated, first.unchanged, first.rejected) == (3, 0, 0, [])
    again = data_points_upsert(by=wessex_lead, measure=measure, rows=weeks([1, 2, 3]))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    changed = data_points_upsert(by=wessex_lead, measure=measure, rows=weeks([1, 5, 3]))
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 2)
    assert DataPoint.objects.get(period=MONDAY + timedelta(weeks=1)).value == 5


def test_a_correction_keeps_who_when_and_the_old_value(wessex_lead, national_admin, measure):
    data_points_upsert(by=wessex_lead, measure=measure, rows=weeks([10]))
    data_points_upsert(by=national_admin, measure=measure, rows=weeks([12]))
    point = DataPoint.objects.get()
    newest, oldest = point.history.all()[:2]
    assert (oldest.value, oldest.history_user) == (10, wessex_lead)
    assert (newest.value, newest.history_user) == (12, national_admin)


def test_a_batch_with_a_bad_row_saves_nothing(wessex_lead, measure):
    rows = weeks([1, 2, 3])
    rows[1]["value"] = "lots"
    summary = data_points_upsert(by=wessex_lead, measure=measure, rows=rows)
    assert [(p.index, p.field, p.code) for p in summary.rejected] == [(1, "value", "not_a_number")]
    assert not summary.saved and not DataPoint.objects.exists()


def test_partial_saves_the_good_rows_and_reports_the_rest(wessex_lead, measure):
    rows = weeks([1, 2, 3])
    rows[2]["period"] = "2024-01-16"  # a Tuesday
    summary = data_points_upsert(by=wessex_lead, measure=measure, rows=rows, partial=True)
    assert summary.created == 2 and [p.code for p in summary.rejected] == ["not_monday"]
    assert DataPoint.objects.count() == 2


def test_a_dry_run_reports_without_saving(wessex_lead, measure):
    summary = data_points_upsert(by=wessex_lead, measure=measure, rows=weeks([1, 2]), dry_run=True)
    assert summary.created == 2 and not DataPoint.objects.exists()


def test_another_regions_lead_cannot_enter_data(oxford_lead, measure):
    with pytest.raises(PermissionDenied):
        data_points_upsert(by=oxford_lead, measure=measure, rows=weeks([1]))
    assert not DataPoint.objects.exists()


def test_team_members_enter_their_own_projects_data(frontline_member, measure):
    ProjectMemberFactory(project=measure.project, user=frontline_member)
    assert data_points_upsert(by=frontline_member, measure=measure, rows=weeks([4])).created == 1


def test_a_new_signal_notifies_the_team_once(
    frontline_member, measure, mailoutbox, django_capture_on_commit_callbacks
):
    frontline_member.email = "nurse@example.nhs.uk"
    frontline_member.save()
    ProjectMemberFactory(project=measure.project, user=frontline_member)
    baseline = [50, 51, 49, 50, 52, 48, 50, 49, 51, 50, 49, 51]
    with django_capture_on_commit_callbacks(execute=True):
        data_points_upsert(by=frontline_member, measure=measure, rows=weeks(baseline, RECENT))
    measure.refresh_from_db()
    assert measure.variation == "common_cause"
    assert not Notification.objects.exists()
    shifted = weeks([58, 59, 57, 58, 60, 59, 58, 59], start=RECENT + timedelta(weeks=12))
    with django_capture_on_commit_callbacks(execute=True):
        data_points_upsert(by=frontline_member, measure=measure, rows=shifted)
    measure.refresh_from_db()
    assert measure.variation == "special_cause_improvement"
    messages = list(
        Notification.objects.filter(user=frontline_member).values_list("message", flat=True)
    )
    shift_from = RECENT + timedelta(weeks=12)
    assert (
        f"{measure.name}: a shift upwards (special cause improvement), 8 points from the week "
        f"of {shift_from:%-d %B %Y}"
    ) in messages
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["nurse@example.nhs.uk"]
    seen = SeenSignal.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        data_points_upsert(
            by=frontline_member,
            measure=measure,
            rows=[{"period": shifted[0]["period"], "value": 58.5}],
        )
    assert SeenSignal.objects.count() == seen
    assert len(mailoutbox) == 1


def test_new_signals_found_in_one_refresh_go_to_the_mail_in_one_task(
    wessex_lead, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    from measurement import tasks
    from measurement.services.refresh import refresh_measures

    measures = []
    for n in range(3):
        measure = MeasureFactory(project=ProjectFactory(lead_region=region("wessex")))
        member = ProjectMemberFactory(project=measure.project).user
        member.email = f"team{n}@example.nhs.uk"
        member.save()
        data_points_upsert(
            by=wessex_lead,
            measure=measure,
            rows=weeks(
                [50, 51, 49, 50, 52, 48, 50, 49, 51, 50, 49, 51, 58, 59, 57, 58, 60, 59], RECENT
            ),
        )
        measures.append(measure)
    sent = []
    real = tasks.email_new_signals.apply_async
    monkeypatch.setattr(
        tasks.email_new_signals,
        "apply_async",
        lambda args, **options: sent.append(args[0]) or real(args, **options),
    )
    with django_capture_on_commit_callbacks(execute=True):
        refresh_measures([m.pk for m in measures])
    assert len(sent) == 1 and len(sent[0]) == 3  # one message to the broker for the batch
    assert sorted(m.to[0] for m in mailoutbox) == [f"team{n}@example.nhs.uk" for n in range(3)]
    # The link opens from a mail client: the site's address, not a path alone.
    assert f"See the chart: http://127.0.0.1:8000/measures/{measures[0].pk}/" in "".join(
        m.body for m in mailoutbox
    )
