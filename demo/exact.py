"""Random weekly data nudged so that each phase's centre line is exactly the story's level.

The demo draws its points at random around a level, and then moves a few of them by one (a
case, a tenth of a day, a day between events) until the phase's centre line, computed as the
analysis computes it, is the published figure: Σnumerator / Σdenominator on p and u charts, the
mean on an XmR chart, (mean of gap^(1/3.6))^3.6 on a t chart. Pure: no Django.
"""

import math
import random
from fractions import Fraction

T_POWER = 3.6  # the t chart's transform (measurement.spc.limits._t)


def nudged(
    values: list[int],
    total: int,
    rng: random.Random,
    lowest: int = 0,
    highest: list[int] | None = None,
) -> list[int]:
    """`values` with some moved by one, at random, until they add up to `total`; each stays
    within lowest..highest[i]. Raises ValueError when the bounds cannot reach the total."""
    values = list(values)
    while (gap := total - sum(values)) != 0:
        step = 1 if gap > 0 else -1
        movable = [
            i for i, value in enumerate(values) if _can_move(value, step, lowest, highest, i)
        ]
        if not movable:
            raise ValueError(f"no values can move to reach a total of {total}")
        for i in rng.sample(movable, min(abs(gap), len(movable))):
            values[i] += step
    return values


def _can_move(value: int, step: int, lowest: int, highest: list[int] | None, i: int) -> bool:
    if step < 0:
        return value > lowest
    return highest is None or value < highest[i]


def whole_cases(level: float) -> int:
    """The smallest total of cases in which `level` is a whole number: 500 for 0.266."""
    return Fraction(str(level)).denominator


def nearest_multiple(value: float, step: int) -> int:
    return max(step, round(value / step) * step)


def ratio_totals(cases: int, level: float) -> tuple[int, int]:
    """The cases nearest `cases` in which `level` is whole, and the events among them."""
    cases = nearest_multiple(cases, whole_cases(level))
    return cases, int(Fraction(str(level)) * cases)


def avoided_totals(before: float, after: float, avoided: int) -> tuple[int, int]:
    """The cases and events of a phase at about `after` that saw `avoided` fewer events than
    the level `before` gives (measurement.spc.harm: Σ before × denominator - numerator)."""
    cases = nearest_multiple(avoided / (before - after), whole_cases(before))
    return cases, int(Fraction(str(before)) * cases) - avoided


def exact_totals(
    numerators: list[int], denominators: list[int], cases: int, events: int, rng: random.Random
) -> tuple[list[int], list[int]]:
    """The points nudged to `cases` in all (each at least 1) and `events` among them."""
    denominators = nudged(denominators, cases, rng, lowest=1)
    numerators = [min(k, n) for k, n in zip(numerators, denominators, strict=True)]
    return nudged(numerators, events, rng, highest=denominators), denominators


def exact_mean(values: list[float], level: float, rng: random.Random) -> list[float]:
    """Values to one decimal place whose mean is `level` (to one decimal place)."""
    tenths = [round(value * 10) for value in values]
    total = round(level * 10 * len(values))
    return [t / 10 for t in nudged(tenths, total, rng, lowest=1)]


def t_centre(gaps: list[int]) -> float:
    """The t chart's centre line over days between events."""
    return (math.fsum(gap ** (1 / T_POWER) for gap in gaps) / len(gaps)) ** T_POWER


def exact_t_centre(
    gaps: list[int], days: float, rng: random.Random, within: float = 0.04
) -> list[int]:
    """Gaps (whole days, at least 1) whose t chart centre is within `within` of `days`: one
    gap at a time lengthened or shortened by a day (each moves the centre a few hundredths)."""
    gaps = list(gaps)
    while abs((centre := t_centre(gaps)) - days) > within:
        if centre < days:
            gaps[rng.randrange(len(gaps))] += 1
        else:
            shorter = [i for i, gap in enumerate(gaps) if gap > 1]
            if not shorter:
                raise ValueError(f"gaps of a day cannot have a centre of {days}")
            gaps[rng.choice(shorter)] -= 1
    return gaps
