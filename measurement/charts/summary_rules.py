"""Text summaries for the Anhøj rules (run and Shewhart charts) and the IHI run-chart rules."""

from __future__ import annotations

from core.wording import long_date, plural
from measurement.spc.types import OUTSIDE_LIMITS, SHIFT, TREND, Analysis, PhaseResult, PointResult

from .spec import ChartSpec
from .wording import centre_word, rules_name, side_word, trailing_run, value_format

IMPROVEMENT_SIGN = {"increase": 1, "decrease": -1, "neither": 0}


def anhoej_run_summary(analysis: Analysis, spec: ChartSpec) -> str:
    phase = analysis.phases[-1]
    since = _since(analysis)
    if phase.longest_run is None:
        return f"Too few points off the median{since} to test for non-random variation."
    if phase.runs_signal:
        return f"Non-random variation{since} ({rules_name(analysis, spec)}): {_runs(phase)}."
    return f"No non-random variation{since}: {_runs(phase)}."


def shewhart_summary(analysis: Analysis, spec: ChartSpec) -> str:
    points = _last_phase_points(analysis)
    phase = analysis.phases[-1]
    outside = [p for p in points if OUTSIDE_LIMITS in p.signals]
    parts = [_outside_words(outside, analysis, spec)] if outside else []
    if phase.runs_signal:
        parts.append(f"unusual runs, {_runs(phase)}")
    if not parts:
        centre = value_format(analysis, spec)(phase.centre)
        quiet = plural(len(points), "point")
        return (
            f"Common cause variation: no points outside the limits and no unusual runs in the "
            f"{'last ' if len(analysis.phases) == 1 else ''}{quiet}{_since(analysis)} "
            f"({centre_word(analysis)} {centre})."
        )
    # Unusual runs describe the phase as it stands now, so the latest point gives the direction;
    # otherwise the latest point outside the limits does (as measurement.readings agrees).
    lead = _direction_words(points[-1] if phase.runs_signal else outside[-1], spec)
    return f"{lead}{_since(analysis)} ({rules_name(analysis, spec)}): {'; '.join(parts)}."


def ihi_summary(analysis: Analysis, spec: ChartSpec) -> str:
    points = _last_phase_points(analysis)
    phase = analysis.phases[-1]
    parts = _ihi_signal_words(points) if any(p.signals for p in points) else []
    parts += _ihi_runs_words(phase)
    since, rules = _since(analysis), rules_name(analysis, spec)
    if parts:
        return f"Non-random variation{since} ({rules}): {'; '.join(parts)}."
    runs = phase.ihi
    expected = ""
    if runs is not None and runs.runs_lower is not None:
        expected = f", {plural(runs.runs, 'run')} ({runs.runs_lower} to {runs.runs_upper} expected)"
    return f"No non-random variation{since} ({rules}): no shift or trend{expected}."


def _runs(phase: PhaseResult) -> str:
    crossings = plural(phase.crossings, "crossing")
    # With very few points no crossing is needed: saying "at least 0 expected" helps nobody.
    expected = f" (at least {phase.crossings_min} expected)" if phase.crossings_min else ""
    return f"longest run {phase.longest_run} (limit {phase.longest_run_max}), {crossings}{expected}"


def _since(analysis: Analysis) -> str:
    if len(analysis.phases) < 2:
        return ""
    return f" since the rebase on {long_date(analysis.phases[-1].start)}"


def _last_phase_points(analysis: Analysis) -> list[PointResult]:
    number = analysis.phases[-1].phase
    return [p for p in analysis.points if p.phase == number]


def _outside_words(outside: list[PointResult], analysis: Analysis, spec: ChartSpec) -> str:
    latest = outside[-1]
    side = side_word(latest)
    limit = "upper" if side == "above" else "lower"
    value = value_format(analysis, spec).value(latest.value)
    return (
        f"{plural(len(outside), 'point')} outside the limits, the latest on "
        f"{long_date(latest.period)} ({value}, {side} the {limit} limit)"
    )


def _direction_words(point: PointResult, spec: ChartSpec) -> str:
    sign = IMPROVEMENT_SIGN[spec.improvement]
    if sign == 0:
        return "Special cause variation"
    high = side_word(point) == "above"
    return "Special cause improvement" if high == (sign > 0) else "Special cause concern"


def _ihi_signal_words(points: list[PointResult]) -> list[str]:
    """The most recent shift and/or trend, with its length and dates."""
    index = max(i for i, p in enumerate(points) if p.signals)
    latest = points[index]
    ongoing = index == len(points) - 1
    words = []
    if SHIFT in latest.signals:
        run = _shift_run(points[: index + 1])
        words.append(
            f"a shift of {len(run)} points {side_word(latest)} the median {_span(run, ongoing)}"
        )
    if TREND in latest.signals:
        run = _trend_run(points[: index + 1])
        way = "rising" if run[-1].value > run[0].value else "falling"
        words.append(f"a trend of {len(run)} points {way} {_span(run, ongoing)}")
    return words


def _shift_run(points: list[PointResult]) -> list[PointResult]:
    # Points on the median neither add to nor break a shift.
    side = side_word(points[-1])
    run = trailing_run(
        points, lambda p: p.value == p.centre or (SHIFT in p.signals and side_word(p) == side)
    )
    return [p for p in run if p.value != p.centre]


def _trend_run(points: list[PointResult]) -> list[PointResult]:
    # A value equal to the one before neither adds to nor breaks a trend.
    run = [points[-1]]
    for before, after in zip(points[-2::-1], points[:0:-1], strict=True):
        if TREND not in before.signals and before.value != after.value:
            break
        run.append(before)
    return [p for p in run[::-1] if TREND in p.signals]


def _span(run: list[PointResult], ongoing: bool) -> str:
    if ongoing:
        return f"since {long_date(run[0].period)}"
    return f"from {long_date(run[0].period)} to {long_date(run[-1].period)}"


def _ihi_runs_words(phase: PhaseResult) -> list[str]:
    runs = phase.ihi
    if runs is None or runs.too_few_runs is None:
        return []
    if runs.too_few_runs:
        return [f"too few runs ({runs.runs}; at least {runs.runs_lower} expected)"]
    if runs.too_many_runs:
        return [f"too many runs ({runs.runs}; at most {runs.runs_upper} expected)"]
    return []
