"""Reading an analysis for people: the current state of a measure and the signals in it.

Pure: no Django. Making Data Count analyses carry their own variation; for the other rule sets
the current state is read from the last phase, so every measure can be counted nationally.
"""

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from core.fiscal import quarter_end, quarter_of, quarters_between
from measurement import spc
from measurement.spc.codes import Assurance, Variation

COMMON_CAUSE = Variation.COMMON_CAUSE.value  # stored readings are plain strings


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
    return variation_by_point(analysis)[-1]


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
                open_runs[rule] = SignalRun(
                    rule, point.period, point.period, 1, point.point_type or ""
                )
            else:
                open_runs[rule] = replace(run, last_period=point.period, points=run.points + 1)
    return runs + list(open_runs.values())


VARIATION_NAMES = {
    Variation.IMPROVEMENT: "Special cause improvement",
    Variation.CONCERN: "Special cause concern",
    Variation.NEUTRAL_HIGH: "Special cause (higher)",
    Variation.NEUTRAL_LOW: "Special cause (lower)",
    COMMON_CAUSE: "Common cause variation",
    "": "Not enough data yet",
}
ASSURANCE_NAMES = {
    Assurance.CONSISTENT_PASS: "Consistently meets the target",
    Assurance.CONSISTENT_FAIL: "Consistently misses the target",
    Assurance.INCONSISTENT: "May or may not meet the target",
}
# The stored codes with their names, for model fields' choices.
VARIATION_CHOICES = [(code.value, VARIATION_NAMES[code]) for code in Variation]
ASSURANCE_CHOICES = [(code.value, ASSURANCE_NAMES[code]) for code in Assurance]


def is_special_cause(run: SignalRun, rules: str) -> bool:
    """Making Data Count types each point; the other rule sets flag only special causes."""
    return rules != "mdc" or run.point_type.startswith("special_cause")


def variation_by_point(analysis: spc.Analysis) -> list[str]:
    """The chart's reading as of each point, as the whole analysis sees it now: Making Data
    Count's point types, or for the other rule sets the same reading as `current_variation`
    applied to the phase up to that point. The last entry equals `current_variation`."""
    if analysis.settings.rules == "mdc":
        return [p.point_type or COMMON_CAUSE for p in analysis.points]
    improvement = {"increase": 1, "decrease": -1}.get(analysis.settings.improvement)
    runs_signal = {phase.phase: phase.runs_signal for phase in analysis.phases}
    readings, last_flagged = [], {}
    for point in analysis.points:
        if point.signals:
            last_flagged[point.phase] = point
        reference = point if runs_signal[point.phase] else last_flagged.get(point.phase)
        readings.append(
            COMMON_CAUSE if reference is None else _reading(_direction(reference), improvement)
        )
    return readings


def _reading(direction: int, improvement: int | None) -> str:
    if improvement is None:
        return (Variation.NEUTRAL_HIGH if direction > 0 else Variation.NEUTRAL_LOW).value
    good = direction * improvement > 0
    return (Variation.IMPROVEMENT if good else Variation.CONCERN).value


def quarter_states(analysis: spc.Analysis) -> dict[tuple[str, int], str]:
    """{(financial year, quarter): reading at the quarter's end}, quarter 0 being the year's end,
    for every quarter from the first point's to the last point's (a quarter without data keeps
    the reading of the point before it), as this one analysis reads them with hindsight. The
    scale generator stores these; refreshes store `quarter_end_readings`."""
    readings = variation_by_point(analysis)
    by_quarter: dict[tuple[str, int], str] = {}
    for point, reading in zip(analysis.points, readings, strict=True):
        by_quarter[quarter_of(point.period)] = reading
    if not by_quarter:
        return {}
    states, reading = {}, None
    for key in quarters_between(min(by_quarter), max(by_quarter)):
        reading = by_quarter.get(key, reading)
        states[key] = reading
        states[(key[0], 0)] = reading  # the year's reading is its latest quarter's
    return states


def reread_from(key: tuple[str, int], first: tuple[str, int] | None) -> bool:
    """Whether a refresh re-reads quarter `key` when the earliest change is in quarter `first`
    (None: the whole chart). A year's reading (quarter 0) is its latest quarter's, so it is
    re-read with any of its quarters."""
    if first is None or key[0] > first[0]:
        return True
    return key[0] == first[0] and (key[1] == 0 or key[1] >= first[1])


def quarter_end_readings(
    analysis: spc.Analysis,
    read_upto: Callable[[date], str | None],
    first: tuple[str, int] | None = None,
) -> dict[tuple[str, int], str]:
    """{(financial year, quarter): reading at the quarter's end} for the quarters re-read from
    `first` on (None: all), each read from the chart drawn with only the data dated up to the
    quarter's end: `read_upto(day)` draws it (None if it cannot; then the full chart's reading
    of that point stands in). So a closed quarter's reading does not change with later data."""
    periods = [point.period for point in analysis.points]
    if not periods:
        return {}
    keys = list(quarters_between(quarter_of(periods[0]), quarter_of(periods[-1])))
    last_of_year = {year: (year, quarter) for year, quarter in keys}
    wanted = [
        key
        for key in keys
        if reread_from(key, first)
        or (reread_from((key[0], 0), first) and last_of_year[key[0]] == key)
    ]
    hindsight, by_last_point, readings = None, {}, {}
    for key in wanted:
        index = bisect_right(periods, quarter_end(*key)) - 1
        if index == len(periods) - 1:
            by_last_point[index] = current_variation(analysis)
        elif index not in by_last_point:
            reading = read_upto(periods[index])
            if reading is None:
                hindsight = hindsight or variation_by_point(analysis)
                reading = hindsight[index]
            by_last_point[index] = reading
        readings[key] = by_last_point[index]
    states = {key: reading for key, reading in readings.items() if reread_from(key, first)}
    for year, key in last_of_year.items():
        if key in readings and reread_from((year, 0), first):
            states[(year, 0)] = readings[key]  # the year's reading is its latest quarter's
    return states
