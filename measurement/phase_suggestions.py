"""Where the chart suggests a new phase: a sustained shift in its last phase that no phase
starts near. Making Data Count rebases after a sustained shift that a known change explains;
the team decides whether one does, so this is only ever a suggestion.

Pure: no Django.
"""

from datetime import date

from measurement import spc
from measurement.spc.types import SHIFT

NEAR = 3  # periods: a phase starting this close to the shift already explains it


def suggested_start(analysis: spc.Analysis | None) -> date | None:
    """The first point of the last phase's latest sustained shift (a `shift` signal, or for
    Anhøj's rules the run longer than the longest expected), unless a phase starts within
    NEAR points of it; None when there is nothing to suggest."""
    if analysis is None or not analysis.points:
        return None
    last = analysis.phases[-1]
    points = [point for point in analysis.points if point.phase == last.phase]
    first = _latest_shift_start(points) if _has_shift(points) else _long_run_start(points, last)
    if first is None:
        return None
    index = {point.period: i for i, point in enumerate(analysis.points)}
    starts = [index[points[0].period]] + [
        index[phase.start] for phase in analysis.phases if phase.start in index
    ]
    if any(abs(index[first] - start) <= NEAR for start in starts):
        return None
    return first


def _has_shift(points: list[spc.PointResult]) -> bool:
    return any(SHIFT in point.signals for point in points)


def _side(point: spc.PointResult) -> int:
    if point.centre is None or point.value == point.centre:
        return 0
    return 1 if point.value > point.centre else -1


def _latest_shift_start(points: list[spc.PointResult]) -> date | None:
    """A shift run ends where the rule stops or the points cross to the other side."""
    first = None
    for before, point in zip([None, *points], points, strict=False):
        if SHIFT not in point.signals:
            continue
        if before is None or SHIFT not in before.signals or _side(before) != _side(point):
            first = point.period
    return first


def _long_run_start(points: list[spc.PointResult], phase: spc.PhaseResult) -> date | None:
    """The first point of the latest run on one side of the centre line longer than Anhøj's
    limit (points on the line neither break nor join a run)."""
    if not phase.runs_signal or phase.longest_run is None or phase.longest_run_max is None:
        return None
    if phase.longest_run <= phase.longest_run_max:
        return None  # a signal from too few crossings alone: no single sustained run
    found, side, run_first, length = None, 0, None, 0
    for point in points:
        here = _side(point)
        if not here:
            continue
        if here != side:
            side, run_first, length = here, point.period, 0
        length += 1
        if length > phase.longest_run_max:
            found = run_first
    return found
