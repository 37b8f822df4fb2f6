"""The edge cases every rule set shares (shared/spc/README.md, "Edge cases every rule set
shares"): no variation in the baseline, ties before an IHI trend, the first event of a g chart,
and magnitude."""

from __future__ import annotations

import json
import math
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from measurement.spc import (
    NO_VARIATION,
    Event,
    InvalidData,
    MeasureSettings,
    Observation,
    analyse,
)

FIRST_MONDAY = date(2024, 1, 1)


def _weekly(values: list) -> list[Observation]:
    return [Observation(FIRST_MONDAY + timedelta(weeks=i), value=v) for i, v in enumerate(values)]


def _ratios(pairs: list) -> list[Observation]:
    return [
        Observation(FIRST_MONDAY + timedelta(weeks=i), numerator=num, denominator=den)
        for i, (num, den) in enumerate(pairs)
    ]


def _events(opportunities: list) -> list[Event]:
    return [
        Event(FIRST_MONDAY + timedelta(days=7 * i), count) for i, count in enumerate(opportunities)
    ]


# No variation in the baseline.


@pytest.mark.parametrize("rules", ["mdc", "anhoej"])
@pytest.mark.parametrize("screen", [True, False])
def test_a_baseline_without_variation_has_no_limits_and_says_so(rules, screen):
    # Five weeks of 5 as the baseline, then seven weeks higher: a shift, but no limits.
    values = [5.0] * 5 + [6.0, 9.0, 7.0, 6.5, 8.0, 6.0, 7.0]
    settings = MeasureSettings(
        "xmr", rules, "continuous", "increase", baseline_points=5, screen_moving_ranges=screen
    )
    analysis = analyse(settings, _weekly(values))
    assert {(p.lower, p.upper) for p in analysis.points} == {(None, None)}
    assert analysis.points[0].centre == 5.0
    assert analysis.notes == (NO_VARIATION,)
    assert analysis.to_document()["notes"] == ["no_variation"]
    assert all("outside_limits" not in p.signals for p in analysis.points)
    assert all("two_of_three" not in p.signals for p in analysis.points)
    if rules == "mdc":
        # The run rules still apply: seven points above the centre line are a shift.
        assert ["shift" in p.signals for p in analysis.points] == [False] * 5 + [True] * 7
        assert analysis.variation == "special_cause_improvement"
    else:
        # The run rules still apply: 7 useful points allow a longest run of 6, and here it is 7.
        assert (analysis.phases[0].longest_run, analysis.phases[0].runs_signal) == (7, True)


@pytest.mark.parametrize(
    ("target", "improvement", "assurance"),
    [
        (6.0, "increase", "inconsistent"),
        (99.0, "decrease", "inconsistent"),
        (None, "increase", None),
        (6.0, "neither", None),
    ],
)
def test_assurance_without_limits_is_inconsistent_where_a_target_is_set(
    target, improvement, assurance
):
    settings = MeasureSettings("xmr", "mdc", "continuous", improvement, target)
    analysis = analyse(settings, _weekly([4.0] * 8))
    assert analysis.assurance == assurance
    assert analysis.variation == "common_cause"


def test_only_the_phase_without_variation_loses_its_limits():
    from measurement.spc import Phase

    values = [3.0, 5.0, 4.0, 6.0, 4.0, 5.0] + [8.0] * 6
    rebase = Phase(FIRST_MONDAY + timedelta(weeks=6), "new pathway")
    settings = MeasureSettings("xmr", "mdc", "continuous", "increase", 9.0, phases=(rebase,))
    analysis = analyse(settings, _weekly(values))
    first, second = analysis.points[0], analysis.points[-1]
    assert first.upper is not None and first.lower is not None
    assert (second.lower, second.upper, second.centre) == (None, None, 8.0)
    assert analysis.notes == ("no_variation",)
    assert analysis.assurance == "inconsistent"  # the last phase's limits are none


def test_a_varying_series_carries_no_note():
    analysis = analyse(MeasureSettings("xmr", "mdc", "continuous"), _weekly([4.0, 5.0, 4.5]))
    assert analysis.notes == ()
    # One point has no moving range at all: too few points, which is not "no variation".
    assert analyse(MeasureSettings("xmr", "mdc", "continuous"), _weekly([4.0])).notes == ()


@pytest.mark.parametrize(("chart", "data_type"), [("pp", "proportion"), ("up", "rate")])
def test_laney_charts_whose_z_scores_do_not_vary_have_no_limits(chart, data_type):
    pairs = [(30, 100)] * 10
    analysis = analyse(MeasureSettings(chart, "mdc", data_type, "increase", 0.5), _ratios(pairs))
    assert {(p.lower, p.upper) for p in analysis.points} == {(None, None)}
    assert analysis.points[0].centre == pytest.approx(0.3)
    assert analysis.notes == ("no_variation",)
    assert analysis.assurance == "inconsistent"


def test_a_laney_chart_of_nothing_but_zeros_has_no_limits_rather_than_nan_warnings():
    analysis = analyse(MeasureSettings("pp", "anhoej", "proportion"), _ratios([(0, 50)] * 6))
    assert analysis.notes == ("no_variation",)
    assert {(p.lower, p.upper) for p in analysis.points} == {(None, None)}


def test_a_p_chart_keeps_its_limits_when_every_proportion_is_the_same():
    # p limits come from the binomial, not from moving ranges: nothing is undefined.
    analysis = analyse(MeasureSettings("p", "mdc", "proportion"), _ratios([(30, 100)] * 10))
    assert analysis.notes == ()
    assert analysis.points[0].upper == pytest.approx(0.3 + 3 * math.sqrt(0.3 * 0.7 / 100))


def test_a_t_chart_of_evenly_spaced_events_has_no_limits():
    events = [Event(FIRST_MONDAY + timedelta(days=10 * i)) for i in range(8)]
    analysis = analyse(MeasureSettings("t", "anhoej", "events"), events=events)
    assert analysis.notes == ("no_variation",)
    assert {(p.lower, p.upper) for p in analysis.points} == {(None, None)}
    assert analysis.points[0].centre == pytest.approx(10.0)


# Ties before an IHI trend.


def test_an_ihi_trend_starts_at_the_last_of_the_equal_values_before_it():
    values = [9.0, 5.0, 5.0, 5.0, 6.0, 7.0, 8.0, 9.5, 1.0]
    analysis = analyse(MeasureSettings("run", "ihi", "continuous"), _weekly(values))
    flagged = ["trend" in p.signals for p in analysis.points]
    assert flagged == [False, False, False, True, True, True, True, True, False]


def test_an_ihi_falling_trend_after_ties_and_with_one_inside_it():
    values = [1.0, 8.0, 8.0, 7.0, 6.0, 6.0, 5.0, 4.0, 9.0]
    analysis = analyse(MeasureSettings("run", "ihi", "continuous"), _weekly(values))
    flagged = ["trend" in p.signals for p in analysis.points]
    # From the second 8 to the 4; the repeated 6 lies inside the trend.
    assert flagged == [False, False, True, True, True, True, True, True, False]


def test_equal_values_do_not_make_a_trend_of_too_few_moves():
    values = [1.0, 2.0, 2.0, 2.0, 3.0, 4.0, 0.0]  # four points that move: not five
    analysis = analyse(MeasureSettings("run", "ihi", "continuous"), _weekly(values))
    assert all("trend" not in p.signals for p in analysis.points)


# The first event of a g chart.


def test_a_g_charts_first_event_needs_no_opportunities():
    analysis = analyse(MeasureSettings("g", "anhoej", "events"), events=_events([None, 12, 30, 18]))
    assert [p.value for p in analysis.points] == [12, 30, 18]


def test_a_g_charts_first_event_opportunities_are_ignored_if_given():
    with_count = analyse(MeasureSettings("g", "anhoej", "events"), events=_events([99, 12, 30]))
    without = analyse(MeasureSettings("g", "anhoej", "events"), events=_events([None, 12, 30]))
    assert with_count.to_document() == without.to_document()


def test_a_later_event_without_opportunities_is_refused_naming_its_date():
    with pytest.raises(InvalidData) as raised:
        analyse(MeasureSettings("g", "anhoej", "events"), events=_events([None, 12, None]))
    assert raised.value.period == FIRST_MONDAY + timedelta(days=14)


# Magnitude.


@pytest.mark.parametrize("value", [1e308, -1.7e308, 10**400, 1e12 + 1, -(10**13)])
def test_a_value_beyond_ten_to_the_twelve_is_invalid_data_naming_the_period(value):
    values = [1.0, 2.0, value, 3.0]
    with pytest.raises(InvalidData, match="beyond") as raised:
        analyse(MeasureSettings("xmr", "mdc", "continuous"), _weekly(values))
    assert raised.value.period == FIRST_MONDAY + timedelta(weeks=2)


@pytest.mark.parametrize(
    ("pair", "field"),
    [((1e300, 1e301), "numerator"), ((5, 1e13), "denominator"), ((1e12, 1e-300), "numerator /")],
)
def test_ratio_figures_beyond_ten_to_the_twelve_are_invalid_data(pair, field):
    with pytest.raises(InvalidData, match=field) as raised:
        analyse(MeasureSettings("u", "mdc", "rate"), _ratios([(1, 10), pair, (2, 10)]))
    assert raised.value.period == FIRST_MONDAY + timedelta(weeks=1)


def test_opportunities_beyond_ten_to_the_twelve_are_invalid_data():
    with pytest.raises(InvalidData, match="opportunities"):
        analyse(MeasureSettings("g", "anhoej", "events"), events=_events([None, 3, 1e13]))


def test_values_of_ten_to_the_twelve_give_finite_figures():
    values = [1e12, -1e12] * 6 + [1e12]
    document = analyse(MeasureSettings("xmr", "mdc", "continuous"), _weekly(values)).to_document()
    json.dumps(document, allow_nan=False)
    assert document["points"][0]["upper"] == pytest.approx(2.66 * 2e12 + 1e12 / 13)


CHARTS = [
    ("xmr", "mdc", "continuous"), ("xmr", "anhoej", "continuous"), ("run", "ihi", "continuous"),
    ("c", "mdc", "count"), ("p", "mdc", "proportion"), ("pp", "mdc", "proportion"),
    ("u", "mdc", "rate"), ("up", "mdc", "rate"), ("g", "anhoej", "events"),
]  # fmt: skip
magnitudes = st.one_of(
    st.floats(min_value=-1e13, max_value=1e13, allow_nan=False),
    st.sampled_from([0.0, 1e-300, 5e-324, 1e12, -1e12, 1e308, 10**400]),
)


@settings(max_examples=60, deadline=None)
@given(chart=st.sampled_from(CHARTS), numbers=st.lists(magnitudes, min_size=1, max_size=12))
def test_the_analysis_never_gives_nan_or_infinity_nor_raises_anything_else(chart, numbers):
    chart, rules, data_type = chart
    settings_ = MeasureSettings(chart, rules, data_type, "increase", target=1.0)
    try:
        if data_type == "events":
            events = _events([None, *[abs(n) for n in numbers]])
            document = analyse(settings_, events=events).to_document()
        elif data_type in ("proportion", "rate"):
            pairs = [(abs(n), abs(n) * 2 or 5e-324) for n in numbers]
            document = analyse(settings_, _ratios(pairs)).to_document()
        else:
            values = [abs(n) if data_type == "count" else n for n in numbers]
            document = analyse(settings_, _weekly(values)).to_document()
    except InvalidData:
        return
    json.dumps(document, allow_nan=False)  # raises on NaN or infinity anywhere
