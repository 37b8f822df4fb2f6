"""Harm avoided: how many fewer harms the current phase saw than the previous phase's level."""

from __future__ import annotations

import math

from .types import Analysis, HarmAvoided, PointResult


def harm_avoided(analysis: Analysis) -> HarmAvoided | None:
    """Sum over the current phase of (previous phase centre - observed), or None.

    Only for harm measures (counts or rates where a decrease is an improvement) whose
    current phase has a lower centre line than the phase before it. For rates each
    period's difference is multiplied by its denominator, so the estimate is in events.
    """
    settings = analysis.settings
    if settings.data_type not in ("count", "rate") or settings.improvement != "decrease":
        return None
    if len(analysis.phases) < 2:
        return None
    previous, current = analysis.phases[-2], analysis.phases[-1]
    if previous.centre is None or current.centre is None or current.centre >= previous.centre:
        return None
    points = [point for point in analysis.points if point.phase == current.phase]
    return HarmAvoided(
        estimate=math.fsum(_avoided(point, previous.centre) for point in points),
        phase=current.phase,
        previous_phase=previous.phase,
        previous_centre=previous.centre,
        n_points=len(points),
        unit="events" if settings.data_type == "rate" else "count",
    )


def _avoided(point: PointResult, centre: float) -> float:
    if point.denominator is None:
        return centre - point.value
    return centre * point.denominator - point.numerator
