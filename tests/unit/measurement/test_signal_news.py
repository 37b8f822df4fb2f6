"""Signals told in words built from the signal itself, and which signals are news."""

from datetime import date, timedelta

import pytest

from measurement import spc
from measurement.readings import SignalRun, signal_runs
from measurement.signal_news import is_news, news_from, signal_in_words, signal_message

START = date(2026, 1, 5)  # a Monday
STEADY = [50, 52, 49, 51, 48, 51, 50, 49, 52, 48] * 2


def chart(values, improvement="increase", rules="mdc", chart="xmr"):
    settings = spc.MeasureSettings(
        chart=chart, rules=rules, data_type="continuous", improvement=improvement
    )
    observations = [
        spc.Observation(START + timedelta(weeks=n), value=v) for n, v in enumerate(values)
    ]
    return spc.analyse(settings, observations=observations)


def told(values, rule, **options):
    analysis = chart(values, **options)
    runs = [run for run in signal_runs(analysis) if run.rule == rule]
    return [signal_in_words(run, analysis, "weekly") for run in runs]


def week(n):
    return f"the week of {START + timedelta(weeks=n):%-d %B %Y}"


@pytest.mark.parametrize(
    ("improvement", "kind"),
    [
        ("increase", "special cause improvement"),
        ("decrease", "special cause concern"),
        ("neither", "special cause variation"),
    ],
)
def test_a_point_above_the_upper_limit(improvement, kind):
    assert told([*STEADY, 75], "outside_limits", improvement=improvement) == [
        f"a point above the upper limit ({kind}) in {week(20)}"
    ]


def test_a_point_below_the_lower_limit_when_lower_is_better():
    assert told([*STEADY, 25], "outside_limits", improvement="decrease") == [
        f"a point below the lower limit (special cause improvement) in {week(20)}"
    ]


def test_a_shift_says_which_way_and_from_when():
    words = told([*STEADY, 53, 54, 53, 54, 55, 53, 54], "shift")
    assert f"a shift upwards (special cause improvement), 7 points from {week(20)}" in words


def test_a_shift_downwards_is_a_concern_when_higher_is_better():
    words = told([*STEADY, 47, 46, 47, 46, 45, 47, 46], "shift")  # from STEADY's last, 48
    assert f"a shift downwards (special cause concern), 8 points from {week(19)}" in words


def test_a_trend_says_rising_or_falling_by_its_own_points():
    rising = told([*STEADY, 44, 46, 48, 50, 52, 54, 56], "trend", improvement="decrease")
    assert rising[0].startswith("a trend upwards (special cause concern), ")
    falling = told([*STEADY, 56, 54, 52, 50, 48, 46, 44], "trend", improvement="decrease")
    assert falling[0].startswith("a trend downwards (special cause improvement), ")


def test_two_of_three_near_a_limit():
    words = told([*STEADY, 56, 51, 56.5], "two_of_three")
    assert words[0] == (
        f"two of three points near the upper limit (special cause improvement) in {week(20)}"
    )


def test_other_rule_sets_never_say_not_enough_data():
    """Anhøj rules type no point, which once read 'Not enough data yet: a point outside the
    limits'; the words come from the point's side and the improvement direction now."""
    words = told([*STEADY, 75], "outside_limits", rules="anhoej")
    assert words == [f"a point above the upper limit (special cause improvement) in {week(20)}"]
    assert "Not enough data" not in signal_message(
        "Falls",
        SignalRun("outside_limits", START, START, 1, ""),
        chart([*STEADY, 75], rules="anhoej"),
        "weekly",
    )


def test_a_monthly_point_is_named_by_its_month_and_an_event_by_its_day():
    analysis = chart([*STEADY, 75])
    run = [r for r in signal_runs(analysis) if r.rule == "outside_limits"][0]
    assert signal_in_words(run, analysis, "monthly").endswith(f"in {run.first_period:%B %Y}")
    assert signal_in_words(run, analysis, "weekly", events=True).endswith(
        f"on {run.first_period:%-d %B %Y}"
    )


def test_news_is_the_last_eight_weeks_or_the_two_latest_complete_months():
    today = date(2026, 12, 3)  # a Thursday
    assert news_from(today, "weekly") == date(2026, 10, 12)  # this Monday and the 7 before
    assert news_from(today, "monthly") == date(2026, 10, 1)
    run = SignalRun("shift", date(2026, 8, 3), date(2026, 10, 12), 11, "")
    assert is_news(run, today, "weekly")
    assert not is_news(run, today + timedelta(weeks=1), "weekly")


def test_ihi_shifts_and_trends_read_the_same_way():
    shift = told([*STEADY, 55, 56, 55, 57, 56, 55], "shift", rules="ihi", chart="run")
    assert shift == [f"a shift upwards (special cause improvement), 6 points from {week(20)}"]
    trend = told([*STEADY, 60, 58, 56, 54, 52], "trend", rules="ihi", chart="run")
    assert trend[0].startswith("a trend downwards (special cause concern), ")
