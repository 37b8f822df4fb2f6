"""Reporting rate and timeliness: the shares of a made-up region's measures, weekly and monthly."""

from datetime import date

from measurement.periods import latest_due_period, on_time_until
from reporting.reporting_rate.arithmetic import Series, overdue, share, trend

TODAY = date(2026, 12, 4)  # a Friday: the latest complete week began on Monday 23 November
WEEK, WEEK_BEFORE, LONG_AGO = date(2026, 11, 23), date(2026, 11, 16), date(2026, 11, 9)
BEGAN = date(2026, 1, 5)


def weekly_region():
    return [
        Series(1, 10, BEGAN, {WEEK: date(2026, 11, 30)}, last=WEEK),  # on time
        Series(2, 10, BEGAN, {WEEK_BEFORE: date(2026, 12, 1)}, last=WEEK_BEFORE),  # late
        Series(3, 20, BEGAN, {LONG_AGO: date(2026, 11, 15)}, last=LONG_AGO),  # overdue
        Series(4, 20, date(2026, 12, 1), {}),  # began after the week: not expected
    ]


def test_a_week_s_value_is_on_time_until_seven_days_after_its_sunday():
    assert on_time_until(WEEK, "weekly") == date(2026, 12, 6)
    assert latest_due_period(TODAY, "weekly") == WEEK_BEFORE
    assert latest_due_period(date(2026, 12, 7), "weekly") == WEEK


def test_a_month_s_value_is_on_time_until_fourteen_days_after_its_last_day():
    assert on_time_until(date(2026, 11, 1), "monthly") == date(2026, 12, 14)
    assert latest_due_period(TODAY, "monthly") == date(2026, 10, 1)


def test_the_latest_week_counts_expected_entered_on_time_and_late():
    latest = share(weekly_region(), WEEK, "weekly")
    assert (latest.expected, latest.on_time, latest.late, latest.missing) == (3, 1, 0, 2)
    assert latest.percent(latest.reported) == 33
    before = share(weekly_region(), WEEK_BEFORE, "weekly")
    assert (before.expected, before.on_time, before.late) == (3, 0, 1)


def test_the_trend_runs_newest_first_over_the_periods_asked_for():
    shares = trend(weekly_region(), WEEK, "weekly", 3)
    assert [s.period for s in shares] == [WEEK, WEEK_BEFORE, LONG_AGO]
    assert [s.reported for s in shares] == [1, 1, 1]


def test_a_measure_is_overdue_once_its_latest_due_week_has_nothing_since():
    found = overdue(weekly_region(), TODAY, "weekly")
    assert [(o.measure, o.project, o.since) for o in found] == [(3, 20, WEEK_BEFORE)]


def test_monthly_shares_and_overdue_measures():
    november, october, september = date(2026, 11, 1), date(2026, 10, 1), date(2026, 9, 1)
    region = [
        Series(1, 10, BEGAN, {november: date(2026, 12, 14)}, last=november),  # on time, just
        Series(2, 10, BEGAN, {november: date(2026, 12, 15)}, last=november),  # a day late
        Series(3, 20, BEGAN, {september: date(2026, 10, 3)}, last=september),
        Series(4, 30, BEGAN, {}),  # nothing ever entered
    ]
    latest = share(region, november, "monthly")
    assert (latest.expected, latest.on_time, latest.late, latest.missing) == (4, 1, 1, 2)
    assert latest.percent(latest.on_time) == 25
    found = overdue(region, TODAY, "monthly")
    assert [(o.measure, o.since) for o in found] == [(4, date(2026, 1, 1)), (3, october)]


def test_no_measures_expected_gives_no_percentage():
    assert share([], WEEK, "weekly").percent(0) is None
