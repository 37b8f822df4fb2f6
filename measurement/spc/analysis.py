"""The entry point: settings plus data in, a complete Analysis out."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from .ihi import ihi_runs, ihi_signals
from .limits import Limits, PhaseData, phase_limits
from .mdc import assurance, mdc_flags
from .runs import runs_analysis
from .series import PhaseSpan, Series, build_series, phase_spans
from .types import (
    NO_VARIATION,
    OUTSIDE_LIMITS,
    Analysis,
    Event,
    InvalidData,
    MeasureSettings,
    Observation,
    PhaseResult,
    PointResult,
    point_results,
)
from .validation import validate_settings

RATIO_CHARTS = ("p", "pp", "u", "up")


@dataclass(frozen=True)
class _PhaseOutcome:
    limits: Limits
    result: PhaseResult
    signals: list[tuple[str, ...]]
    main_signal: list[str | None]
    point_type: list[str | None]


def analyse(
    settings: MeasureSettings,
    observations: Sequence[Observation] | None = None,
    events: Sequence[Event] | None = None,
) -> Analysis:
    """Analyse one measure. Raises InvalidSettings or InvalidData (both ValueErrors)."""
    validate_settings(settings)
    series = build_series(settings, observations, events)
    spans = phase_spans(settings, series.periods)
    ratio = series.ratio_arrays() if settings.chart in RATIO_CHARTS else (None, None)
    points: list[PointResult] = []
    phases: list[PhaseResult] = []
    still: list[bool] = []  # per phase: no variation in its baseline
    for span in spans:
        data = _phase_data(series, ratio, span)
        outcome = _analyse_phase(settings, span, data)
        _check_finite(outcome.limits, series.periods[span.first : span.stop])
        phases.append(outcome.result)
        still.append(outcome.limits.no_variation)
        points.extend(_points(settings, series, span, outcome))
    return Analysis(
        settings=settings,
        points=tuple(points),
        phases=tuple(phases),
        variation=points[-1].point_type if points and settings.rules == "mdc" else None,
        assurance=_assurance(settings, points, bool(still) and still[-1]),
        notes=(NO_VARIATION,) if any(still) else (),
    )


def _phase_data(series: Series, ratio: tuple, span: PhaseSpan) -> PhaseData:
    window = slice(span.first, span.stop)
    numerator, denominator = ratio
    if numerator is None:
        return PhaseData(series.y[window])
    return PhaseData(series.y[window], numerator[window], denominator[window])


def _check_finite(limits: Limits, periods: tuple[date, ...]) -> None:
    """Limits beyond a float's range (a rate over a vanishing exposure, say) are refused rather
    than given as infinity; NaN limits are none (too few points, or no variation)."""
    if math.isinf(limits.centre):
        raise InvalidData("the centre line is beyond a float's range", periods[0])
    for line in (limits.lower, limits.upper):
        if line is not None and np.isinf(line).any():
            period = periods[int(np.flatnonzero(np.isinf(line))[0])]
            raise InvalidData(
                "the limits are beyond a float's range: check the denominator", period
            )


def _baseline_size(settings: MeasureSettings, size: int) -> int:
    return min(settings.baseline_points or size, size)


def _analyse_phase(settings: MeasureSettings, span: PhaseSpan, data: PhaseData) -> _PhaseOutcome:
    k = _baseline_size(settings, len(data.y))
    limits = phase_limits(settings.chart, settings.rules, data, k, settings.screen_moving_ranges)
    stats = runs_analysis(data.y, limits.centre)
    signals, mains, types, ihi = _point_rules(settings, data.y, limits)
    result = PhaseResult(
        phase=span.number,
        start=span.start,
        reason=span.reason,
        centre=_number(limits.centre),
        n_useful=stats.n_useful,
        longest_run=stats.longest_run,
        longest_run_max=stats.longest_run_max,
        crossings=stats.crossings,
        crossings_min=stats.crossings_min,
        runs_signal=stats.runs_signal,
        ihi=ihi,
    )
    return _PhaseOutcome(limits, result, signals, mains, types)


def _point_rules(settings: MeasureSettings, y: np.ndarray, limits: Limits) -> tuple:
    """Signals, main signal and point type per point, plus the IHI runs test if it applies."""
    if settings.rules == "mdc":
        flags = mdc_flags(y, limits, settings.improvement)
        return flags.signals, flags.main_signal, flags.point_type, None
    nothing = [None] * len(y)
    if settings.rules == "ihi":
        return ihi_signals(y, limits.centre), nothing, nothing, ihi_runs(y, limits.centre)
    return _outside_signals(y, limits), nothing, nothing, None


def _outside_signals(y: np.ndarray, limits: Limits) -> list[tuple[str, ...]]:
    if limits.upper is None:
        return [()] * len(y)
    outside = ((y > limits.upper) | (y < limits.lower)).tolist()
    return [(OUTSIDE_LIMITS,) if hit else () for hit in outside]


def _points(
    settings: MeasureSettings, series: Series, span: PhaseSpan, outcome: _PhaseOutcome
) -> list[PointResult]:
    limits, first, stop = outcome.limits, span.first, span.stop
    size = stop - first
    k = _baseline_size(settings, size)
    return point_results(
        series.periods[first:stop],
        series.y[first:stop].tolist(),
        series.numerators[first:stop],
        series.denominators[first:stop],
        [True] * k + [False] * (size - k),
        _numbers(limits.lower, size),
        _numbers(limits.upper, size),
        outcome.signals,
        outcome.main_signal,
        outcome.point_type,
        phase=span.number,
        centre=_number(limits.centre),
    )


def _number(value: float) -> float | None:
    return None if value is None or math.isnan(value) else float(value)


def _numbers(values: np.ndarray | None, size: int) -> list[float | None]:
    if values is None:
        return [None] * size
    if not np.isnan(values).any():
        return values.tolist()
    return [None if math.isnan(v) else v for v in values.tolist()]


def _assurance(
    settings: MeasureSettings, points: list[PointResult], no_variation: bool
) -> str | None:
    """From the last point's limits; a last phase without variation has none, so a target
    cannot be said to be met or missed every time (`inconsistent`)."""
    if settings.rules != "mdc" or not points:
        return None
    target = None if settings.target is None else float(settings.target)
    if no_variation:
        return assurance(target, settings.improvement, -math.inf, math.inf)
    last = points[-1]
    if last.lower is None or last.upper is None:
        return None
    return assurance(target, settings.improvement, last.lower, last.upper)
