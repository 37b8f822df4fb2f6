"""The JSON analysis document of the shared README ("The analysis document").

Only plain Python values go in, so the result can be passed straight to json.dumps.
The caller adds "measure" (the id), which this module knows nothing about.
"""

from __future__ import annotations

from .types import Analysis, PhaseResult, PointResult


def analysis_document(analysis: Analysis) -> dict:
    settings = analysis.settings
    return {
        "chart": settings.chart,
        "rules": settings.rules,
        "improvement": settings.improvement,
        "target": None if settings.target is None else float(settings.target),
        "points": [point_document(point) for point in analysis.points],
        "phases": [phase_document(phase) for phase in analysis.phases],
        "variation": analysis.variation,
        "assurance": analysis.assurance,
        "screen_moving_ranges": settings.screen_moving_ranges,
        "baseline_points": settings.baseline_points,
        "notes": list(analysis.notes),
    }


def point_document(point: PointResult) -> dict:
    return {
        "period": point.period.isoformat(),
        "value": point.value,
        "numerator": point.numerator,
        "denominator": point.denominator,
        "phase": point.phase,
        "baseline": point.baseline,
        "centre": point.centre,
        "lower": point.lower,
        "upper": point.upper,
        "signals": list(point.signals),
        "main_signal": point.main_signal,
        "point_type": point.point_type,
    }


def phase_document(phase: PhaseResult) -> dict:
    document = {
        "phase": phase.phase,
        "start": phase.start.isoformat(),
        "reason": phase.reason,
        "centre": phase.centre,
        "n_useful": phase.n_useful,
        "longest_run": phase.longest_run,
        "longest_run_max": phase.longest_run_max,
        "crossings": phase.crossings,
        "crossings_min": phase.crossings_min,
        "runs_signal": phase.runs_signal,
    }
    if phase.ihi is not None:
        document.update(
            runs=phase.ihi.runs,
            runs_lower=phase.ihi.runs_lower,
            runs_upper=phase.ihi.runs_upper,
            too_few_runs=phase.ihi.too_few_runs,
            too_many_runs=phase.ihi.too_many_runs,
        )
    return document
