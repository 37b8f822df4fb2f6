"""Charts, options and rules that the shared vectors do not exercise, worked by hand."""

from __future__ import annotations

import math
import statistics
from datetime import date, timedelta

import pytest

from measurement.spc import (
    Event,
    InvalidData,
    MeasureSettings,
    Observation,
    Phase,
    analyse,
)

FIRST_MONDAY = date(2024, 1, 1)


def _weekly(values: list[float]) -> list[Observation]:
    return [Observation(FIRST_MONDAY + timedelta(weeks=i), value=v) for i, v in enumerate(values)]


def _events(days_between: list[int], opportunities: list[int] | None = None) -> list[Event]:
    dates = [FIRST_MONDAY]
    for days in days_between:
        dates.append(dates[-1] + timedelta(days=days))
    counts = opportunities or [None] * len(dates)
    return [Event(day, count) for day, count in zip(dates, counts, strict=True)]


def test_g_chart_plots_opportunities_with_median_centre_and_mean_limits():
    events = _events([7] * 6, opportunities=[0, 12, 30, 18, 45, 60, 9])
    analysis = analyse(MeasureSettings("g", "anhoej", "events"), events=events)
    plotted = [12, 30, 18, 45, 60, 9]
    mean = sum(plotted) / len(plotted)
    assert [p.value for p in analysis.points] == plotted  # the first event only starts the count
    assert analysis.points[0].period == FIRST_MONDAY + timedelta(days=7)
    assert analysis.points[0].centre == statistics.median(plotted)
    assert analysis.points[0].upper == pytest.approx(mean + 3 * math.sqrt(mean * (mean + 1)))
    assert analysis.points[0].lower == 0


def test_g_chart_needs_opportunities():
    with pytest.raises(InvalidData, match="opportunities"):
        analyse(MeasureSettings("g", "anhoej", "events"), events=_events([3, 4]))


def test_t_chart_is_an_i_chart_of_transformed_days_between_events():
    days = [10, 25, 14, 40, 22, 31, 18]
    analysis = analyse(MeasureSettings("t", "anhoej", "events"), events=_events(days))
    transformed = [d ** (1 / 3.6) for d in days]
    centre = sum(transformed) / len(transformed)
    ranges = [abs(b - a) for a, b in zip(transformed, transformed[1:], strict=False)]
    sigma = sum(ranges) / len(ranges) / 1.128  # no range is 3.267 × the mean: none screened
    point = analysis.points[0]
    assert [p.value for p in analysis.points] == days
    assert point.centre == pytest.approx(centre**3.6)
    assert point.upper == pytest.approx((centre + 3 * sigma) ** 3.6)
    assert point.lower == pytest.approx((centre - 3 * sigma) ** 3.6)  # positive here


def test_t_chart_lower_limit_is_zero_when_the_transformed_limit_is_negative():
    days = [1, 60, 2, 90, 1, 75]
    analysis = analyse(MeasureSettings("t", "anhoej", "events"), events=_events(days))
    assert {p.lower for p in analysis.points} == {0.0}


def test_t_chart_refuses_two_events_on_one_day():
    with pytest.raises(InvalidData, match="at least one day"):
        analyse(MeasureSettings("t", "anhoej", "events"), events=_events([5, 0, 4]))


RATIO_ROWS = [(12, 100), (30, 150), (9, 80), (25, 120), (14, 90), (40, 160), (11, 110), (22, 95)]


def _ratio_observations() -> list[Observation]:
    return [
        Observation(FIRST_MONDAY + timedelta(weeks=i), numerator=n, denominator=d)
        for i, (n, d) in enumerate(RATIO_ROWS)
    ]


@pytest.mark.parametrize(
    ("plain", "laney", "data_type"), [("p", "pp", "proportion"), ("u", "up", "rate")]
)
def test_laney_limits_are_the_plain_limits_widened_by_sigma_z(plain, laney, data_type):
    observations = _ratio_observations()
    base = analyse(MeasureSettings(plain, "anhoej", data_type), observations=observations)
    wide = analyse(MeasureSettings(laney, "anhoej", data_type), observations=observations)
    centre = sum(n for n, _ in RATIO_ROWS) / sum(d for _, d in RATIO_ROWS)
    z = [(p.value - centre) / ((p.upper - centre) / 3) for p in base.points]
    ranges = [abs(b - a) for a, b in zip(z, z[1:], strict=False)]
    sigma_z = sum(ranges) / len(ranges) / 1.128  # no range is 3.267 × the mean: none screened
    for plain_point, laney_point in zip(base.points, wide.points, strict=True):
        assert laney_point.centre == pytest.approx(centre)
        assert laney_point.upper - centre == pytest.approx((plain_point.upper - centre) * sigma_z)


def test_c_chart_limits_are_three_root_c_with_lower_clipped_at_zero():
    analysis = analyse(
        MeasureSettings("c", "anhoej", "count"), observations=_weekly([1, 3, 0, 2, 4])
    )
    point = analysis.points[0]
    assert point.centre == 2
    assert point.upper == pytest.approx(2 + 3 * math.sqrt(2))
    assert point.lower == 0


OUTSIDE = "outside_limits"


def test_baseline_points_fix_the_limits_from_the_first_points_of_each_phase():
    values = [50, 52, 49, 51, 48, 50, 70, 72, 71, 69]
    settings = MeasureSettings("xmr", "anhoej", "continuous", baseline_points=6)
    analysis = analyse(settings, observations=_weekly(values))
    assert [p.baseline for p in analysis.points] == [True] * 6 + [False] * 4
    assert {p.centre for p in analysis.points} == {50}
    # The later points are judged against the baseline, and the runs analysis still covers them.
    assert [OUTSIDE in p.signals for p in analysis.points] == [False] * 6 + [True] * 4
    assert analysis.phases[0].n_useful == 8
    changed = analyse(settings, observations=_weekly(values[:6] + [10, 11, 12, 13]))
    assert [p.upper for p in changed.points] == [p.upper for p in analysis.points]


def test_each_phase_has_its_own_centre_and_runs_analysis():
    values = [10, 12, 11, 9, 10, 30, 31, 29, 32, 30]
    rebase = Phase(FIRST_MONDAY + timedelta(weeks=5), "new triage")
    settings = MeasureSettings("xmr", "anhoej", "continuous", phases=(rebase,))
    analysis = analyse(settings, observations=_weekly(values))
    assert [p.phase for p in analysis.points] == [1] * 5 + [2] * 5
    assert [phase.centre for phase in analysis.phases] == [10.4, 30.4]
    assert [phase.start for phase in analysis.phases] == [FIRST_MONDAY, rebase.start]
    assert [phase.reason for phase in analysis.phases] == [None, "new triage"]
    assert not any(p.signals for p in analysis.points)


def test_ihi_shift_skips_points_on_the_median():
    # Median 5: six points above, interrupted by one point on the median.
    values = [1, 2, 3, 4, 5, 6, 7, 5, 8, 9, 9, 9, 1]
    analysis = analyse(MeasureSettings("run", "ihi", "continuous"), observations=_weekly(values))
    assert analysis.phases[0].centre == 5
    shift = ["shift" in p.signals for p in analysis.points]
    assert shift == [False] * 5 + [True, True, False] + [True] * 4 + [False]


@pytest.mark.parametrize(
    ("values", "flagged"),
    [
        # The repeated 2 lies inside the trend (from its first rise to its last): flagged.
        ([9, 1, 2, 2, 3, 4, 5, 0], [False, True, True, True, True, True, True, False]),
        ([9, 1, 2, 3, 3, 4, 0, 8], [False] * 8),
        ([9, 8, 7, 6, 5, 9, 9, 9], [True, True, True, True, True, False, False, False]),
    ],
)
def test_ihi_trend_of_five_ignores_repeated_values(values, flagged):
    analysis = analyse(MeasureSettings("run", "ihi", "continuous"), observations=_weekly(values))
    assert ["trend" in p.signals for p in analysis.points] == flagged


def test_ihi_runs_too_many_and_too_few_from_perla_table():
    alternating = [1, 9] * 6  # 12 useful points, 12 runs: more than 11
    clustered = [1] * 6 + [9] * 6  # 12 useful points, 2 runs: fewer than 3
    run = MeasureSettings("run", "ihi", "continuous")
    many = analyse(run, observations=_weekly(alternating)).phases[0].ihi
    few = analyse(run, observations=_weekly(clustered)).phases[0].ihi
    assert (many.runs, many.runs_lower, many.runs_upper) == (12, 3, 11)
    assert (many.too_many_runs, many.too_few_runs) == (True, False)
    assert (few.runs, few.too_few_runs, few.too_many_runs) == (2, True, False)


def test_ihi_runs_test_is_not_applied_beyond_thirty_useful_points():
    analysis = analyse(
        MeasureSettings("run", "ihi", "continuous"), observations=_weekly([1, 9] * 16)
    )
    ihi = analysis.phases[0].ihi
    assert ihi.runs == 32
    assert (ihi.runs_lower, ihi.too_many_runs) == (None, None)


def test_mdc_trend_of_seven_points_decides_the_point_type():
    values = [50, 44, 56, 45, 55, 47, 53, 46, 47, 48, 49, 50, 51, 52, 52]
    settings = MeasureSettings("xmr", "mdc", "continuous", "decrease")
    analysis = analyse(settings, observations=_weekly(values))
    mains = [p.main_signal for p in analysis.points]
    assert mains[6:14] == [None] + ["trend"] * 7
    # Increasing is a concern when improvement means a decrease.
    assert {p.point_type for p in analysis.points[7:14]} == {"special_cause_concern"}
    assert analysis.points[-1].main_signal is None  # an unchanged value ends the trend


def test_mdc_neutral_direction_names_high_and_low():
    values = [10] * 3 + [11, 9] * 6 + [30] + [10] * 3 + [-10]
    settings = MeasureSettings("xmr", "mdc", "continuous", "neither")
    analysis = analyse(settings, observations=_weekly(values))
    types = {p.value: p.point_type for p in analysis.points if p.main_signal == "outside_limits"}
    assert types == {30: "special_cause_neutral_high", -10: "special_cause_neutral_low"}
    assert analysis.variation == "special_cause_neutral_low"
    assert analysis.assurance is None


@pytest.mark.parametrize(
    ("improvement", "target", "expected"),
    [("decrease", 1000, "consistent_pass"), ("decrease", -1000, "consistent_fail"),
     ("decrease", 10, "inconsistent"), ("increase", None, None)],
)  # fmt: skip
def test_mdc_assurance_reads_the_target_against_the_last_limits(improvement, target, expected):
    settings = MeasureSettings("xmr", "mdc", "continuous", improvement, target)
    analysis = analyse(settings, observations=_weekly([9, 11, 10, 12, 8, 10]))
    assert analysis.assurance == expected


def test_proportion_points_plot_numerator_over_denominator():
    analysis = analyse(
        MeasureSettings("run", "anhoej", "proportion"), observations=_ratio_observations()
    )
    first = analysis.points[0]
    assert (first.value, first.numerator, first.denominator) == (0.12, 12, 100)


def test_empty_series_gives_an_empty_analysis():
    analysis = analyse(MeasureSettings("xmr", "mdc", "continuous"), observations=[])
    assert (analysis.points, analysis.phases, analysis.variation) == ((), (), None)
