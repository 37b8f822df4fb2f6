"""Turn stored observations or events into the plotted series and split it into phases."""

from __future__ import annotations

import math
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from operator import attrgetter

import numpy as np

from .types import (
    MAGNITUDE,
    MAGNITUDE_TEXT,
    Event,
    InvalidData,
    InvalidSettings,
    MeasureSettings,
    Observation,
)


@dataclass(frozen=True)
class Series:
    periods: tuple[date, ...]
    y: np.ndarray
    # Per point, as given: plain numbers for the document, None where not stored.
    numerators: tuple[float | None, ...]
    denominators: tuple[float | None, ...]

    def ratio_arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """Numerators and denominators as floats, for the charts whose limits use them."""
        return np.array(self.numerators, dtype=float), np.array(self.denominators, dtype=float)


@dataclass(frozen=True)
class PhaseSpan:
    number: int
    start: date
    reason: str | None
    first: int  # index of the phase's first point in the series
    stop: int  # one past its last point


def build_series(
    settings: MeasureSettings,
    observations: list[Observation] | tuple[Observation, ...] | None,
    events: list[Event] | tuple[Event, ...] | None,
) -> Series:
    if settings.data_type == "events":
        if observations:
            raise InvalidData("an events measure takes events, not observations")
        return _events_series(settings.chart, list(events or ()))
    if events:
        raise InvalidData(f"a {settings.data_type} measure takes observations, not events")
    return _observation_series(settings.data_type, list(observations or ()))


def _observation_series(data_type: str, observations: list[Observation]) -> Series:
    # Sorting here makes the analysis independent of the order rows arrive in.
    ordered = sorted(observations, key=attrgetter("period"))
    periods = tuple(map(attrgetter("period"), ordered))
    if len(set(periods)) != len(periods):
        _raise_duplicate(periods)
    if data_type in ("proportion", "rate"):
        return _ratio_series(data_type, ordered, periods)
    values = list(map(attrgetter("value"), ordered))
    column = _value_column(data_type, values)
    if column is None:
        column = np.array([_value(data_type, obs) for obs in ordered], dtype=float)
    return Series(periods, column, (None,) * len(ordered), (None,) * len(ordered))


def _raise_duplicate(periods: tuple[date, ...]) -> None:
    for before, after in pairwise(periods):
        if before == after:
            raise InvalidData("more than one observation for this period", after)


def _ratio_series(data_type: str, ordered: list[Observation], periods: tuple) -> Series:
    numerators = list(map(attrgetter("numerator"), ordered))
    denominators = list(map(attrgetter("denominator"), ordered))
    column = _ratio_columns(data_type, numerators, denominators)
    if column is not None:
        return Series(periods, column, tuple(numerators), tuple(denominators))
    pairs = [_ratio_pair(data_type, obs) for obs in ordered]
    values = np.array([num / den for num, den in pairs], dtype=float)
    return Series(periods, values, tuple(p[0] for p in pairs), tuple(p[1] for p in pairs))


# The fast paths take columns of plain, finite, valid numbers in one pass of numpy, with the
# same results as the checks per observation below; anything else (Decimals, missing or invalid
# values) goes through those checks, which say which period is wrong.


def _plain_column(raw: list) -> np.ndarray | None:
    """The floats of a column of plain floats and ints, or None to take the slow path."""
    kinds = set(map(type, raw))
    if not kinds <= {float, int}:
        return None  # None, Decimal, bool, str...: the checks per observation decide
    try:
        column = np.array(raw, dtype=float)
    except OverflowError:  # an int beyond a float's range
        return None
    if not np.isfinite(column).all() or (np.abs(column) > MAGNITUDE).any():
        return None
    # Beyond 2**53 an int is not one float; Python's int division would round it differently.
    if int in kinds and np.abs(column).max() >= 2.0**53:
        return None
    return column


def _value_column(data_type: str, raw: list) -> np.ndarray | None:
    column = _plain_column(raw)
    if column is None or (data_type == "count" and (column < 0).any()):
        return None
    return column


def _ratio_columns(data_type: str, numerators: list, denominators: list) -> np.ndarray | None:
    """Numerator / denominator per point, when every pair is valid."""
    numerator, denominator = _plain_column(numerators), _plain_column(denominators)
    if numerator is None or denominator is None:
        return None
    if (denominator <= 0).any() or (numerator < 0).any():
        return None
    if data_type == "proportion" and (numerator > denominator).any():
        return None
    with np.errstate(over="ignore"):
        ratio = numerator / denominator
    return ratio if (ratio <= MAGNITUDE).all() else None


def _value(data_type: str, obs: Observation) -> float:
    value = _number(obs.value)
    if value is None:
        raise InvalidData("a value is required", obs.period)
    _check_magnitude("the value", value, obs.period)
    if data_type == "count" and value < 0:
        raise InvalidData("a count cannot be negative", obs.period)
    return float(value)


def _ratio_pair(data_type: str, obs: Observation) -> tuple[float, float]:
    numerator, denominator = _number(obs.numerator), _number(obs.denominator)
    if numerator is None or denominator is None:
        raise InvalidData("a numerator and a denominator are required", obs.period)
    _check_magnitude("the numerator", numerator, obs.period)
    _check_magnitude("the denominator", denominator, obs.period)
    if denominator <= 0:
        raise InvalidData("the denominator must be greater than zero", obs.period)
    if numerator < 0:
        raise InvalidData("the numerator cannot be negative", obs.period)
    if data_type == "proportion" and numerator > denominator:
        raise InvalidData("the numerator cannot exceed the denominator", obs.period)
    _check_magnitude("numerator / denominator", numerator / denominator, obs.period)
    return numerator, denominator


def _events_series(chart: str, events: list[Event]) -> Series:
    ordered = sorted(
        events, key=lambda ev: (ev.date, _number(ev.opportunities_since_previous) or 0)
    )
    later = ordered[1:]
    # The first event only starts the clock: each later event is one point.
    if chart == "g":
        values = [_opportunities(ev) for ev in later]
    else:
        values = [_days_between(prev, ev, chart) for prev, ev in pairwise(ordered)]
    return Series(
        periods=tuple(ev.date for ev in later),
        y=np.array(values, dtype=float),
        numerators=(None,) * len(later),
        denominators=(None,) * len(later),
    )


def _opportunities(event: Event) -> float:
    opportunities = _number(event.opportunities_since_previous)
    if opportunities is None:
        raise InvalidData("a g chart needs the opportunities since the previous event", event.date)
    if opportunities < 0:
        raise InvalidData("opportunities cannot be negative", event.date)
    _check_magnitude("the opportunities since the previous event", opportunities, event.date)
    return float(opportunities)


def _check_magnitude(what: str, number: int | float, period: date) -> None:
    # Beyond this no figure is plausible, and sums of squares could leave a float's range.
    if abs(number) > MAGNITUDE:
        raise InvalidData(f"{what} is beyond {MAGNITUDE_TEXT}", period)


def _days_between(previous: Event, event: Event, chart: str) -> float:
    days = (event.date - previous.date).days
    # The t chart's power transform needs time to pass between events (as qicharts2 insists).
    if chart == "t" and days <= 0:
        raise InvalidData("a t chart needs at least one day between events", event.date)
    return float(days)


def _number(raw: object) -> int | float | None:
    """A plain int or float (Decimals from the database included); None if missing or not finite."""
    if raw is None or isinstance(raw, (bool, str)):
        return None
    if isinstance(raw, int):
        return raw
    try:
        number = float(raw)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def phase_spans(settings: MeasureSettings, periods: tuple[date, ...]) -> list[PhaseSpan]:
    """Split the series at each rebase; a phase owns the points from its start onwards."""
    if not periods:
        return []
    rebases = sorted(settings.phases, key=lambda phase: phase.start)
    firsts = [0] + [bisect_left(periods, phase.start) for phase in rebases]
    stops = firsts[1:] + [len(periods)]
    spans = [PhaseSpan(1, periods[0], None, 0, stops[0])]
    for number, (phase, first, stop) in enumerate(
        zip(rebases, firsts[1:], stops[1:], strict=True), start=2
    ):
        if phase.start <= periods[0]:
            raise InvalidSettings(
                "phases",
                f"the phase starting {phase.start} must start after the first period "
                f"({periods[0]})",
            )
        if first == stop:
            raise InvalidSettings("phases", f"the phase starting {phase.start} has no points")
        spans.append(PhaseSpan(number, phase.start, phase.reason, first, stop))
    return spans
