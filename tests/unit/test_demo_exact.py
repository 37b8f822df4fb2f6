"""The demo's nudged data: a phase's centre line lands exactly on its level, and every point
stays possible (0 to its denominator, at least 1 case, at least a day between events)."""

import math
import random
from datetime import date, timedelta

import pytest

from demo import exact
from measurement import spc


@pytest.mark.parametrize("level", [0.27, 0.04, 0.93, 0.266, 0.424, 0.025])
def test_a_ratio_phase_is_exactly_its_level_with_every_point_possible(level):
    rng = random.Random(level)
    denominators = [max(1, round(rng.gauss(20, 4))) for _ in range(30)]
    numerators = [sum(rng.random() < level for _ in range(n)) for n in denominators]
    cases, events = exact.ratio_totals(sum(denominators), level)
    ks, ns = exact.exact_totals(numerators, denominators, cases, events, rng)
    assert math.fsum(ks) / math.fsum(ns) == level
    assert all(0 <= k <= n for k, n in zip(ks, ns, strict=True)) and min(ns) >= 1
    assert abs(sum(ns) - sum(denominators)) <= exact.whole_cases(level) / 2


def test_the_after_phase_avoids_exactly_the_harms_asked_for():
    cases, events = exact.avoided_totals(0.0075, 0.0055, 2439)
    assert 0.0075 * cases - events == pytest.approx(2439, abs=1e-6)
    assert events / cases == pytest.approx(0.0055, abs=1e-6)


def test_a_mean_phase_is_its_level_to_a_tenth():
    rng = random.Random(1)
    values = exact.exact_mean([rng.gauss(17.6, 0.4) for _ in range(30)], 17.6, rng)
    assert round(math.fsum(values) / len(values), 6) == 17.6
    assert all(round(v, 1) == v for v in values)


@pytest.mark.parametrize("days", [4, 30, 75])
def test_gaps_between_events_have_the_t_charts_centre_asked_for(days):
    rng = random.Random(days)
    gaps = [max(1, round(rng.expovariate(1 / (days * 1.4)))) for _ in range(40)]
    gaps = exact.exact_t_centre(gaps, days, rng)
    assert min(gaps) >= 1
    settings = spc.MeasureSettings(
        chart="t", rules="anhoej", data_type="events", improvement="increase"
    )
    day, events = date(2016, 1, 1), [spc.Event(date=date(2016, 1, 1))]
    for gap in gaps:
        day += timedelta(days=gap)
        events.append(spc.Event(date=day))
    (phase,) = spc.analyse(settings, events=events).phases
    assert round(phase.centre, 1) == days


def test_nudging_refuses_a_total_its_bounds_cannot_reach():
    with pytest.raises(ValueError, match="total of 7"):
        exact.nudged([1, 2], 7, random.Random(0), highest=[2, 3])
