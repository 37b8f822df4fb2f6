"""A quarter's reading is the chart drawn from the data up to the quarter's end, so closed
quarters are frozen: a refresh re-reads quarters only from the quarter of the earliest changed
period on (docs/adr/0005-frozen-quarter-readings.md), and what it stores always equals the
readings recomputed from scratch."""

from datetime import date, timedelta

import pytest
from django.db.models import F

from measurement.analysis import analyse_inputs, analyse_measure, read_inputs
from measurement.models import Measure
from measurement.readings import current_variation, quarter_end_readings, quarter_states
from measurement.services import refresh
from measurement.services.data import data_point_delete, data_points_upsert
from measurement.services.measures import measure_update
from measurement.services.refresh import refresh_measure
from reporting.models import PendingRollup
from tests.factories import MeasureFactory, ProjectFactory, region

Q1_START = date(2016, 4, 11)  # 12 weeks to 27 June: all in Q1 of 2016-17
Q2_START = date(2016, 7, 4)
STABLE = [50, 52, 49, 51, 50, 48, 52, 50, 49, 51, 50, 52]
HIGHER = [58, 59, 57, 58, 60, 59, 58, 59]


def weeks(values, start):
    return [{"period": start + timedelta(weeks=i), "value": v} for i, v in enumerate(values)]


def stored(measure) -> dict:
    return {(s.financial_year, s.quarter): s.variation for s in measure.quarter_states.all()}


def as_the_chart_reads_now(measure) -> dict:
    """With hindsight: every quarter read from today's chart (what was stored before)."""
    return quarter_states(analyse_measure(Measure.objects.get(pk=measure.pk)))


def from_scratch(measure) -> dict:
    inputs = read_inputs(Measure.objects.get(pk=measure.pk))
    return quarter_end_readings(
        analyse_inputs(inputs), lambda day: current_variation(analyse_inputs(inputs, upto=day))
    )


LAST_Q1_WEEK = Q1_START + timedelta(weeks=11)


@pytest.fixture
def measure(db):
    return MeasureFactory(project=ProjectFactory(lead_region=region("wessex")))


@pytest.fixture
def save(wessex_lead, django_capture_on_commit_callbacks):
    def save(measure, rows):
        with django_capture_on_commit_callbacks(execute=True):  # the refresh task, eagerly
            data_points_upsert(by=wessex_lead, measure=measure, rows=rows)

    return save


@pytest.fixture
def shifted(measure, save):
    """Q1 stable, then a sustained rise in Q2: the whole chart now reads Q1 as below the mean."""
    save(measure, weeks(STABLE, Q1_START))
    assert stored(measure)[("2016-17", 1)] == "common_cause"
    save(measure, weeks(HIGHER, Q2_START))
    return measure


def test_new_weeks_do_not_change_a_closed_quarters_reading(shifted):
    assert as_the_chart_reads_now(shifted)[("2016-17", 1)] == "special_cause_concern"
    readings = stored(shifted)
    assert readings[("2016-17", 1)] == "common_cause"  # as the chart read with Q1's data
    assert readings[("2016-17", 2)] == readings[("2016-17", 0)] == "special_cause_improvement"
    assert readings == from_scratch(shifted)


def test_a_back_dated_correction_re_reads_from_its_quarter(shifted, save):
    save(shifted, [{"period": LAST_Q1_WEEK, "value": 90}])  # an outlier ends Q1
    assert stored(shifted)[("2016-17", 1)] == "special_cause_improvement"
    assert stored(shifted) == from_scratch(shifted)


def test_deleting_a_past_point_re_reads_from_its_quarter(
    shifted, save, wessex_lead, django_capture_on_commit_callbacks
):
    save(shifted, [{"period": LAST_Q1_WEEK, "value": 90}])
    with django_capture_on_commit_callbacks(execute=True):
        data_point_delete(by=wessex_lead, measure=shifted, period=LAST_Q1_WEEK)
    assert stored(shifted)[("2016-17", 1)] == "common_cause"
    assert stored(shifted) == from_scratch(shifted)


def test_a_rule_change_re_reads_every_quarter(
    shifted, save, wessex_lead, django_capture_on_commit_callbacks
):
    save(shifted, [{"period": LAST_Q1_WEEK, "value": 90}])
    with django_capture_on_commit_callbacks(execute=True):
        measure_update(by=wessex_lead, measure=shifted, improvement="decrease")
    assert stored(shifted)[("2016-17", 1)] == "special_cause_concern"  # now lower is better
    assert stored(shifted) == from_scratch(shifted)


def test_a_new_week_marks_only_its_own_year_pending(measure, save):
    save(measure, weeks(STABLE, Q1_START))
    save(measure, weeks(HIGHER, date(2017, 4, 3)))  # the next financial year
    PendingRollup.objects.all().delete()
    save(measure, [{"period": date(2017, 4, 3) + timedelta(weeks=8), "value": 61}])
    years = set(PendingRollup.objects.values_list("financial_year", flat=True))
    assert "2016-17" not in years
    assert stored(measure)[("2016-17", 1)] == "common_cause"


def test_a_repeated_refresh_changes_nothing(shifted):
    before = stored(shifted)
    refresh_measure(shifted.pk)  # a duplicate task: nothing is stale
    assert stored(shifted) == before
    shifted.refresh_from_db()
    assert shifted.stale_from is None and shifted.analysed_version == shifted.data_version


def test_a_change_during_a_refresh_keeps_its_mark(shifted, wessex_lead, monkeypatch):
    """A refresh clears `stale_from` only if no change came in after it read the measure."""
    real_analysis = refresh.analyse_inputs

    def analyse_while_a_correction_is_saved(inputs, upto=None):
        analysis = real_analysis(inputs, upto)
        data_points_upsert(
            by=wessex_lead, measure=shifted, rows=[{"period": Q1_START, "value": 51}]
        )
        return analysis

    Measure.objects.filter(pk=shifted.pk).update(data_version=F("data_version") + 1)  # stale
    monkeypatch.setattr(refresh, "analyse_inputs", analyse_while_a_correction_is_saved)
    refresh_measure(shifted.pk)
    shifted.refresh_from_db()
    assert shifted.stale_from == Q1_START
    assert shifted.analysed_version < shifted.data_version  # the sweep will re-read it
