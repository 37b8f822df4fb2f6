"""Reading an analysis for people: the current state of a measure and the signals in it.

Pure: no Django. Making Data Count analyses carry their own variation; for the other rule sets
the current state is read from the last phase, so every measure can be counted nationally.
"""

from dataclasses import dataclass, replace
from datetime import date

from measurement import spc

COMMON_CAUSE = "common_cause"


@dataclass(frozen=True)
class SignalRun:
    """Consecutive points flagged by one rule, told to people once."""

    rule: str
    first_period: date
    last_period: date
    points: int
    point_type: str


def _direction(point: spc.PointResult) -> int:
    return 1 if point.centre is None or point.value >= point.centre else -1


def current_variation(analysis: spc.Analysis | None) -> str:
    """special_cause_improvement / _concern / _neutral_high / _low, or common_cause: what the
    current phase shows. The chart's text summary leads with the same words."""
    if analysis is None or not analysis.points:
        return ""
    if analysis.settings.rules == "mdc":
        return analysis.variation or COMMON_CAUSE
    last_phase = analysis.phases[-1]
    in_last_phase = [p for p in analysis.points if p.phase == last_phase.phase]
    flagged = [p for p in in_last_phase if p.signals]
    if last_phase.runs_signal:
        direction = _direction(in_last_phase[-1])  # a runs signal is about the phase as it is now
    elif flagged:
        direction = _direction(flagged[-1])
    else:
        return COMMON_CAUSE
    improvement = {"increase": 1, "decrease": -1}.get(analysis.settings.improvement)
    if improvement is None:
        return "special_cause_neutral_high" if direction > 0 else "special_cause_neutral_low"
    good = direction * improvement > 0
    return "special_cause_improvement" if good else "special_cause_concern"


def signal_runs(analysis: spc.Analysis) -> list[SignalRun]:
    """Each unbroken run of points flagged by the same rule, on the same side, in a phase."""
    runs: list[SignalRun] = []
    open_runs: dict[str, SignalRun] = {}
    previous_phase = None
    for point in analysis.points:
        if point.phase != previous_phase:
            runs += open_runs.values()
            open_runs, previous_phase = {}, point.phase
        for rule in list(open_runs):
            # A run ends where the rule stops, or where it flags the other side.
            if rule not in point.signals or open_runs[rule].point_type != (point.point_type or ""):
                runs.append(open_runs.pop(rule))
        for rule in point.signals:
            run = open_runs.get(rule)
            if run is None:
                open_runs[rule] = SignalRun(rule, point.period, point.period, 1,
                                            point.point_type or "")
            else:
                open_runs[rule] = replace(run, last_period=point.period, points=run.points + 1)
    return runs + list(open_runs.values())


RULE_NAMES = {
    "outside_limits": "a point outside the limits",
    "shift": "a shift",
    "trend": "a trend",
    "two_of_three": "two of three points near a limit",
}
VARIATION_NAMES = {
    "special_cause_improvement": "Special cause improvement",
    "special_cause_concern": "Special cause concern",
    "special_cause_neutral_high": "Special cause (higher)",
    "special_cause_neutral_low": "Special cause (lower)",
    COMMON_CAUSE: "Common cause variation",
    "": "Not enough data yet",
}


def is_special_cause(run: SignalRun, rules: str) -> bool:
    """Making Data Count types each point; the other rule sets flag only special causes."""
    return rules != "mdc" or run.point_type.startswith("special_cause")


def describe(run: SignalRun) -> str:
    """'Special cause improvement: a shift, 7 points from 3 June 2024.'"""
    kind = VARIATION_NAMES.get(run.point_type, "Special cause")
    return (f"{kind}: {RULE_NAMES.get(run.rule, run.rule)}, {run.points} point"
            f"{'' if run.points == 1 else 's'} from {run.first_period:%-d %B %Y}.")
