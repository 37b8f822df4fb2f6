"""Anhøj runs analysis (qicharts2): longest run and number of crossings around the centre."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np


@dataclass(frozen=True)
class RunStats:
    n_useful: int
    runs: int
    longest_run: int | None
    longest_run_max: int | None
    crossings: int | None
    crossings_min: int | None
    runs_signal: bool


def sides(y: np.ndarray, centre: float) -> np.ndarray:
    """+1 above the centre line, -1 below, 0 on it (or when there is no centre)."""
    if math.isnan(centre):
        return np.zeros(len(y))
    return np.sign(y - centre)


def run_lengths(useful_sides: np.ndarray) -> np.ndarray:
    """Lengths of the runs in a sequence of +1/-1 with the points on the line removed."""
    if not len(useful_sides):
        return np.zeros(0, dtype=int)
    breaks = np.flatnonzero(useful_sides[1:] != useful_sides[:-1]) + 1
    edges = np.concatenate(([0], breaks, [len(useful_sides)]))
    return np.diff(edges)


def runs_analysis(y: np.ndarray, centre: float) -> RunStats:
    side = sides(y, centre)
    useful = side[side != 0]
    n_useful = len(useful)
    if not n_useful:
        return RunStats(0, 0, None, None, None, None, False)
    lengths = run_lengths(useful)
    longest, crossings = int(lengths.max()), len(lengths) - 1
    longest_max, crossings_lo = longest_run_max(n_useful), crossings_min(n_useful)
    signal = longest > longest_max or crossings < crossings_lo
    return RunStats(n_useful, len(lengths), longest, longest_max, crossings, crossings_lo, signal)


def longest_run_max(n_useful: int) -> int:
    # Schilling 2012; log2(n) is never exactly .5 from an integer, so rounding is unambiguous.
    return round(math.log2(n_useful)) + 3


@lru_cache(maxsize=1024)
def crossings_min(n_useful: int) -> int:
    """5th percentile of Binomial(n_useful - 1, 0.5): smallest c with P(X <= c) >= 0.05.

    Exact in integers: P(X <= c) >= 1/20  <=>  20 * sum(comb(m, i), i <= c) >= 2**m.
    """
    trials = max(n_useful - 1, 0)
    total, cumulative = 2**trials, 0
    for c in range(trials + 1):
        cumulative += math.comb(trials, c)
        if 20 * cumulative >= total:
            return c
    return trials


def long_run_mask(values: np.ndarray, min_length: int) -> np.ndarray:
    """True at every position inside a run of at least `min_length` equal non-zero values."""
    mask = np.zeros(len(values), dtype=bool)
    if not len(values):
        return mask
    breaks = np.flatnonzero(values[1:] != values[:-1]) + 1
    starts = np.concatenate(([0], breaks))
    stops = np.concatenate((breaks, [len(values)]))
    keep = (stops - starts >= min_length) & (values[starts] != 0)
    for start, stop in zip(starts[keep], stops[keep], strict=True):
        mask[start:stop] = True
    return mask


def steps_to_points(step_mask: np.ndarray) -> np.ndarray:
    """A flagged step between points i and i+1 flags both points."""
    points = np.zeros(len(step_mask) + 1, dtype=bool)
    points[:-1] |= step_mask
    points[1:] |= step_mask
    return points
