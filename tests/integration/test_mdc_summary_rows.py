"""The Making Data Count summary's rows: every measure of a region's projects, its latest value
and target in display units, its variation and assurance in words, in a few queries."""

from datetime import date

import pytest

from measurement.models import DataPoint, Event, Measure
from reporting.mdc_summary import matrix_of, summary_rows
from tests.factories import MeasureFactory, ProjectFactory, region

pytestmark = pytest.mark.django_db


def test_a_proportion_reads_its_latest_point_in_display_units():
    measure = MeasureFactory(
        name="Screened within an hour",
        data_type="proportion",
        chart="p",
        unit="%",
        multiplier=100,
        target=0.85,
        variation="special_cause_concern",
        assurance="consistent_fail",
    )
    DataPoint.objects.create(measure=measure, period=date(2026, 11, 2), numerator=8, denominator=10)
    DataPoint.objects.create(measure=measure, period=date(2026, 11, 9), numerator=9, denominator=10)
    [row] = summary_rows(Measure.objects.filter(pk=measure.pk))
    assert (row.latest_value, row.latest_value_text) == (90.0, "90.0%")
    assert (row.latest_period, row.latest_period_text) == (date(2026, 11, 9), "9 November 2026")
    assert (row.target, row.target_text) == (85.0, "85%")
    assert row.variation_words == "Special cause concern"
    assert row.assurance_words == "Consistently misses the target"
    assert row.concern is True
    assert (row.project_title, row.region_name) == (measure.project.title, "Wessex")


def test_a_measure_without_data_or_target_says_so():
    measure = MeasureFactory()
    [row] = summary_rows(Measure.objects.filter(pk=measure.pk))
    assert (row.latest_value, row.latest_value_text, row.latest_period) == (None, "", None)
    assert row.target_text == "None"
    assert row.variation_words == "Not enough data yet"
    assert row.assurance_words == "Not assessed"
    assert row.concern is False


def test_a_t_chart_reads_the_days_since_the_previous_event():
    measure = MeasureFactory(data_type="events", chart="t", improvement="increase")
    Event.objects.create(measure=measure, date=date(2026, 10, 1))
    Event.objects.create(measure=measure, date=date(2026, 10, 31))
    [row] = summary_rows(Measure.objects.filter(pk=measure.pk))
    assert (row.latest_value, row.latest_period) == (30.0, date(2026, 10, 31))
    assert row.latest_value_text == "30 days since the previous event"


def test_reading_rows_costs_one_query_however_many_measures(django_assert_num_queries):
    for n in range(6):
        measure = MeasureFactory(project=ProjectFactory(lead_region=region("oxford")))
        DataPoint.objects.create(measure=measure, period=date(2026, 11, 2), value=n)
    with django_assert_num_queries(1):
        rows = summary_rows(Measure.objects.all())
    assert len(rows) == 6
    assert matrix_of(rows).total == 6
