"""The chart's time axis: it spans the data, long gaps are breaks, and the rest is listed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from measurement.charts import ChartSpec, PdsaMarker
from measurement.charts.period import date_range, outside_lines, span_sentence
from measurement.charts.spec import NoteMarker
from measurement.charts.timeline import (
    TimeScale,
    is_gap,
    missing_words,
    period_end,
    segments,
    time_scale,
)
from measurement.spc import MeasureSettings, Observation, analyse

MONDAY = date(2026, 1, 5)


def _weeks(*numbers: int) -> list[date]:
    return [MONDAY + timedelta(weeks=n) for n in numbers]


def _months(*numbers: int) -> list[date]:
    return [date(2020 + (n // 12), n % 12 + 1, 1) for n in numbers]


@pytest.mark.parametrize(
    ("weeks_apart", "gap"), [(1, False), (13, False), (14, True), (52 * 9, True)]
)
def test_a_weekly_series_breaks_after_more_than_13_weeks_between_points(weeks_apart, gap):
    assert is_gap(MONDAY, MONDAY + timedelta(weeks=weeks_apart), "weekly") is gap


@pytest.mark.parametrize(("months_apart", "gap"), [(1, False), (12, False), (13, True)])
def test_a_monthly_series_breaks_after_more_than_a_year_between_points(months_apart, gap):
    first, later = _months(0, months_apart)
    assert is_gap(first, later, "monthly") is gap


def test_events_never_break_the_line():
    assert not is_gap(MONDAY, MONDAY + timedelta(days=3000), None)


def test_segments_split_the_points_at_each_gap():
    periods = _weeks(0, 1, 2, 30, 31, 100)
    assert segments(periods, "weekly") == [(0, 3), (3, 5), (5, 6)]
    assert segments(_weeks(0, 1, 2), "weekly") == [(0, 3)]
    assert segments([], "weekly") == []


def test_period_end_is_the_sunday_or_the_months_last_day():
    assert period_end(MONDAY, "weekly") == date(2026, 1, 11)
    assert period_end(date(2024, 2, 1), "monthly") == date(2024, 2, 29)
    assert period_end(date(2024, 12, 1), "monthly") == date(2024, 12, 31)
    assert period_end(MONDAY, None) == MONDAY


def test_a_break_is_drawn_narrow_and_positions_stay_in_order():
    days = [0.0, 7.0, 14.0, 14.0 + 7 * 500, 14.0 + 7 * 501]
    periods = _weeks(0, 1, 2, 502, 503)
    scale = time_scale(days, periods, "weekly")
    positions = scale.positions([*days, 20.0, 1000.0])
    assert positions[:5] == sorted(positions[:5])
    ((left, right),) = scale.breaks()
    assert left == positions[2] and right == positions[3]
    # Years without data take a few weeks' width, not years'.
    assert right - left == pytest.approx(28.0)
    assert positions[4] - positions[3] == pytest.approx(7.0)  # plain time after the break
    assert left < positions[5] < positions[6] < right  # dates inside the break stay inside it


def test_without_a_break_positions_are_the_dates_themselves():
    scale = time_scale([0.0, 7.0, 14.0], _weeks(0, 1, 2), "weekly")
    assert scale.breaks() == []
    assert scale.positions([-3.0, 0.0, 10.0, 20.0]) == [-3.0, 0.0, 10.0, 20.0]
    assert TimeScale(((5.0, 9.0),)).position(7.0) == 7.0


def test_missing_time_is_said_in_weeks_months_or_years():
    assert missing_words(MONDAY, MONDAY + timedelta(weeks=21), "weekly") == "20 weeks"
    assert missing_words(MONDAY, MONDAY + timedelta(weeks=52 * 9), "weekly") == "about 9 years"
    for apart, words in (
        (15, "14 months"),
        (25, "2 years"),
        (31, "30 months"),
        (66, "about 5 years"),
    ):
        first, later = _months(0, apart)
        assert missing_words(first, later, "monthly") == words


def test_the_span_says_how_many_weeks_from_when_to_when():
    periods = _weeks(*range(20))
    assert span_sentence(periods, "weekly") == "20 weeks, 5 January to 18 May 2026."


def test_the_span_counts_weeks_without_data_inside_it():
    assert (
        span_sentence(_weeks(0, 1, 3), "weekly")
        == "4 weeks, 5 January to 26 January 2026 (3 with data)."
    )


def test_the_span_names_a_break_and_counts_only_weeks_with_data():
    text = span_sentence(_weeks(0, 1, 2, 40), "weekly")
    assert text.startswith("4 weeks of data, 5 January to 12 October 2026; no data for 37 weeks")
    assert "between 19 January 2026 and 12 October 2026" in text


def test_monthly_and_event_spans():
    assert span_sentence(_months(12, 13, 14), "monthly") == "3 months, January to March 2021."
    assert date_range(date(2020, 11, 1), date(2021, 2, 1), "monthly") == (
        "November 2020 to February 2021"
    )
    assert span_sentence(_weeks(0, 9), None) == "2 events, 5 January to 9 March 2026."
    assert span_sentence([], "weekly") == ""


def _analysis(periods: list[date]):
    settings = MeasureSettings("run", "anhoej", "count")
    return analyse(settings, [Observation(p, value=float(i % 3)) for i, p in enumerate(periods)])


def test_cycles_and_notes_outside_the_data_are_listed_before_or_after():
    periods = _weeks(*range(8))
    later = MONDAY + timedelta(weeks=20)
    spec = ChartSpec(
        "Falls",
        pdsa_markers=(
            PdsaMarker(1, date(2014, 3, 10), "Falls huddle"),
            PdsaMarker(2, MONDAY + timedelta(weeks=2), "Within"),
            PdsaMarker(3, MONDAY + timedelta(weeks=7, days=6), "In the last week"),
            PdsaMarker(4, later, "Bed alarms"),
        ),
        notes=(NoteMarker(1, date(2025, 6, 2), "Paper records"),),
    )
    lines = outside_lines(_analysis(periods), spec)
    assert lines == [
        "Before the charted period: PDSA cycle 1 “Falls huddle” (March 2014); "
        "note 1 (2 June 2025: Paper records).",
        "After the charted period: PDSA cycle 4 “Bed alarms” (May 2026).",
    ]


def test_a_note_on_a_week_without_a_value_is_listed_not_drawn():
    spec = ChartSpec("Falls", notes=(NoteMarker(2, MONDAY + timedelta(weeks=2), "Ward shut"),))
    assert outside_lines(_analysis(_weeks(0, 1, 3, 4)), spec) == [
        "Note 2 is on 19 January 2026, which has no value: Ward shut"
    ]


def test_nothing_is_listed_when_everything_is_within_the_data():
    spec = ChartSpec("Falls", pdsa_markers=(PdsaMarker(1, MONDAY, "Huddle"),))
    assert outside_lines(_analysis(_weeks(0, 1, 2)), spec) == []
