"""The sentence or two a person reads before the chart (and a screen reader reads instead)."""

from __future__ import annotations

from core.wording import long_date, plural
from measurement.spc.codes import Assurance, Variation
from measurement.spc.types import (
    OUTSIDE_LIMITS,
    SHIFT,
    TREND,
    TWO_OF_THREE,
    Analysis,
    PointResult,
)

from .period import outside_lines, span_sentence
from .spec import ChartSpec
from .summary_rules import anhoej_run_summary, ihi_summary, shewhart_summary
from .wording import ValueFormat, rules_name, side_word, trailing_run, value_format

NO_DATA = "No data yet: the chart appears once the first value is entered."
NO_VARIATION = "no_variation"  # measurement.spc.types.NO_VARIATION, a note of the analysis
NO_VARIATION_SENTENCE = (
    "No limits: no variation in the baseline (its values are all the same), so no point is "
    "judged against limits."
)
TYPE_WORDS = {
    Variation.IMPROVEMENT: "Special cause improvement",
    Variation.CONCERN: "Special cause concern",
    Variation.NEUTRAL_HIGH: "Special cause variation",
    Variation.NEUTRAL_LOW: "Special cause variation",
}
ASSURANCE = {
    Assurance.CONSISTENT_PASS: "The target of {} is consistently met.",
    Assurance.CONSISTENT_FAIL: (
        "The target of {} will not be met without a change to the process."
    ),
    Assurance.INCONSISTENT: (
        "The target of {} may or may not be met: it lies within the process limits."
    ),
}


def text_summary(analysis: Analysis, spec: ChartSpec) -> str:
    """One or two plain sentences: the variation now, and for Making Data Count the assurance."""
    if not analysis.points:
        return NO_DATA
    if not has_no_variation(analysis):
        return _by_rules(analysis, spec)
    if analysis.settings.rules == "mdc" and analysis.points[-1].upper is None:
        # Without limits "too few points to judge" would be wrong: the baseline is flat.
        return " ".join(filter(None, [NO_VARIATION_SENTENCE, assurance_sentence(analysis, spec)]))
    return f"{NO_VARIATION_SENTENCE} {_by_rules(analysis, spec)}"


def has_no_variation(analysis: Analysis) -> bool:
    """Whether the analysis drew no limits because a baseline's values are all the same."""
    return NO_VARIATION in getattr(analysis, "notes", ())


def _by_rules(analysis: Analysis, spec: ChartSpec) -> str:
    rules = analysis.settings.rules
    if rules == "mdc":
        return " ".join(filter(None, [_mdc(analysis, spec), assurance_sentence(analysis, spec)]))
    if rules == "ihi":
        return ihi_summary(analysis, spec)
    if analysis.settings.chart == "run":
        return anhoej_run_summary(analysis, spec)
    return shewhart_summary(analysis, spec)


def chart_description(analysis: Analysis, spec: ChartSpec) -> str:
    """The summary, then what the chart spans, its phases, its notes and what lies outside it:
    the chart's text alternative."""
    if not analysis.points:
        return NO_DATA
    periods = [point.period for point in analysis.points]
    parts = [
        text_summary(analysis, spec),
        f"The chart shows {span_sentence(periods, spec.frequency)}",
    ]
    parts += [
        f"A new phase starts on {long_date(phase.start)}: {phase.reason}."
        for phase in analysis.phases[1:]
    ]
    if spec.notes:
        parts.append(f"{plural(len(spec.notes), 'note')} on points, numbered as in the data table.")
    return " ".join([*parts, *outside_lines(analysis, spec)])


def assurance_sentence(analysis: Analysis, spec: ChartSpec) -> str:
    """Making Data Count assurance in words; empty when there is none (no target, no direction)."""
    template = ASSURANCE.get(analysis.assurance or "")
    target = analysis.settings.target
    if analysis.settings.rules != "mdc" or template is None or target is None:
        return ""
    return template.format(value_format(analysis, spec).target(target))


def _mdc(analysis: Analysis, spec: ChartSpec) -> str:
    fmt = value_format(analysis, spec)
    last = analysis.points[-1]
    phase = [p for p in analysis.points if p.phase == last.phase]
    if last.upper is None and last.point_type in (None, Variation.COMMON_CAUSE):
        return f"Too few points to judge the variation yet ({plural(len(phase), 'point')})."
    if last.point_type in (None, Variation.COMMON_CAUSE):
        quiet = trailing_run(phase, lambda p: p.point_type in (None, Variation.COMMON_CAUSE))
        mean = f" (mean {fmt(last.centre)})" if last.centre is not None else ""
        last_points = plural(len(quiet), "point")
        return f"Common cause variation: no signals in the last {last_points}{mean}."
    evidence = _mdc_evidence(phase, fmt)
    return f"{TYPE_WORDS[last.point_type]} ({rules_name(analysis, spec)}): {evidence}."


def _mdc_evidence(phase: list[PointResult], fmt: ValueFormat) -> str:
    last = phase[-1]
    if last.main_signal == TREND:
        return _trend_words(phase)
    if last.main_signal == TWO_OF_THREE:
        near = sum(TWO_OF_THREE in p.signals for p in phase[-3:])
        return f"{near} of the last 3 points are beyond two sigma {side_word(last)} the mean"
    if last.main_signal == OUTSIDE_LIMITS and SHIFT not in last.signals:
        return _outside_words(phase, fmt)
    words = _shift_words(phase)
    return words + _outside_clause(phase, fmt) if last.main_signal == OUTSIDE_LIMITS else words


def _shift_words(phase: list[PointResult]) -> str:
    last = phase[-1]
    run = trailing_run(phase, lambda p: SHIFT in p.signals and side_word(p) == side_word(last))
    return f"{len(run)} points {side_word(last)} the mean since {long_date(run[0].period)}"


def _trend_words(phase: list[PointResult]) -> str:
    run = trailing_run(phase, lambda p: TREND in p.signals)
    way = "rising" if run[-1].value > run[0].value else "falling"
    return f"{len(run)} points {way} in a row since {long_date(run[0].period)}"


def _outside_words(phase: list[PointResult], fmt: ValueFormat) -> str:
    last = phase[-1]
    run = _outside_run(phase)
    where = f"{side_word(last)} the {_limit_name(last)} limit of {fmt(_limit(last))}"
    if len(run) == 1:
        return f"the latest point ({fmt.value(last.value)}, {long_date(last.period)}) is {where}"
    return f"the last {len(run)} points, since {long_date(run[0].period)}, are {where}"


def _outside_clause(phase: list[PointResult], fmt: ValueFormat) -> str:
    last = phase[-1]
    run = _outside_run(phase)
    shift = trailing_run(phase, lambda p: SHIFT in p.signals and side_word(p) == side_word(last))
    which = (
        "all"
        if len(run) >= len(shift)
        else ("the latest" if len(run) == 1 else f"the last {len(run)}")
    )
    return f", {which} {side_word(last)} the {_limit_name(last)} limit of {fmt(_limit(last))}"


def _outside_run(phase: list[PointResult]) -> list[PointResult]:
    side = side_word(phase[-1])
    return trailing_run(phase, lambda p: OUTSIDE_LIMITS in p.signals and side_word(p) == side)


def _limit_name(point: PointResult) -> str:
    return "upper" if side_word(point) == "above" else "lower"


def _limit(point: PointResult) -> float | None:
    return point.upper if side_word(point) == "above" else point.lower
