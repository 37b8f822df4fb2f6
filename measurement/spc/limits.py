"""Centre line and limits of one phase, per chart.

Each function reads the phase's first `k` points (its baseline) and returns limits for
every point of the phase. Constants and operation order follow qicharts2 0.8.1 and
NHSRplotthedots 0.2.2 so that results agree with them to the last few bits.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

MR_SCREEN = 3.267  # Nelson's upper limit for a moving range, as a multiple of their mean
D2 = 1.128  # mean moving range / sigma for two consecutive points
MDC_LIMIT = 2.66  # Making Data Count: limits at mean ± 2.66 × mean moving range


@dataclass(frozen=True)
class Limits:
    centre: float
    lower: np.ndarray | None  # NaN where the phase has too few points for a limit
    upper: np.ndarray | None
    # Making Data Count's 2σ lines, read by the two-of-three rule.
    near_lower: np.ndarray | None = None
    near_upper: np.ndarray | None = None
    # Every moving range of the baseline is 0: the limits are NaN, and the chart says why.
    no_variation: bool = False


@dataclass(frozen=True)
class PhaseData:
    """One phase of the plotted series; numerator/denominator only for p, pp, u and up."""

    y: np.ndarray
    numerator: np.ndarray | None = None
    denominator: np.ndarray | None = None


def phase_limits(chart: str, rules: str, data: PhaseData, k: int, screen: bool) -> Limits:
    # A float overflowing (a rate over a vanishing exposure) gives infinity, which the caller
    # refuses with the period; it is not a warning to raise.
    with np.errstate(over="ignore"):
        return _phase_limits(chart, rules, data, k, screen)


def _phase_limits(chart: str, rules: str, data: PhaseData, k: int, screen: bool) -> Limits:
    y = data.y
    if chart == "run":
        return Limits(median(y[:k]), None, None)
    if chart == "xmr":
        return _xmr_mdc(y, k, screen) if rules == "mdc" else _xmr_anhoej(y, k, screen)
    if chart in ("p", "pp", "u", "up"):
        return _ratio(chart, data, k, screen)
    return {"c": _c, "g": _g, "t": _t}[chart](y, k, screen)


def mean(values: np.ndarray) -> float:
    # fsum keeps the centre exact enough that a point "on the centre line" is recognised.
    return math.fsum(values) / len(values) if len(values) else math.nan


def median(values: np.ndarray) -> float:
    if not len(values):
        return math.nan
    ordered = np.sort(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    # Halving first rounds once, like R's long-double mean of the middle pair.
    return float(ordered[middle - 1] / 2 + ordered[middle] / 2)


def mean_moving_range(values: np.ndarray, screen: bool) -> float:
    """NaN when there is no range to average, or no range above 0 (no variation: qicharts2's
    and NHSRplotthedots' screening drop every range then, leaving no limits)."""
    ranges = np.abs(np.diff(values))
    if not len(ranges):
        return math.nan
    average = float(ranges.mean())
    if not average > 0:
        return math.nan
    if not screen:
        return average
    return float(ranges[ranges < MR_SCREEN * average].mean())


def no_variation(values: np.ndarray) -> bool:
    """Whether the values have moving ranges and every one of them is 0."""
    return len(values) > 1 and bool((values[1:] == values[:-1]).all())


def _full(value: float, size: int) -> np.ndarray:
    return np.full(size, value, dtype=float)


def _xmr_anhoej(y: np.ndarray, k: int, screen: bool) -> Limits:
    centre = mean(y[:k])
    sigma = mean_moving_range(y[:k], screen) / D2
    return Limits(
        centre,
        _full(centre - 3 * sigma, len(y)),
        _full(centre + 3 * sigma, len(y)),
        no_variation=no_variation(y[:k]),
    )


def _xmr_mdc(y: np.ndarray, k: int, screen: bool) -> Limits:
    centre = mean(y[:k])
    amr = mean_moving_range(y[:k], screen)
    near = 2 * (MDC_LIMIT / 3)
    size = len(y)
    return Limits(
        centre,
        _full(centre - MDC_LIMIT * amr, size),
        _full(centre + MDC_LIMIT * amr, size),
        _full(centre - near * amr, size),
        _full(centre + near * amr, size),
        no_variation=no_variation(y[:k]),
    )


def _ratio(chart: str, data: PhaseData, k: int, screen: bool) -> Limits:
    y, n = data.y, data.denominator
    centre = math.fsum(data.numerator[:k]) / math.fsum(n[:k])
    binomial = chart in ("p", "pp")
    sigma = np.sqrt(centre * (1 - centre) / n) if binomial else np.sqrt(centre / n)
    still = False
    if chart in ("pp", "up"):
        # Laney: widen by the between-period variation seen in the z-scores.
        z = _z_scores(y[:k], centre, sigma[:k])
        sigma = sigma * (mean_moving_range(z, screen) / D2)
        still = no_variation(z)
    lower = centre - 3 * sigma
    upper = centre + 3 * sigma
    if binomial:
        upper = np.minimum(upper, 1.0)
    return _with_near_lines(centre, np.maximum(lower, 0.0), upper, lower, no_variation=still)


def _z_scores(y: np.ndarray, centre: float, sigma: np.ndarray) -> np.ndarray:
    # A centre of 0 (or 1 for a proportion) has sigma 0 and every point on it: z is 0 there.
    safe = np.where(sigma > 0, sigma, 1.0)
    return np.where(sigma > 0, (y - centre) / safe, 0.0)


def _with_near_lines(
    centre: float,
    lower: np.ndarray,
    upper: np.ndarray,
    unclipped_lower: np.ndarray,
    *,
    no_variation: bool = False,
) -> Limits:
    """The limits with Making Data Count's 2σ lines of an attribute chart (PowerBI-SPC): two
    thirds of the way from the centre to the upper limit and to the lower limit before it was
    clipped at 0, so a lower limit clipped to 0 still leaves a 2σ line below the centre."""
    return Limits(
        centre,
        lower,
        upper,
        centre - (2 / 3) * (centre - unclipped_lower),
        centre + (2 / 3) * (upper - centre),
        no_variation=no_variation,
    )


def _c(y: np.ndarray, k: int, screen: bool) -> Limits:
    centre = mean(y[:k])
    sigma = math.sqrt(centre)
    lower, upper = _full(centre - 3 * sigma, len(y)), _full(centre + 3 * sigma, len(y))
    return _with_near_lines(centre, np.maximum(lower, 0.0), upper, lower)


def _g(y: np.ndarray, k: int, screen: bool) -> Limits:
    # Limits come from the geometric mean; the line drawn is the median (qicharts2).
    m = mean(y[:k])
    sigma = math.sqrt(m * (m + 1))
    lower = _full(max(m - 3 * sigma, 0.0), len(y))
    return Limits(median(y[:k]), lower, _full(m + 3 * sigma, len(y)))


def _t(y: np.ndarray, k: int, screen: bool) -> Limits:
    # An I chart of y^(1/3.6), which makes times between events roughly normal.
    transformed = y ** (1 / 3.6)
    inner = _xmr_anhoej(transformed, k, screen)
    lower_t = float(inner.lower[0])
    # A negative lower limit has no real root (NaN in R), and qicharts2 then draws 0.
    lower = lower_t**3.6 if lower_t >= 0 else (0.0 if lower_t < 0 else math.nan)
    return Limits(
        inner.centre**3.6,
        _full(lower, len(y)),
        inner.upper**3.6,
        no_variation=inner.no_variation,
    )
