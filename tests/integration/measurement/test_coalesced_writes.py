"""A weekday's writes coalesce: a batch of many measures is one statement and a bounded number
of tasks, a duplicate refresh does nothing, and the rollups run once for a burst of changes."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from measurement import tasks as measurement_tasks
from measurement.entry_rules import CleanPoint
from measurement.models import Measure
from measurement.services.point_saves import MeasurePoints, points_save
from measurement.services.refresh import REFRESH_CHUNK, refresh_measures
from reporting import tasks as reporting_tasks
from reporting.models import PendingRollup
from reporting.rollups import scheduling
from reporting.rollups.pending import forget_marks_seen
from tests.factories import MeasureFactory, ProjectFactory, region

MONDAY = date(2024, 1, 1)


@pytest.fixture
def sent(monkeypatch):
    """The task messages a change sends, by task, instead of sending (or running) them."""
    messages = {"refresh": [], "rollup": []}
    monkeypatch.setattr(
        measurement_tasks.refresh_measures,
        "apply_async",
        lambda args, **options: messages["refresh"].append(list(args[0])),
    )
    monkeypatch.setattr(
        reporting_tasks.rollup_incremental,
        "apply_async",
        lambda args=(), **options: messages["rollup"].append(options),
    )
    return messages


def _measures(count: int) -> list[Measure]:
    project = ProjectFactory(lead_region=region("wessex"))
    template = MeasureFactory.build(project=project)
    fields = {f.attname: getattr(template, f.attname) for f in Measure._meta.concrete_fields}
    fields.pop("id")
    measures = Measure.objects.bulk_create([Measure(**fields) for _ in range(count)])
    for measure in measures:
        measure.project = project  # as the API reads them, with their project
    return measures


@pytest.mark.django_db
def test_a_10000_measure_write_sends_a_bounded_number_of_tasks(
    wessex_lead, sent, django_capture_on_commit_callbacks
):
    measures = _measures(10_000)
    batches = [MeasurePoints(m, [CleanPoint(0, MONDAY, value=1.0)]) for m in measures]
    PendingRollup.objects.all().delete()  # the project's own creation marked its years
    forget_marks_seen()
    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True),
    ):
        plan = points_save(by=wessex_lead, batches=batches)

    assert plan.created == 10_000
    assert sent["refresh"] and len(sent["refresh"]) == 10_000 // REFRESH_CHUNK
    assert sorted(pk for chunk in sent["refresh"] for pk in chunk) == sorted(m.pk for m in measures)
    marking = [q for q in queries if q["sql"].lstrip().startswith("UPDATE measurement_measure")]
    assert len(marking) <= 2  # one statement per 5,000 measures (PostgreSQL: one), not one each
    assert not PendingRollup.objects.exists()  # the write holds no lock on the rollups' marks
    versions = set(Measure.objects.values_list("data_version", "stale_from"))
    assert versions == {(1, MONDAY)}


@pytest.mark.django_db
def test_a_refresh_of_a_current_measure_writes_nothing(wessex_lead):
    measure = MeasureFactory(project=ProjectFactory(lead_region=region("wessex")))
    rows = [{"period": MONDAY + timedelta(weeks=i), "value": v} for i, v in enumerate([4, 5, 6])]
    from measurement.services.data import data_points_upsert

    data_points_upsert(by=wessex_lead, measure=measure, rows=rows)
    refresh_measures([measure.pk])  # now current
    with CaptureQueriesContext(connection) as queries:
        refresh_measures([measure.pk])
    statements = {q["sql"].split()[0] for q in queries} - {"SAVEPOINT", "RELEASE"}
    assert statements == {"SELECT"}


def test_a_burst_of_changes_queues_one_rollup_run_and_a_change_after_it_starts_another(
    sent, monkeypatch
):
    monkeypatch.setattr(scheduling, "_eager", lambda: False)
    scheduling.run_starting()
    for _ in range(50):
        scheduling.schedule_incremental_run()
    assert len(sent["rollup"]) == 1 and sent["rollup"][0]["countdown"] > 0
    scheduling.run_starting()  # the queued run begins: later changes need another
    scheduling.schedule_incremental_run()
    assert len(sent["rollup"]) == 2


def test_on_a_busy_day_a_run_starts_no_sooner_than_the_interval_after_the_last(
    sent, monkeypatch, settings
):
    monkeypatch.setattr(scheduling, "_eager", lambda: False)
    settings.ROLLUP_DEBOUNCE_SECONDS, settings.ROLLUP_MIN_INTERVAL_SECONDS = 2, 30
    cache.delete(scheduling.LAST_STARTED)
    scheduling.schedule_incremental_run()  # a quiet day: the debounce alone
    assert sent["rollup"][-1]["countdown"] == 2
    scheduling.run_starting()
    scheduling.schedule_incremental_run()  # the next change, just after that run started
    assert 27 < sent["rollup"][-1]["countdown"] <= 30
