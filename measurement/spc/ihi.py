"""IHI run-chart rules (Perla, Provost & Murray, BMJ Qual Saf 2011) for one phase."""

from __future__ import annotations

import numpy as np

from .runs import long_run_mask, run_lengths, sides
from .types import SHIFT, SIGNAL_ORDER, TREND, IhiRuns

SHIFT_LENGTH = 6
TREND_LENGTH = 5

# Perla et al. Table 1: useful points -> (lower, upper) limits for the number of runs.
# Fewer runs than the lower limit is "too few", more than the upper is "too many".
# Table 1 only covers 10 to 30 useful points; outside it the runs rule is not applied.
PERLA_TABLE_1: dict[int, tuple[int, int]] = {
    10: (3, 9), 11: (3, 10), 12: (3, 11), 13: (4, 11), 14: (4, 12),
    15: (5, 12), 16: (5, 13), 17: (5, 13), 18: (6, 14), 19: (6, 15),
    20: (6, 16), 21: (7, 16), 22: (7, 17), 23: (7, 17), 24: (8, 18),
    25: (8, 18), 26: (9, 19), 27: (10, 19), 28: (10, 20), 29: (10, 20),
    30: (11, 21),
}  # fmt: skip


# A point's signals by code: bit 0 a shift, bit 1 a trend.
NAMES = tuple(name for name in SIGNAL_ORDER if name in (SHIFT, TREND))
SIGNALS_BY_CODE = [
    tuple(name for bit, name in enumerate(NAMES) if code >> bit & 1) for code in range(4)
]


def ihi_signals(y: np.ndarray, median: float) -> list[tuple[str, ...]]:
    rules = {SHIFT: _shift(y, median), TREND: _trend(y)}
    codes = rules[NAMES[0]].astype(int) | rules[NAMES[1]].astype(int) << 1
    return [SIGNALS_BY_CODE[code] for code in codes.tolist()]


def _shift(y: np.ndarray, median: float) -> np.ndarray:
    # Points on the median are skipped: they neither extend nor break a run, nor are flagged.
    side = sides(y, median)
    useful = np.flatnonzero(side != 0)
    mask = np.zeros(len(y), dtype=bool)
    mask[useful[long_run_mask(side[useful], SHIFT_LENGTH)]] = True
    return mask


def _trend(y: np.ndarray) -> np.ndarray:
    """A value equal to the one before neither adds to nor breaks a trend: the trend runs from
    its first rise (or fall) to its last, so it starts at the last of the equal values before
    it and takes in the equal values inside it."""
    mask = np.zeros(len(y), dtype=bool)
    steps = np.sign(np.diff(y))
    moves = np.flatnonzero(steps != 0)  # step i goes from point i to point i + 1
    ways = steps[moves]
    breaks = np.flatnonzero(ways[1:] != ways[:-1]) + 1
    starts = np.concatenate(([0], breaks)).astype(int)
    stops = np.concatenate((breaks, [len(ways)])).astype(int)
    for start, stop in zip(starts, stops, strict=True):
        if stop - start >= TREND_LENGTH - 1:
            mask[moves[start] : moves[stop - 1] + 2] = True
    return mask


def ihi_runs(y: np.ndarray, median: float) -> IhiRuns:
    side = sides(y, median)
    useful = side[side != 0]
    runs = len(run_lengths(useful))
    limits = PERLA_TABLE_1.get(len(useful))
    if limits is None:
        return IhiRuns(runs, None, None, None, None)
    lower, upper = limits
    return IhiRuns(runs, lower, upper, runs < lower, runs > upper)
