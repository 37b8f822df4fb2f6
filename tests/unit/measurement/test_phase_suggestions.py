from datetime import date, timedelta

import pytest

from measurement import spc
from measurement.phase_suggestions import suggested_start

MONDAY = date(2024, 1, 1)
LOW = [10, 11, 9, 10, 12, 10, 11, 9, 10, 11, 10, 12]
HIGH = [v + 10 for v in LOW]


def _analysis(values, chart="xmr", rules="mdc", phases=()):
    observations = [spc.Observation(MONDAY + timedelta(weeks=i), v) for i, v in enumerate(values)]
    settings = spc.MeasureSettings(chart, rules, "continuous", "increase", phases=phases)
    return spc.analyse(settings, observations=observations)


def _phase(week: int) -> spc.Phase:
    return spc.Phase(MONDAY + timedelta(weeks=week), "change")


@pytest.mark.parametrize(("chart", "rules"), [("xmr", "mdc"), ("run", "anhoej"), ("run", "ihi")])
def test_the_latest_sustained_shift_is_suggested_at_its_first_point(chart, rules):
    assert suggested_start(_analysis(LOW + HIGH, chart, rules)) == MONDAY + timedelta(weeks=12)


def test_a_phase_starting_within_three_points_of_the_shift_explains_it():
    assert suggested_start(_analysis(LOW + HIGH, phases=(_phase(9),))) is None
    assert suggested_start(_analysis(LOW + HIGH, phases=(_phase(12),))) is None


def test_a_shift_in_an_earlier_phase_is_not_suggested_again():
    later = LOW + HIGH + [20, 21, 19, 22, 20, 21, 19, 20, 21, 20]
    assert suggested_start(_analysis(later, phases=(_phase(12),))) is None


def test_a_shift_from_the_first_point_needs_no_new_phase():
    assert suggested_start(_analysis(HIGH[:8] + LOW[:3])) is None


def test_steady_data_or_no_data_suggests_nothing():
    assert suggested_start(_analysis(LOW + LOW)) is None
    assert suggested_start(None) is None


def test_too_few_crossings_without_a_long_run_is_no_sustained_shift():
    # Runs of 5 alternate sides: few crossings for 20 points, yet no run longer than 7.
    values = ([10] * 5 + [20] * 5) * 2
    analysis = _analysis(values, "run", "anhoej")
    assert analysis.phases[-1].runs_signal
    assert analysis.phases[-1].longest_run <= analysis.phases[-1].longest_run_max
    assert suggested_start(analysis) is None
