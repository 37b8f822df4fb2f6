from datetime import date, timedelta

import pytest

from measurement import spc
from measurement.charts import ChartSpec, text_summary
from measurement.signals import current_variation, describe, is_special_cause, signal_runs
from tests.spc_vectors import params, require

START = date(2024, 1, 1)


def xmr(values, improvement="increase", rules="mdc"):
    settings = spc.MeasureSettings(chart="xmr", rules=rules, data_type="continuous",
                                   improvement=improvement)
    observations = [spc.Observation(START + timedelta(weeks=i), value=v)
                    for i, v in enumerate(values)]
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
        START, 12, "special_cause_concern"
    )
    assert (after.first_period, after.points) == (START + timedelta(weeks=12), 8)
    assert is_special_cause(after, "mdc")
    assert describe(after) == "Special cause improvement: a shift, 8 points from 25 March 2024."


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
    return vector is None or (vector["measure"]["rules"] == "anhoej"
                              and vector["measure"]["chart"] != "run")


@pytest.mark.parametrize("vector", [p for p in params() if _anhoej_shewhart(p)])
def test_the_chart_summary_leads_with_the_stored_variation(vector):
    """The tag a list shows and the sentence the chart page leads with must never disagree."""
    vector = require(vector)
    settings = vector["measure"]
    analysis = spc.analyse(
        spc.MeasureSettings(
            chart=settings["chart"], rules=settings["rules"], data_type=settings["data_type"],
            improvement=settings["improvement"], target=settings.get("target"),
            screen_moving_ranges=settings["screen_moving_ranges"],
            baseline_points=settings["baseline_points"],
            phases=tuple(spc.Phase(date.fromisoformat(p["start"]), p["reason"])
                         for p in settings["phases"]),
        ),
        observations=[spc.Observation(date.fromisoformat(r["period"]), r.get("value"),
                                      r.get("numerator"), r.get("denominator"))
                      for r in vector["data"]],
    )
    summary = text_summary(analysis, ChartSpec(title="Vector",
                                               improvement=settings["improvement"]))
    variation = current_variation(analysis)
    if variation == "common_cause":
        assert summary.startswith("Common cause")
    else:
        assert summary.startswith(VARIATION_LEADS[variation])
