"""Plain data carried in and out of the SPC analysis.

Everything here is a frozen dataclass, a named tuple or a constant so that the Django side
can build settings from a model row and read results without importing numpy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

CHARTS = ("run", "xmr", "p", "pp", "u", "up", "c", "g", "t")
RULE_SETS = ("anhoej", "mdc", "ihi")
DATA_TYPES = ("continuous", "count", "proportion", "rate", "events")
IMPROVEMENTS = ("increase", "decrease", "neither")

# Point signal names, in the order they are listed on a point.
OUTSIDE_LIMITS = "outside_limits"
SHIFT = "shift"
TREND = "trend"
TWO_OF_THREE = "two_of_three"
SIGNAL_ORDER = (OUTSIDE_LIMITS, SHIFT, TREND, TWO_OF_THREE)

# No value, numerator, denominator or count of opportunities may be larger than this (either
# sign): shared/spc/README.md, "Magnitude".
MAGNITUDE = 1e12
MAGNITUDE_TEXT = "±10¹²"

# Notes an analysis can carry (the document's `notes`).
NO_VARIATION = "no_variation"  # a phase's baseline has no moving range above 0: no limits

HARM_METHOD = "Estimate: previous phase centre line minus observed, summed over the current phase"


class InvalidSettings(ValueError):
    """A combination of measure settings that no rule set can analyse."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class InvalidData(ValueError):
    """An observation or event the chart cannot plot (names the period when known)."""

    def __init__(self, message: str, period: date | None = None):
        where = f"{period.isoformat()}: " if period is not None else ""
        super().__init__(f"{where}{message}")
        self.period = period
        self.message = message


@dataclass(frozen=True)
class Phase:
    """A rebase: the chart starts again at `start`, for a stated reason."""

    start: date
    reason: str


@dataclass(frozen=True)
class MeasureSettings:
    chart: str
    rules: str
    data_type: str
    improvement: str = "neither"
    target: float | None = None
    screen_moving_ranges: bool = True
    baseline_points: int | None = None
    phases: tuple[Phase, ...] = ()


class Observation(NamedTuple):
    """One period's data. A named tuple, as the points are: a series is hundreds of them, and a
    frozen dataclass took twice as long to build."""

    period: date
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None


@dataclass(frozen=True)
class Event:
    date: date
    opportunities_since_previous: float | None = None


class PointResult(NamedTuple):
    """One plotted point. A named tuple, not a frozen dataclass: an analysis builds one per
    point, and the dataclass's __init__ (an object.__setattr__ per field) took half its time."""

    period: date
    value: float
    numerator: float | None
    denominator: float | None
    phase: int
    baseline: bool
    centre: float | None
    lower: float | None
    upper: float | None
    signals: tuple[str, ...]
    # The rule that decides the point type (mdc only); None without a signal.
    main_signal: str | None = None
    point_type: str | None = None


def point_results(
    periods,
    values,
    numerators,
    denominators,
    baselines,
    lowers,
    uppers,
    signals,
    mains,
    types,
    *,
    phase: int,
    centre: float | None,
) -> list[PointResult]:
    """The points of one phase, from a column per field (phase and centre are the same for
    every point)."""
    size = len(periods)
    return list(
        map(
            PointResult._make,
            zip(
                periods,
                values,
                numerators,
                denominators,
                [phase] * size,
                baselines,
                [centre] * size,
                lowers,
                uppers,
                signals,
                mains,
                types,
                strict=True,
            ),
        )
    )


@dataclass(frozen=True)
class IhiRuns:
    """Perla et al. runs test; limits are None outside 10-30 useful points."""

    runs: int
    runs_lower: int | None
    runs_upper: int | None
    too_few_runs: bool | None
    too_many_runs: bool | None


@dataclass(frozen=True)
class PhaseResult:
    phase: int
    start: date
    reason: str | None
    centre: float | None
    n_useful: int
    longest_run: int | None
    longest_run_max: int | None
    crossings: int | None
    crossings_min: int | None
    runs_signal: bool
    ihi: IhiRuns | None = None


@dataclass(frozen=True)
class Analysis:
    settings: MeasureSettings
    points: tuple[PointResult, ...]
    phases: tuple[PhaseResult, ...]
    variation: str | None = None
    assurance: str | None = None
    # What a reader needs told about the figures, e.g. NO_VARIATION (no limits could be drawn).
    notes: tuple[str, ...] = ()

    def to_document(self) -> dict:
        from .document import analysis_document

        return analysis_document(self)


@dataclass(frozen=True)
class HarmAvoided:
    estimate: float
    phase: int  # the current phase, over which the estimate is summed
    previous_phase: int
    previous_centre: float
    n_points: int
    unit: str  # "count" for counts; "events" for rates (differences times each exposure)
    method: str = HARM_METHOD
