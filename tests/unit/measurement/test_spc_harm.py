"""Harm avoided: previous phase centre minus observed, summed over the current phase."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from measurement.spc import (
    HARM_METHOD,
    MeasureSettings,
    Observation,
    Phase,
    analyse,
    harm_avoided,
)

MONDAY = date(2024, 1, 1)
REBASE = Phase(MONDAY + timedelta(weeks=5), "falls bundle introduced")


def _counts(values):
    return [Observation(MONDAY + timedelta(weeks=i), value=v) for i, v in enumerate(values)]


def _analysis(values, improvement="decrease", data_type="count", chart="c", phases=(REBASE,)):
    settings = MeasureSettings(chart, "anhoej", data_type, improvement, phases=phases)
    return analyse(settings, observations=_counts(values))


def test_counts_sum_the_previous_centre_minus_each_observation():
    estimate = harm_avoided(_analysis([10, 12, 8, 11, 9, 6, 5, 7]))
    # Previous centre 10; the current phase saw 6, 5 and 7: (10-6) + (10-5) + (10-7).
    assert estimate.estimate == 12
    assert estimate.method == HARM_METHOD
    assert estimate.method == (
        "Estimate: previous phase centre line minus observed, summed over the current phase"
    )
    assert (estimate.phase, estimate.previous_phase) == (2, 1)
    assert (estimate.previous_centre, estimate.n_points, estimate.unit) == (10, 3, "count")


def test_rates_count_events_avoided_at_each_period_exposure():
    rows = [(4, 2), (6, 2), (5, 2), (3, 1), (2, 2), (1, 2)]
    observations = [
        Observation(MONDAY + timedelta(weeks=i), numerator=n, denominator=d)
        for i, (n, d) in enumerate(rows)
    ]
    rebase = Phase(MONDAY + timedelta(weeks=4), "new cleaning regime")
    settings = MeasureSettings("u", "anhoej", "rate", "decrease", phases=(rebase,))
    estimate = harm_avoided(analyse(settings, observations=observations))
    # Previous rate 18 / 7 per unit exposure; expected (18/7)*4 events, observed 3.
    assert estimate.estimate == pytest.approx(18 / 7 * 4 - 3)
    assert estimate.unit == "events"


@pytest.mark.parametrize(
    "analysis",
    [
        _analysis([10, 12, 8, 11, 9, 6, 5, 7], improvement="increase"),
        _analysis([10, 12, 8, 11, 9, 13, 15, 14]),  # the later phase is worse
        _analysis([10, 12, 8, 11, 9, 6, 5, 7], phases=()),  # nothing to compare with
        _analysis([10, 12, 8, 11, 9, 6, 5, 7], data_type="continuous", chart="xmr"),
    ],
    ids=["improvement-is-increase", "later-phase-worse", "single-phase", "not-a-harm-count"],
)
def test_no_estimate_when_it_would_not_mean_harm_avoided(analysis):
    assert harm_avoided(analysis) is None
