"""The entry point: settings plus data in, a complete Analysis out."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .ihi import ihi_runs, ihi_signals
from .limits import Limits, PhaseData, phase_limits
from .mdc import assurance, mdc_flags
from .runs import runs_analysis
from .series import PhaseSpan, Series, build_series, phase_spans
from .types import (
    OUTSIDE_LIMITS,
    Analysis,
    Event,
    MeasureSettings,
    Observation,
    PhaseResult,
    PointResult,
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
    for span in spans:
        data = _phase_data(series, ratio, span)
        outcome = _analyse_phase(settings, span, data)
        phases.append(outcome.result)
        points.extend(_points(settings, series, span, outcome))
    return Analysis(
        settings=settings,
        points=tuple(points),
        phases=tuple(phases),
        variation=points[-1].point_type if points and settings.rules == "mdc" else None,
        assurance=_assurance(settings, points),
    )


def _phase_data(series: Series, ratio: tuple, span: PhaseSpan) -> PhaseData:
    window = slice(span.first, span.stop)
    numerator, denominator = ratio
    if numerator is None:
        return PhaseData(series.y[window])
    return PhaseData(series.y[window], numerator[window], denominator[window])


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
    limits = outcome.limits
    size = span.stop - span.first
    k = _baseline_size(settings, size)
    centre = _number(limits.centre)
    lower = _numbers(limits.lower, size)
    upper = _numbers(limits.upper, size)
    values = series.y[span.first : span.stop].tolist()
    return [
        PointResult(
            period=series.periods[span.first + i],
            value=values[i],
            numerator=series.numerators[span.first + i],
            denominator=series.denominators[span.first + i],
            phase=span.number,
            baseline=i < k,
            centre=centre,
            lower=lower[i],
            upper=upper[i],
            signals=outcome.signals[i],
            main_signal=outcome.main_signal[i],
            point_type=outcome.point_type[i],
        )
        for i in range(size)
    ]


def _number(value: float) -> float | None:
    return None if value is None or math.isnan(value) else float(value)


def _numbers(values: np.ndarray | None, size: int) -> list[float | None]:
    if values is None:
        return [None] * size
    return [None if math.isnan(v) else v for v in values.tolist()]


def _assurance(settings: MeasureSettings, points: list[PointResult]) -> str | None:
    if settings.rules != "mdc" or not points:
        return None
    last = points[-1]
    if last.lower is None or last.upper is None:
        return None
    target = None if settings.target is None else float(settings.target)
    return assurance(target, settings.improvement, last.lower, last.upper)
