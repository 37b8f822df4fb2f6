"""Properties that must hold for any data, checked with hypothesis."""

from __future__ import annotations

import math
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from measurement.spc import (
    MeasureSettings,
    Observation,
    Phase,
    analyse,
    crossings_min,
    longest_run_max,
)

FIRST_MONDAY = date(2024, 1, 1)

# Values on a 0.1 grid, like the weekly measures teams enter.
values_strategy = st.lists(
    st.integers(min_value=0, max_value=2000).map(lambda v: v / 10), min_size=2, max_size=60
)


def _weekly(values: list[float]) -> list[Observation]:
    return [
        Observation(FIRST_MONDAY + timedelta(weeks=i), value=value)
        for i, value in enumerate(values)
    ]


def _run_stats(analysis) -> tuple:
    phase = analysis.phases[0]
    return phase.n_useful, phase.longest_run, phase.crossings


@pytest.mark.parametrize("rules", ["anhoej", "mdc"])
@given(values=values_strategy)
def test_xmr_limits_are_symmetric_about_the_centre(rules, values):
    analysis = analyse(MeasureSettings("xmr", rules, "continuous"), observations=_weekly(values))
    if len(set(values)) == 1:  # no variation: no limits at all (shared/spc/README.md)
        assert {(p.lower, p.upper) for p in analysis.points} == {(None, None)}
        return
    for point in analysis.points:
        above = point.upper - point.centre
        below = point.centre - point.lower
        assert math.isclose(above, below, rel_tol=1e-9, abs_tol=1e-9)


@given(values=values_strategy, where=st.integers(min_value=0, max_value=60))
def test_a_point_on_the_centre_line_changes_no_run_statistic(values, where):
    run = MeasureSettings("run", "anhoej", "continuous")
    before = analyse(run, observations=_weekly(values))
    median = before.phases[0].centre
    longer = [*values[:where], median, *values[where:]]
    after = analyse(run, observations=_weekly(longer))
    # A value equal to the median keeps the median where it was.
    assert after.phases[0].centre == median
    assert _run_stats(after) == _run_stats(before)


@settings(max_examples=50)
@given(values=values_strategy, data=st.data())
def test_results_do_not_depend_on_the_order_rows_arrive_in(values, data):
    observations = _weekly(values)
    rebase = Phase(observations[len(observations) // 2].period, "new pathway")
    measure = MeasureSettings("xmr", "mdc", "continuous", "increase", 50.0, phases=(rebase,))
    shuffled = data.draw(st.permutations(observations))
    assert analyse(measure, observations=shuffled) == analyse(measure, observations=observations)


@settings(max_examples=30)
@given(
    rows=st.lists(st.tuples(st.integers(0, 80), st.integers(80, 200)), min_size=2, max_size=40),
    data=st.data(),
)
def test_p_chart_results_do_not_depend_on_row_order(rows, data):
    observations = [
        Observation(FIRST_MONDAY + timedelta(weeks=i), numerator=num, denominator=den)
        for i, (num, den) in enumerate(rows)
    ]
    measure = MeasureSettings("p", "anhoej", "proportion")
    shuffled = data.draw(st.permutations(observations))
    assert analyse(measure, observations=shuffled) == analyse(measure, observations=observations)


@pytest.mark.parametrize(
    ("n_useful", "longest", "crossings"),
    [(24, 8, 8), (100, 10, 41)],
)
def test_readme_examples_of_the_anhoej_limits(n_useful, longest, crossings):
    assert longest_run_max(n_useful) == longest
    assert crossings_min(n_useful) == crossings


@given(n_useful=st.integers(min_value=1, max_value=300))
def test_crossings_min_is_the_binomial_fifth_percentile(n_useful):
    trials = n_useful - 1

    def cdf(c: int) -> Fraction:
        return Fraction(sum(math.comb(trials, i) for i in range(c + 1)), 2**trials)

    c = crossings_min(n_useful)
    assert cdf(c) >= Fraction(1, 20)
    assert c == 0 or cdf(c - 1) < Fraction(1, 20)
