from datetime import date, timedelta

import pytest

from measurement import spc
from measurement.charts import ChartSpec, text_summary
from measurement.readings import (
    current_variation,
    is_special_cause,
    quarter_end_readings,
    quarter_states,
    signal_runs,
    variation_by_point,
)
from measurement.signal_news import signal_in_words
from tests.spc_vectors import analyse_vector, params

START = date(2024, 1, 1)


def xmr(values, improvement="increase", rules="mdc"):
    settings = spc.MeasureSettings(
        chart="xmr", rules=rules, data_type="continuous", improvement=improvement
    )
    observations = [
        spc.Observation(START + timedelta(weeks=i), value=v) for i, v in enumerate(values)
    ]
    return spc.analyse(settings, observations=observations)


STABLE = [50, 52, 49, 51, 50, 48, 52, 50, 49, 51, 50, 52]
SHIFTED_UP = [50, 51, 49, 50, 52, 48, 50, 49, 51, 50, 49, 51] + [58, 59, 57, 58, 60, 59, 58, 59]


def test_a_stable_process_is_common_cause():
    assert current_variation(xmr(STABLE)) == "common_cause"


def test_a_sustained_rise_is_improvement_when_higher_is_better():
    assert current_variation(xmr(SHIFTED_UP)) == "special_cause_improvement"
    assert current_variation(xmr(SHIFTED_UP, improvement="decrease")) == "special_cause_concern"


def test_other_rule_sets_read_the_last_phase():
    assert current_variation(xmr(SHIFTED_UP, rules="anhoej")) == "special_cause_improvement"
    assert current_variation(xmr(SHIFTED_UP, rules="anhoej", improvement="neither")) == (
        "special_cause_neutral_high"
    )


def test_no_analysis_means_no_variation_yet():
    assert current_variation(None) == ""


def test_a_step_change_is_two_shifts_either_side_of_the_mean():
    before, after = [r for r in signal_runs(xmr(SHIFTED_UP)) if r.rule == "shift"]
    assert (before.first_period, before.points, before.point_type) == (
        START,
        12,
        "special_cause_concern",
    )
    assert (after.first_period, after.points) == (START + timedelta(weeks=12), 8)
    assert is_special_cause(after, "mdc")
    assert signal_in_words(after, xmr(SHIFTED_UP), "weekly") == (
        "a shift upwards (special cause improvement), 8 points from the week of 25 March 2024"
    )


def test_a_stable_process_has_no_signal_runs():
    assert signal_runs(xmr(STABLE)) == []


VARIATION_LEADS = {
    "special_cause_improvement": "Special cause improvement",
    "special_cause_concern": "Special cause concern",
    "special_cause_neutral_high": "Special cause variation",
    "special_cause_neutral_low": "Special cause variation",
}


def _anhoej_shewhart(param) -> bool:
    vector = param.values[0]
    return vector is None or (
        vector["measure"]["rules"] == "anhoej" and vector["measure"]["chart"] != "run"
    )


@pytest.mark.parametrize("vector", [p for p in params() if _anhoej_shewhart(p)])
def test_the_chart_summary_leads_with_the_stored_variation(vector):
    """The tag a list shows and the sentence the chart page leads with must never disagree."""
    settings = vector["measure"]
    analysis = analyse_vector(vector)
    summary = text_summary(analysis, ChartSpec(title="Vector", improvement=settings["improvement"]))
    variation = current_variation(analysis)
    if variation == "common_cause":
        assert summary.startswith("Common cause")
    else:
        assert summary.startswith(VARIATION_LEADS[variation])


def test_quarter_states_carry_the_reading_at_each_quarters_end():
    # Weekly from Monday 11 April 2016: 12 stable weeks fill Q1 of 2016-17; 8 high ones in Q2.
    analysis = xmr(SHIFTED_UP)
    start = date(2016, 4, 11)
    analysis = spc.analyse(
        analysis.settings,
        observations=[
            spc.Observation(start + timedelta(weeks=i), value=v) for i, v in enumerate(SHIFTED_UP)
        ],
    )
    states = quarter_states(analysis)
    assert set(states) == {("2016-17", 0), ("2016-17", 1), ("2016-17", 2)}
    assert states[("2016-17", 1)] == "special_cause_concern"  # below the mean, higher is better
    assert states[("2016-17", 2)] == states[("2016-17", 0)] == "special_cause_improvement"
    assert current_variation(analysis) == states[("2016-17", 0)]


def test_a_quarter_without_data_keeps_the_reading_before_it():
    settings = spc.MeasureSettings(chart="run", rules="anhoej", data_type="continuous")
    observations = [
        spc.Observation(date(2016, 4, 4), value=1),
        spc.Observation(date(2016, 10, 3), value=2),
    ]
    states = quarter_states(spc.analyse(settings, observations=observations))
    assert [key for key in states if key[1]] == [("2016-17", 1), ("2016-17", 2), ("2016-17", 3)]
    assert len(set(states.values())) == 1


@pytest.mark.parametrize("vector", params())
def test_the_last_points_reading_is_the_current_variation(vector):
    settings = vector["measure"]
    analysis = analyse_vector(vector)
    readings = variation_by_point(analysis)
    assert len(readings) == len(analysis.points)
    if settings["rules"] == "mdc":
        assert readings[-1] == vector["expected"].get("variation", readings[-1])


def test_quarter_end_readings_draw_each_quarter_from_its_own_data():
    settings = spc.MeasureSettings(
        chart="xmr", rules="mdc", data_type="continuous", improvement="increase"
    )
    observations = [
        spc.Observation(date(2016, 4, 11) + timedelta(weeks=i), value=v)
        for i, v in enumerate(SHIFTED_UP)
    ]

    def read_upto(day):
        return current_variation(
            spc.analyse(settings, observations=[o for o in observations if o.period <= day])
        )

    analysis = spc.analyse(settings, observations=observations)
    assert quarter_states(analysis)[("2016-17", 1)] == "special_cause_concern"  # hindsight
    readings = quarter_end_readings(analysis, read_upto)
    assert readings == {
        ("2016-17", 1): "common_cause",
        ("2016-17", 2): "special_cause_improvement",
        ("2016-17", 0): "special_cause_improvement",
    }
    assert quarter_end_readings(analysis, read_upto, first=("2016-17", 2)) == {
        ("2016-17", 2): "special_cause_improvement",
        ("2016-17", 0): "special_cause_improvement",
    }


def test_a_new_week_in_the_latest_quarter_draws_no_extra_chart():
    settings = spc.MeasureSettings(chart="xmr", rules="mdc", data_type="continuous")
    analysis = spc.analyse(
        settings,
        observations=[
            spc.Observation(date(2016, 4, 11) + timedelta(weeks=i), value=v)
            for i, v in enumerate(SHIFTED_UP)
        ],
    )

    def must_not_draw(day):
        raise AssertionError(f"drew the chart up to {day}")

    assert quarter_end_readings(analysis, must_not_draw, first=("2016-17", 2)) == {
        ("2016-17", 2): current_variation(analysis),
        ("2016-17", 0): current_variation(analysis),
    }
