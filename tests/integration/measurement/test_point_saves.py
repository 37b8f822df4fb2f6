"""Saving many measures' points at once: what is written, what an unchanged re-send leaves alone,
and the lock, on whichever database the run uses (both writers on PostgreSQL)."""

import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import OperationalError, connection, transaction

from measurement.entry_rules import CleanPoint
from measurement.models import DataPoint, Measure
from measurement.services.data import data_points_upsert
from measurement.services.point_saves import MeasurePoints, points_save
from measurement.services.point_writes import PointWrite, write_with_orm, write_with_sql
from reporting.models import PendingRollup
from reporting.rollups.pending import forget_marks_seen
from tests.factories import MeasureFactory, ProjectFactory, region

MONDAY = date(2024, 1, 1)
ON_POSTGRESQL = connection.vendor == "postgresql"
WRITERS = [write_with_orm] + ([write_with_sql] if ON_POSTGRESQL else [])


def weeks(values, start=MONDAY):
    return [
        {"period": (start + timedelta(weeks=i)).isoformat(), "value": v}
        for i, v in enumerate(values)
    ]


def clean(values, start=MONDAY):
    return [CleanPoint(i, start + timedelta(weeks=i), value=v) for i, v in enumerate(values)]


def wessex_measure(**fields):
    return MeasureFactory(project=ProjectFactory(lead_region=region("wessex")), **fields)


def clear_rollup_marks():
    """As a rollup run does, so that later changes in the test's one transaction mark again."""
    PendingRollup.objects.all().delete()
    forget_marks_seen()


def history(measure):
    return list(
        DataPoint.history.filter(measure_id=measure.pk)
        .order_by("history_id")
        .values_list(
            "period",
            "value",
            "numerator",
            "denominator",
            "history_type",
            "history_user_id",
            "entered_by_id",
            "history_change_reason",
        )
    )


@pytest.mark.django_db
@pytest.mark.parametrize("write", WRITERS, ids=lambda writer: writer.__name__)
def test_each_writer_leaves_the_same_points_and_history(write, wessex_lead):
    points, rates = wessex_measure(), wessex_measure(data_type="rate", chart="u")
    first, later = datetime(2025, 1, 6, 9, tzinfo=UTC), datetime(2025, 2, 3, 9, tzinfo=UTC)
    write(
        [
            PointWrite(points.pk, MONDAY, 1.5, None, None, None),
            PointWrite(rates.pk, MONDAY, None, 3.0, 2.0, None),
        ],
        by=wessex_lead,
        now=first,
    )
    stored = DataPoint.objects.get(measure=points)
    write([PointWrite(points.pk, MONDAY, 2.25, None, None, stored.pk)], by=wessex_lead, now=later)

    stored.refresh_from_db()
    assert (stored.value, stored.entered_by, stored.updated_at) == (2.25, wessex_lead, later)
    assert history(points) == [
        (MONDAY, 1.5, None, None, "+", wessex_lead.pk, wessex_lead.pk, None),
        (MONDAY, 2.25, None, None, "~", wessex_lead.pk, wessex_lead.pk, None),
    ]
    assert history(rates) == [(MONDAY, None, 3.0, 2.0, "+", wessex_lead.pk, wessex_lead.pk, None)]
    assert set(
        DataPoint.history.filter(measure_id=points.pk).values_list("history_date", flat=True)
    ) == {first, later}


@pytest.mark.django_db
def test_an_unchanged_resend_writes_nothing_and_queues_nothing(
    wessex_lead, django_capture_on_commit_callbacks
):
    measure = wessex_measure()
    data_points_upsert(by=wessex_lead, measure=measure, rows=weeks([1, 2.5, 3]))
    clear_rollup_marks()
    measure.refresh_from_db()
    before = (
        measure.data_version,
        history(measure),
        list(DataPoint.objects.values_list("updated_at", flat=True)),
    )

    with django_capture_on_commit_callbacks() as callbacks:
        again = data_points_upsert(
            by=wessex_lead, measure=measure, rows=weeks(["1", 2.5, 3.0])
        )  # the same numbers, spelt anew
    measure.refresh_from_db()
    assert (again.created, again.updated, again.unchanged, again.saved) == (0, 0, 3, False)
    assert (
        measure.data_version,
        history(measure),
        list(DataPoint.objects.values_list("updated_at", flat=True)),
    ) == before
    assert not PendingRollup.objects.exists() and callbacks == []


@pytest.mark.django_db
def test_many_measures_bump_and_queue_one_refresh_from_their_earliest_change(
    wessex_lead, django_capture_on_commit_callbacks
):
    changed, untouched, new = wessex_measure(), wessex_measure(), wessex_measure()
    for measure in (changed, untouched):
        data_points_upsert(by=wessex_lead, measure=measure, rows=weeks([5, 6, 7, 8]))
    clear_rollup_marks()
    versions = dict(Measure.objects.values_list("pk", "data_version"))
    analysed_before = dict(Measure.objects.values_list("pk", "analysed_version"))

    with django_capture_on_commit_callbacks() as callbacks:
        plan = points_save(
            by=wessex_lead,
            batches=[
                MeasurePoints(changed, clean([5, 6, 70, 80])),
                MeasurePoints(untouched, clean([5, 6, 7, 8])),
                MeasurePoints(new, clean([1, 2], start=MONDAY + timedelta(weeks=10))),
            ],
        )

    assert (plan.created, plan.updated, plan.unchanged, plan.saved) == (2, 2, 6, True)
    assert plan.changed_from == {
        changed.pk: MONDAY + timedelta(weeks=2),
        new.pk: MONDAY + timedelta(weeks=10),
    }
    bumped = {
        pk: version - versions[pk]
        for pk, version in Measure.objects.values_list("pk", "data_version")
    }
    assert bumped == {changed.pk: 1, untouched.pk: 0, new.pk: 1}
    # The write marks no rollup (it would lock the marks for the whole request): the refresh
    # marks the years whose readings it changes.
    assert not PendingRollup.objects.exists()
    assert len(callbacks) == 1  # one refresh task for the batch, not one a measure
    for callback in callbacks:
        callback()
    analysed = dict(Measure.objects.values_list("pk", "analysed_version"))
    assert analysed[changed.pk] == versions[changed.pk] + 1
    assert analysed[new.pk] == versions[new.pk] + 1
    assert analysed[untouched.pk] == analysed_before[untouched.pk]  # no refresh for it
    marked = set(PendingRollup.objects.values_list("scope", "financial_year"))
    assert ("wessex", "2023-24") in marked and ("wessex", "2022-23") not in marked


@pytest.mark.django_db
def test_one_measure_the_user_may_not_enter_refuses_the_whole_save(wessex_lead):
    own = wessex_measure()
    foreign = MeasureFactory(project=ProjectFactory(lead_region=region("oxford")))
    with pytest.raises(PermissionDenied):
        points_save(
            by=wessex_lead,
            batches=[MeasurePoints(own, clean([1])), MeasurePoints(foreign, clean([1]))],
        )
    assert not DataPoint.objects.exists()


@pytest.mark.django_db
def test_a_dry_run_plans_without_writing(wessex_lead):
    measure = wessex_measure()
    plan = points_save(
        by=wessex_lead, batches=[MeasurePoints(measure, clean([1, 2]))], dry_run=True
    )
    assert (plan.created, plan.saved) == (2, False)
    assert not DataPoint.objects.exists() and not DataPoint.history.exists()


@pytest.mark.skipif(not ON_POSTGRESQL, reason="SQLite serialises writers without row locks")
@pytest.mark.django_db(transaction=True)
def test_a_save_waits_for_another_writer_of_the_same_measure(fifteen_regions, wessex_lead):
    measure = wessex_measure()
    locked, release = threading.Event(), threading.Event()

    def other_writer():
        with transaction.atomic():
            Measure.objects.select_for_update().get(pk=measure.pk)
            locked.set()
            release.wait(10)
        connection.close()

    thread = threading.Thread(target=other_writer)
    thread.start()
    try:
        assert locked.wait(10)
        with pytest.raises(OperationalError, match="lock timeout"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '300ms'")
            # A dry run writes nothing, so only the save's own lock can make it wait.
            data_points_upsert(by=wessex_lead, measure=measure, rows=weeks([1]), dry_run=True)
    finally:
        release.set()
        thread.join()
    assert not DataPoint.objects.exists()
    assert data_points_upsert(by=wessex_lead, measure=measure, rows=weeks([1])).created == 1
