"""The sentence a person reads first, from analyses of hand-made data with known signals."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from measurement.charts import ChartSpec, assurance_sentence, text_summary
from measurement.spc import MeasureSettings, Observation, Phase, analyse

FIRST_MONDAY = date(2024, 1, 1)
# Small ups and downs, so that the moving ranges (and so the limits) are not zero.
WOBBLE = [0.6, -0.4, 0.2, -0.8, 0.5, -0.1, 0.9, -0.6, 0.3, -0.3, 0.7, -0.5]


def _monday(week: int) -> date:
    return FIRST_MONDAY + timedelta(weeks=week)


def _weekly(values: list[float]) -> list[Observation]:
    return [Observation(_monday(i), value=v) for i, v in enumerate(values)]


def _steady(level: float, count: int, start: int = 0) -> list[float]:
    return [level + WOBBLE[(start + i) % len(WOBBLE)] for i in range(count)]


def _shift_12_at_50_then_8_at_80() -> list[float]:
    return _steady(50, 12) + _steady(80, 8, start=12)


def _summary(values, chart="xmr", rules="mdc", improvement="increase", spec=None, **settings):
    settings = MeasureSettings(chart, rules, "continuous", improvement, **settings)
    analysis = analyse(settings, observations=_weekly(values))
    return text_summary(analysis, spec or ChartSpec("A measure", improvement=improvement))


def test_a_clear_upward_shift_is_special_cause_improvement_dated_from_its_first_point():
    summary = _summary(_shift_12_at_50_then_8_at_80(), improvement="increase")
    assert summary.startswith("Special cause improvement (Making Data Count rules): ")
    assert "8 points above the mean since 25 March 2024" in summary
    assert _monday(12) == date(2024, 3, 25)  # the first shifted point


def test_the_same_shift_is_concern_when_lower_is_better():
    summary = _summary(_shift_12_at_50_then_8_at_80(), improvement="decrease")
    assert summary.startswith("Special cause concern")
    assert "above the mean since 25 March 2024" in summary


def test_the_same_shift_has_no_colour_without_a_direction():
    summary = _summary(_shift_12_at_50_then_8_at_80(), improvement="neither")
    assert summary.startswith("Special cause variation (Making Data Count rules)")


def test_a_shift_beyond_the_limits_says_so_with_the_limit():
    summary = _summary(_shift_12_at_50_then_8_at_80())
    assert "all above the upper limit of 64.7" in summary


def test_a_shift_inside_the_limits_is_described_as_a_run_of_points():
    # Wide swings keep the limits far apart; the last 7 points sit just above the mean.
    values = [60, 40, 58, 42, 59, 41, 57, 43, 60, 40, 58, 42] + [51, 52, 51.5, 52, 51, 52.5, 51]
    summary = _summary(values)
    assert summary == (
        "Special cause improvement (Making Data Count rules): "
        "7 points above the mean since 25 March 2024."
    )


def test_steady_data_is_common_cause_with_the_mean_in_display_units():
    spec = ChartSpec("Screened", unit="%", multiplier=100, improvement="increase")
    values = [0.521 + w / 100 for w in _steady(0, 24)]
    summary = _summary(values, spec=spec)
    assert summary == "Common cause variation: no signals in the last 24 points (mean 52.1%)."


def test_common_cause_counts_only_the_points_since_the_last_signal():
    values = _steady(50, 12) + [70] + _steady(50, 5)
    summary = _summary(values)
    assert summary.startswith("Common cause variation: no signals in the last 5 points")


def test_a_trend_is_named_with_its_length_and_start():
    # Small steps: the trend stays inside the limits, so the trend decides the point type.
    values = _steady(50, 14) + [49.6, 49.8, 50.0, 50.2, 50.4, 50.6, 50.8]
    summary = _summary(values)
    assert summary.endswith(": 7 points rising in a row since 8 April 2024.")
    assert _monday(14) == date(2024, 4, 8)


def test_a_single_point_beyond_the_limit_is_quoted_with_its_value_and_date():
    spec = ChartSpec("Waits", unit="days", improvement="decrease")
    values = _steady(20, 19) + [40]
    summary = _summary(values, improvement="decrease", spec=spec)
    assert summary.startswith("Special cause concern (Making Data Count rules): the latest point")
    assert "(40.0 days, 13 May 2024) is above the upper limit of" in summary
    assert _monday(19) == date(2024, 5, 13)


def test_two_of_three_close_to_a_limit_is_described():
    values = [10, 12] * 8 + [12, 15, 15.5]
    summary = _summary(values)
    assert summary.endswith(": 2 of the last 3 points are beyond two sigma above the mean.")


def test_anhoej_run_chart_without_signal_quotes_the_run_statistics():
    values = [1, 9, 2, 8, 3, 7, 4, 6] * 3
    summary = _summary(values, chart="run", rules="anhoej", improvement="neither")
    assert summary == (
        "No non-random variation: longest run 1 (limit 8), 23 crossings (at least 8 expected)."
    )


def test_anhoej_run_chart_with_a_long_run_names_the_rules():
    values = _steady(50, 12) + _steady(60, 12)
    summary = _summary(values, chart="run", rules="anhoej", improvement="neither")
    assert summary.startswith("Non-random variation (Anhøj rules): longest run 12 (limit 8)")
    assert "1 crossing (at least 8 expected)" in summary


def test_anhoej_summary_covers_the_phase_since_the_rebase():
    values = _steady(50, 12) + _steady(60, 12)
    rebase = (Phase(_monday(12), "new rota"),)
    summary = _summary(values, chart="run", rules="anhoej", improvement="neither", phases=rebase)
    assert summary.startswith("No non-random variation since the rebase on 25 March 2024: ")


def test_shewhart_anhoej_quotes_the_latest_point_outside_the_limits():
    spec = ChartSpec("Falls", improvement="decrease")
    values = [8, 12] * 7 + [8, 30] + [12, 8, 12, 8]
    summary = _summary(values, rules="anhoej", improvement="decrease", spec=spec)
    assert summary == (
        "Special cause concern (Anhøj rules): 1 point outside the limits, the latest on "
        "15 April 2024 (30, above the upper limit)."
    )


def test_shewhart_anhoej_without_signals_is_common_cause():
    summary = _summary(_steady(10, 20), rules="anhoej", improvement="neither")
    assert summary == (
        "Common cause variation: no points outside the limits and no unusual runs in the last "
        "20 points (mean 10.0)."
    )


def test_ihi_shift_is_dated_and_the_rules_named():
    values = _steady(50, 12) + _steady(60, 7)
    summary = _summary(values, chart="run", rules="ihi", improvement="neither")
    assert summary.startswith("Non-random variation (IHI run chart rules): a shift of ")
    assert "points above the median since" in summary


def test_ihi_without_signal_quotes_the_expected_runs():
    values = [5, 7, 6, 8, 3, 2, 9, 4, 6.5, 7.5, 3.5, 5.5]
    summary = _summary(values, chart="run", rules="ihi", improvement="neither")
    assert summary == (
        "No non-random variation (IHI run chart rules): no shift or trend, "
        "7 runs (3 to 11 expected)."
    )


def test_ihi_too_many_runs_is_non_random():
    values = [1, 9, 2, 8, 3, 7, 4, 6, 5, 5.5, 4.5, 6.5]
    summary = _summary(values, chart="run", rules="ihi", improvement="neither")
    assert summary.endswith(": too many runs (12; at most 11 expected).")


def test_no_points_means_no_data_yet():
    analysis = analyse(MeasureSettings("xmr", "mdc", "continuous"), observations=[])
    assert text_summary(analysis, ChartSpec("Empty")).startswith("No data yet")


@pytest.mark.parametrize(
    ("target", "words"),
    [
        (0.3, "The target of 30% is consistently met."),
        (0.95, "The target of 95% will not be met without a change to the process."),
        (0.52, "The target of 52% may or may not be met: it lies within the process limits."),
    ],
)
def test_assurance_sentence_quotes_the_target_in_display_units(target, words):
    values = [0.521 + w / 100 for w in _steady(0, 24)]
    settings = MeasureSettings("xmr", "mdc", "continuous", "increase", target)
    analysis = analyse(settings, observations=_weekly(values))
    spec = ChartSpec("Screened", unit="%", multiplier=100, target=target, improvement="increase")
    assert assurance_sentence(analysis, spec) == words
    assert text_summary(analysis, spec).endswith(words)


def test_no_assurance_sentence_without_a_target_or_outside_mdc():
    values = _steady(50, 20)
    for settings in (
        MeasureSettings("xmr", "mdc", "continuous", "increase"),
        MeasureSettings("xmr", "anhoej", "continuous", "increase", 80),
    ):
        analysis = analyse(settings, observations=_weekly(values))
        assert assurance_sentence(analysis, ChartSpec("A measure")) == ""


def test_values_in_the_summary_use_the_unit_without_a_space_only_for_percent():
    spec = ChartSpec("Length of stay", unit="days", improvement="increase")
    assert "(mean 5.0 days)" in _summary(_steady(5, 20), spec=spec)


def test_ihi_reports_the_latest_shift_only_on_its_own_side_and_a_trend_within_it():
    # A shift above the median is followed by one below it that ends in a falling trend.
    values = [50 + 3 * w for w in WOBBLE] + [44, 43, 45, 44.5, 43, 42, 41, 40, 39.5]
    summary = _summary(values, chart="run", rules="ihi", improvement="decrease")
    assert "a shift of 9 points below the median since 25 March 2024" in summary
    assert "a trend of 7 points falling since 8 April 2024" in summary
