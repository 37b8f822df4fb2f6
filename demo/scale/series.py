"""A measure's weekly values (or dated events), drawn from its plan with its own seeded
generator, so any measure can be redrawn alone, in any process, identically. Pure: numpy only.

`effect` is signed and means, by data type: continuous, standard deviations of the mean;
count and rate, a relative change of the mean (-0.4: 40% fewer); proportion, a change in the
log-odds; events, a relative change in the mean days between events.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from demo.scale.plans import MeasurePlan

OUTLIER_SHARE = 0.1  # series with one or two single-week special causes


@dataclass(frozen=True)
class Series:
    value: np.ndarray | None = None
    numerator: np.ndarray | None = None
    denominator: np.ndarray | None = None
    events: tuple[tuple[date, int | None], ...] = ()


def generator(seed: int, plan: MeasurePlan) -> np.random.Generator:
    return np.random.default_rng([seed, plan.ordinal])


def change_curve(plan: MeasurePlan, weeks: int) -> np.ndarray:
    """How much of the change has happened by each week: 0 before it, 1 once complete."""
    if plan.change_week is None:
        return np.zeros(weeks)
    since = np.arange(weeks) - plan.change_week
    if plan.shape == "trend":
        return np.clip((since + 1) / plan.trend_weeks, 0, 1)
    return (since >= 0).astype(float)


def _outliers(rng: np.random.Generator, weeks: int) -> np.ndarray:
    """+1/-1 at one or two weeks of some series, 0 elsewhere."""
    kicks = np.zeros(weeks)
    if rng.random() < OUTLIER_SHARE:
        kicks[rng.integers(0, weeks, size=rng.integers(1, 3))] = rng.choice([-1, 1])
    return kicks


def _logistic(x):
    return 1 / (1 + np.exp(-x))


def _counts_out_of(rng, plan: MeasurePlan, weeks: int, change, kicks) -> Series:
    denominator = np.maximum(1, rng.poisson(plan.size, weeks))
    noise = rng.normal(0, plan.spread, weeks) if plan.spread else 0
    if plan.data_type == "proportion":
        odds = np.log(plan.level / (1 - plan.level)) + plan.effect * change + noise + 1.5 * kicks
        numerator = rng.binomial(denominator, _logistic(odds))
    else:
        rate = plan.level * np.maximum(0.05, 1 + plan.effect * change) * np.exp(noise + kicks)
        numerator = rng.poisson(rate * denominator)
    return Series(numerator=numerator.astype(float), denominator=denominator.astype(float))


def _values(rng, plan: MeasurePlan, weeks: int, change, kicks) -> Series:
    if plan.data_type == "count":
        mean = plan.level * np.maximum(0.05, 1 + plan.effect * change) * (1 + 1.5 * np.abs(kicks))
        return Series(value=rng.poisson(mean).astype(float))
    mean = plan.level + (plan.effect * change + 4 * kicks) * plan.spread
    return Series(value=np.round(np.maximum(0, rng.normal(mean, plan.spread)), 1))


def _events(rng, plan: MeasurePlan, first: date, weeks: int, change) -> Series:
    """Events from the first week to the end of the last; gaps grow or shrink with the change.
    A g chart also counts the opportunities (say, admissions) since the previous event."""
    offset, last, days = int(rng.integers(0, 14)), weeks * 7, []
    while offset < last:
        days.append(offset)
        mean = plan.level * max(0.1, 1 + plan.effect * change[min(offset // 7, weeks - 1)])
        offset += max(1, round(rng.exponential(mean)))
    if plan.chart == "g":
        gaps = np.diff(np.array([days[0] - 14, *days]))
        opportunities = rng.poisson(gaps * plan.size).tolist()
    else:
        opportunities = [None] * len(days)
    return Series(
        events=tuple(
            (first + timedelta(days=day), count)
            for day, count in zip(days, opportunities, strict=True)
        )
    )


def draw(seed: int, plan: MeasurePlan, first: date, weeks: int) -> Series:
    rng = generator(seed, plan)
    change = change_curve(plan, weeks)
    if plan.data_type == "events":
        return _events(rng, plan, first, weeks, change)
    kicks = _outliers(rng, weeks)
    if plan.data_type in ("proportion", "rate"):
        return _counts_out_of(rng, plan, weeks, change, kicks)
    return _values(rng, plan, weeks, change, kicks)
