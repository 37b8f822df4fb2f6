"""Impact statements read from a measure's chart: what changed between its phases, in words.

Pure: no Django. The presenter (learning/presenters/impacts.py) reads the analysis and passes in
what the chart alone does not know: the measure's name, display multiplier and unit, its event
dates and the day counting ends (the project's completion date, or today).

Kinds: "level" (from the first phase's centre line to the latest's, the median on run charts),
"rate" (rare events on a t chart: one every N days to one every M days), "since_last" (days since
the last event), "assurance" (whether the target is met reliably, Making Data Count) and
"harm_avoided" (measurement.spc.harm). Figures are in display units: 27.0 for 27%.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from core.wording import plural, short_date
from measurement.spc import Analysis, Assurance, PhaseResult, harm_avoided

LEVEL = "level"
RATE = "rate"
SINCE_LAST = "since_last"
ASSURANCE = "assurance"
HARM_AVOIDED = "harm_avoided"
KINDS = (LEVEL, RATE, SINCE_LAST, ASSURANCE, HARM_AVOIDED)

RATE_UNIT = "days between events"
DAYS_UNIT = "days"
HARM_UNIT = "events"

ASSURANCE_WORDS = {
    Assurance.CONSISTENT_PASS: "is now met reliably",
    Assurance.CONSISTENT_FAIL: "is not met at present: the limits lie the wrong side of it",
    Assurance.INCONSISTENT: "may or may not be met (hit and miss)",
}


@dataclass(frozen=True)
class PhaseRef:
    """A phase an impact compares: its number, when it began and why (the rebase's reason)."""

    phase: int
    start: date
    reason: str


@dataclass(frozen=True)
class Impact:
    statement: str
    before: float | None
    after: float | None
    relative_change: float | None  # a fraction: 1.85 for +185%
    unit: str
    phases: tuple[PhaseRef, ...]
    kind: str


def impacts_of(
    analysis: Analysis | None,
    *,
    name: str,
    multiplier: float = 1.0,
    unit: str = "",
    event_dates: Sequence[date] = (),
    end: date | None = None,
) -> list[Impact]:
    """Every impact the chart supports, in a fixed order (level or rate, days since the last
    event, assurance, harm avoided). `end` is the day "days since the last event" counts to."""
    if analysis is None:
        return []
    found = [
        _rate(analysis, name)
        if analysis.settings.chart == "t"
        else _level(analysis, name, multiplier, unit),
        _since_last(analysis, name, event_dates, end),
        _assurance(analysis, name, multiplier, unit),
        _harm(analysis, name),
    ]
    return [impact for impact in found if impact is not None]


# Figures --------------------------------------------------------------------------------------


def rounded(value: float) -> float:
    """One decimal place; two significant figures below 1 (0.75); whole at or above 1,000."""
    size = abs(value)
    if size >= 1000:
        return float(round(value))
    if 0 < size < 1:
        return round(value, 1 - math.floor(math.log10(size)))
    return round(value, 1)


def number_words(value: float) -> str:
    """A rounded figure as the statements print it: 27, 26.6, 0.75, 2,439 (no trailing .0)."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,}"


def with_unit(value: float, unit: str) -> str:
    """'27%' (no space before %), '17.6 days', '7.5 per 1,000 bed-days', '12' (no unit)."""
    shown = number_words(rounded(value))
    if not unit:
        return shown
    return f"{shown}{unit}" if unit == "%" else f"{shown} {unit}"


def relative(before: float, after: float) -> float | None:
    """(after - before) / |before| to 3 decimals; None from 0. The size of the base, so that
    a rise reads as a rise from a negative base too."""
    if before == 0:
        return None
    return round((after - before) / abs(before), 3)


def percent_words(change: float) -> str:
    """'up 185%', 'down 8.5%' (whole per cent from 10% up, one decimal below), 'no change'."""
    size = abs(change) * 100
    shown = number_words(round(size) if size >= 10 else round(size, 1))
    if shown == "0":
        return "no change"
    return f"{'up' if change > 0 else 'down'} {shown}%"


def direction_words(improvement: str, before: float, after: float) -> str:
    """', an improvement' or ', a deterioration' when the direction of improvement is known."""
    if improvement not in ("increase", "decrease") or before == after:
        return ""
    better = (after > before) == (improvement == "increase")
    return ", an improvement" if better else ", a deterioration"


# Phases ---------------------------------------------------------------------------------------


def phase_ref(phase: PhaseResult) -> PhaseRef:
    return PhaseRef(phase.phase, phase.start, phase.reason or "")


def phase_words(ref: PhaseRef) -> str:
    """'phase 2, from 7 Nov 2016: Swab count added to the handover script'."""
    words = f"phase {ref.phase}, from {short_date(ref.start)}"
    return f"{words}: {ref.reason}" if ref.reason else words


def _ends(analysis: Analysis) -> tuple[PhaseResult, PhaseResult] | None:
    """The first and the latest phase, when there are two and both have a centre line."""
    if len(analysis.phases) < 2:
        return None
    first, latest = analysis.phases[0], analysis.phases[-1]
    if first.centre is None or latest.centre is None:
        return None
    return first, latest


# Kinds ----------------------------------------------------------------------------------------


def _level(analysis: Analysis, name: str, multiplier: float, unit: str) -> Impact | None:
    ends = _ends(analysis)
    if ends is None:
        return None
    first, latest = (phase_ref(p) for p in ends)
    before, after = ends[0].centre * multiplier, ends[1].centre * multiplier
    change = relative(before, after)
    median = "median " if analysis.settings.chart == "run" else ""
    statement = (
        f"{name}: {median}from {with_unit(before, unit)} ({phase_words(first)}) to "
        f"{with_unit(after, unit)} ({phase_words(latest)})"
        + (f", {percent_words(change)}" if change is not None else "")
        + direction_words(analysis.settings.improvement, before, after)
    )
    return Impact(statement, rounded(before), rounded(after), change, unit, (first, latest), LEVEL)


def _rate(analysis: Analysis, name: str) -> Impact | None:
    ends = _ends(analysis)
    if ends is None:
        return None
    first, latest = (phase_ref(p) for p in ends)
    before, after = ends[0].centre, ends[1].centre
    statement = (
        f"{name}: from one event every {_days(before)} ({phase_words(first)}) to one every "
        f"{_days(after)} ({phase_words(latest)})"
        + direction_words(analysis.settings.improvement, before, after)
    )
    change = relative(before, after)
    return Impact(
        statement, rounded(before), rounded(after), change, RATE_UNIT, (first, latest), RATE
    )


def _days(days: float) -> str:
    whole = max(1, round(days))
    return "day" if whole == 1 else plural(whole, "day")


def _since_last(
    analysis: Analysis, name: str, event_dates: Sequence[date], end: date | None
) -> Impact | None:
    if analysis.settings.data_type != "events" or not event_dates or end is None:
        return None
    last = max(event_dates)
    days = (end - last).days
    if days < 0 or not analysis.phases:
        return None
    statement = f"{name}: {plural(days, 'day')} since the last event (on {short_date(last)})"
    latest = (phase_ref(analysis.phases[-1]),)
    return Impact(statement, None, float(days), None, DAYS_UNIT, latest, SINCE_LAST)


def _assurance(analysis: Analysis, name: str, multiplier: float, unit: str) -> Impact | None:
    target = analysis.settings.target
    if target is None or analysis.assurance not in ASSURANCE_WORDS or not analysis.phases:
        return None
    words = ASSURANCE_WORDS[Assurance(analysis.assurance)]
    statement = f"{name}: the target of {with_unit(target * multiplier, unit)} {words}"
    latest = (phase_ref(analysis.phases[-1]),)
    return Impact(statement, None, None, None, unit, latest, ASSURANCE)


def _harm(analysis: Analysis, name: str) -> Impact | None:
    harm = harm_avoided(analysis)
    if harm is None:
        return None
    by_number = {p.phase: phase_ref(p) for p in analysis.phases}
    previous, current = by_number[harm.previous_phase], by_number[harm.phase]
    estimate = float(round(harm.estimate))
    statement = (
        f"{name}: about {number_words(estimate)} {'harm' if estimate == 1 else 'harms'} "
        f"potentially avoided in phase {current.phase} (from {short_date(current.start)}) "
        f"compared with the level of phase {previous.phase}"
    )
    return Impact(statement, None, estimate, None, HARM_UNIT, (previous, current), HARM_AVOIDED)
