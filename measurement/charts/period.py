"""The charted period in words, and what falls outside it (listed under the chart, not drawn)."""

from __future__ import annotations

from datetime import date

from core.wording import MONTHS, long_date, month_year, plural
from measurement.spc.types import Analysis

from .spec import ChartSpec
from .timeline import MONTHLY, WEEKLY, is_gap, missing_words, months_between, period_end

PERIOD_NOUNS = {WEEKLY: "week", MONTHLY: "month"}


def charted_period(analysis: Analysis, spec: ChartSpec) -> tuple[date, date] | None:
    """The first and last day the chart covers (the last period to its end)."""
    if not analysis.points:
        return None
    return analysis.points[0].period, period_end(analysis.points[-1].period, spec.frequency)


def span_sentence(periods: list[date], frequency: str | None) -> str:
    """ "20 weeks, 5 January to 18 May 2026", saying which periods have no value and where the
    line breaks for a long gap."""
    if not periods:
        return ""
    first, last = periods[0], periods[-1]
    noun = PERIOD_NOUNS.get(frequency)
    if noun is None:
        return f"{plural(len(periods), 'event')}, {date_range(first, last)}."
    breaks = _break_words(periods, frequency)
    if breaks:  # the weeks spanned would count the years without data
        text = f"{plural(len(periods), noun)} of data, {date_range(first, last, frequency)}"
        return text + "".join(breaks) + "."
    spanned = _spanned(first, last, frequency)
    text = f"{plural(spanned, noun)}, {date_range(first, last, frequency)}"
    if len(periods) < spanned:
        text += f" ({len(periods):,} with data)"
    return text + "."


def _spanned(first: date, last: date, frequency: str) -> int:
    if frequency == MONTHLY:
        return months_between(first, last) + 1
    return (last - first).days // 7 + 1


def _break_words(periods: list[date], frequency: str) -> list[str]:
    pairs = zip(periods, periods[1:], strict=False)
    return [
        f"; no data for {missing_words(a, b, frequency)} between {_when(a, frequency)} "
        f"and {_when(b, frequency)} (a break in the line)"
        for a, b in pairs
        if is_gap(a, b, frequency)
    ]


def _when(day: date, frequency: str | None) -> str:
    return month_year(day) if frequency == MONTHLY else long_date(day)


def date_range(first: date, last: date, frequency: str | None = None) -> str:
    """ "5 January to 18 May 2026"; "January 2025 to May 2026" for months."""
    if first == last:
        return _when(first, frequency)
    if frequency == MONTHLY:
        start = MONTHS[first.month - 1] if first.year == last.year else month_year(first)
        return f"{start} to {month_year(last)}"
    start = f"{first.day} {MONTHS[first.month - 1]}"
    return f"{start if first.year == last.year else long_date(first)} to {long_date(last)}"


def outside_lines(analysis: Analysis, spec: ChartSpec) -> list[str]:
    """ "Before the charted period: PDSA cycle 1 “Trolley” (March 2014)." and the like."""
    period = charted_period(analysis, spec)
    if period is None:
        return []
    before, after = _outside_items(analysis, spec, *period)
    lines = []
    if before:
        lines.append(f"Before the charted period: {'; '.join(before)}.")
    if after:
        lines.append(f"After the charted period: {'; '.join(after)}.")
    return lines + _unplotted_notes(analysis, spec, *period)


def _outside_items(analysis: Analysis, spec: ChartSpec, first: date, last: date):
    before, after = [], []
    for marker in spec.pdsa_markers:
        words = f"PDSA cycle {marker.number} “{marker.title}” ({month_year(marker.start)})"
        if marker.start < first:
            before.append(words)
        elif marker.start > last:
            after.append(words)
    for note in spec.notes:
        words = f"note {note.number} ({long_date(note.period)}: {note.text})"
        if note.period < first:
            before.append(words)
        elif note.period > last:
            after.append(words)
    return before, after


def _unplotted_notes(analysis: Analysis, spec: ChartSpec, first: date, last: date) -> list[str]:
    charted = {point.period for point in analysis.points}
    return [
        f"Note {note.number} is on {long_date(note.period)}, which has no value: {note.text}"
        for note in spec.notes
        if first <= note.period <= last and note.period not in charted
    ]


def plotted_notes(analysis: Analysis, spec: ChartSpec):
    """The notes on charted points, each with the index of its point."""
    index = {point.period: i for i, point in enumerate(analysis.points)}
    return [(note, index[note.period]) for note in spec.notes if note.period in index]
