"""Making Data Count rules (NHSRplotthedots 0.2.2) for one phase of an XmR chart, and of a p,
p′, u, u′ or c chart as PowerBI-SPC applies them: each point judged against its own limits and
2σ lines (`Limits` holds one per point)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .codes import Assurance, Variation
from .limits import Limits
from .runs import long_run_mask, sides, steps_to_points
from .types import OUTSIDE_LIMITS, SHIFT, SIGNAL_ORDER, TREND, TWO_OF_THREE

# A point's type comes from the first rule it meets in this order.
PRIORITY = (OUTSIDE_LIMITS, TREND, TWO_OF_THREE, SHIFT)
DIRECTION = {"increase": 1, "decrease": -1, "neither": 0}
RUN_LENGTH = 7
# Every combination of rules a point can meet, as bits in SIGNAL_ORDER: its signals, and the
# rule that decides its type.
SIGNALS_BY_CODE = [
    tuple(name for bit, name in enumerate(SIGNAL_ORDER) if code >> bit & 1)
    for code in range(1 << len(SIGNAL_ORDER))
]
MAIN_BY_CODE = [
    next((name for name in PRIORITY if name in signals), None) for signals in SIGNALS_BY_CODE
]


@dataclass(frozen=True)
class PointFlags:
    signals: list[tuple[str, ...]]
    main_signal: list[str | None]
    point_type: list[str | None]


def mdc_flags(y: np.ndarray, limits: Limits, improvement: str) -> PointFlags:
    side = sides(y, limits.centre)
    outside = (y > limits.upper) | (y < limits.lower)
    close = ~outside & ((y < limits.near_lower) | (y > limits.near_upper))
    rules = {
        OUTSIDE_LIMITS: outside,
        SHIFT: long_run_mask(side, RUN_LENGTH),
        TREND: _trend(y),
        TWO_OF_THREE: _two_of_three(close, side),
    }
    directions = {
        OUTSIDE_LIMITS: np.where(side == 1, 1, -1),
        TREND: _trend_direction(y, rules[TREND]),
        TWO_OF_THREE: np.where(side > 0, 1, -1),
        SHIFT: np.where(side > 0, 1, -1),
    }
    return _classify(rules, directions, DIRECTION[improvement], len(y))


def _trend(y: np.ndarray) -> np.ndarray:
    # Seven points need six steps the same way; an unchanged value breaks the trend.
    if len(y) < 2:
        return np.zeros(len(y), dtype=bool)
    return steps_to_points(long_run_mask(np.sign(np.diff(y)), RUN_LENGTH - 1))


def _two_of_three(close: np.ndarray, side: np.ndarray) -> np.ndarray:
    size = len(close)
    if size < 3:
        return np.zeros(size, dtype=bool)
    near = close.astype(int)
    window_close = near[:-2] + near[1:-1] + near[2:]
    window_side = side[:-2] + side[1:-1] + side[2:]
    hit = (window_close >= 2) & (np.abs(window_side) == 3)
    # A point belongs to the windows starting at it and at the two points before it.
    covered = np.zeros(size, dtype=bool)
    for offset in range(3):
        covered[offset : offset + len(hit)] |= hit
    return covered & close


def _trend_direction(y: np.ndarray, trend: np.ndarray) -> np.ndarray:
    """Sign of the step into each point, or out of it when the next point shares the trend."""
    steps = np.sign(np.diff(y))
    into = np.concatenate(([0.0], steps))
    out_of = np.concatenate((steps, steps[-1:])) if len(steps) else into
    use_next = trend & np.concatenate((trend[1:], [False]))
    return np.where(np.where(use_next, out_of, into) == 1, 1, -1)


def _classify(rules: dict, directions: dict, improvement: int, size: int) -> PointFlags:
    # Each point's rules as bits in SIGNAL_ORDER, so its signals and main rule are looked up
    # rather than worked out point by point.
    codes = np.zeros(size, dtype=int)
    for bit, name in enumerate(SIGNAL_ORDER):
        codes |= rules[name].astype(int) << bit
    # The direction of the main rule: rules of higher priority overwrite those of lower.
    direction = np.zeros(size, dtype=int)
    for name in reversed(PRIORITY):
        direction = np.where(rules[name], directions[name], direction)
    types = {way: point_type(way, improvement) for way in (-1, 0, 1)}
    codes = codes.tolist()
    return PointFlags(
        [SIGNALS_BY_CODE[code] for code in codes],
        [MAIN_BY_CODE[code] for code in codes],
        [types[way] for way in direction.tolist()],
    )


def point_type(direction: int, improvement: int) -> str:
    if direction == 0:
        return Variation.COMMON_CAUSE.value
    if improvement == 0:
        return (Variation.NEUTRAL_HIGH if direction > 0 else Variation.NEUTRAL_LOW).value
    if direction * improvement > 0:
        return Variation.IMPROVEMENT.value
    return Variation.CONCERN.value


def assurance(target: float | None, improvement: str, lower: float, upper: float) -> str | None:
    """Whether the last phase's limits say the target will be met, missed, or sometimes both."""
    if target is None or improvement == "neither" or np.isnan(lower) or np.isnan(upper):
        return None
    increase = improvement == "increase"
    if target > upper:
        return (Assurance.CONSISTENT_FAIL if increase else Assurance.CONSISTENT_PASS).value
    if target < lower:
        return (Assurance.CONSISTENT_PASS if increase else Assurance.CONSISTENT_FAIL).value
    return Assurance.INCONSISTENT.value
