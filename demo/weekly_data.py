"""The weekly points and rare events of a story's chart: drawn at random around its levels,
then nudged (demo.exact) so that each phase's centre line is exactly the story's figure."""

import math
import random
from dataclasses import dataclass
from datetime import timedelta

from demo import exact
from demo.timeline import CHANGE_WEEK, change_monday, first_monday
from measurement.models import DataPoint, Event, Measure


@dataclass(frozen=True)
class Story:
    project: str
    standard: str
    before: float  # level before the change (proportion, rate per unit, or value)
    after: float
    change: str = ""  # what the team changed: the new phase's reason
    idea: str = ""  # the change idea of the project's driver diagram behind it
    weeks: int = 80
    change_week: int = CHANGE_WEEK
    denominator: int = 0  # > 0: proportions/rates with about this many cases a week
    name: str = ""
    # > 0: the after phase saw this many fewer events than the before level gives (its harm
    # avoided), with the cases that takes at about the after level.
    avoided: int = 0


@dataclass(frozen=True)
class EventStory:
    """Rare events until the day before the change, the t chart's centre line `before` days
    between events; then, over `days_after`, `after` days between them (none if 0)."""

    project: str
    standard: str
    before: float
    after: float
    days_before: int
    days_after: int
    change: str
    idea: str


# The t chart's centre line over times between random (Poisson) events, as a share of their
# mean: (E[gap^(1/3.6)])^3.6 for exponential gaps, Γ(1 + 1/3.6)^3.6.
T_CENTRE_OF_MEAN = math.gamma(1 + 1 / exact.T_POWER) ** exact.T_POWER


def points(story: Story, measure: Measure, rng: random.Random) -> list[DataPoint]:
    """Weekly points around the levels, each phase's centre line exactly its level (or, with
    `avoided`, the after phase exactly that many events below the before level)."""
    start = first_monday(measure.project.start_date)
    periods = [start + timedelta(weeks=week) for week in range(story.weeks)]
    phases = (
        (story.before, periods[: story.change_week]),
        (story.after, periods[story.change_week :]),
    )
    points = []
    for level, weeks in phases:
        if story.denominator:
            numerators, denominators = _ratio_phase(story, level, len(weeks), rng)
            points += [
                DataPoint(measure=measure, period=period, numerator=k, denominator=n)
                for period, k, n in zip(weeks, numerators, denominators, strict=True)
            ]
        else:
            values = [rng.gauss(level, level * 0.02) for _ in weeks]
            points += [
                DataPoint(measure=measure, period=period, value=value)
                for period, value in zip(weeks, exact.exact_mean(values, level, rng), strict=True)
            ]
    return points


def _ratio_phase(
    story: Story, level: float, weeks: int, rng: random.Random
) -> tuple[list[int], list[int]]:
    denominators = [
        max(1, round(rng.gauss(story.denominator, story.denominator * 0.1))) for _ in range(weeks)
    ]
    numerators = [_cases(n, level, rng) for n in denominators]
    if story.avoided and level == story.after:
        cases, events = exact.avoided_totals(story.before, story.after, story.avoided)
    else:
        cases, events = exact.ratio_totals(sum(denominators), level)
    return exact.exact_totals(numerators, denominators, cases, events, rng)


def _cases(n: int, level: float, rng: random.Random) -> int:
    """How many of `n` cases had the event, each with chance `level` (binomial; for tens of
    thousands of bed-days its normal approximation)."""
    if n <= 2000:
        return sum(rng.random() < level for _ in range(n))
    spread = math.sqrt(n * level * (1 - level))
    return min(n, max(0, round(rng.gauss(n * level, spread))))


def _gaps(days: float, span: int, rng: random.Random) -> list[int]:
    """Whole days between events over about `span` days, the t chart centre about `days`."""
    mean, gaps = days / T_CENTRE_OF_MEAN, []
    while sum(gaps) < span:  # exponential, without the rare gap of many months
        gaps.append(max(1, round(min(3 * mean, rng.expovariate(1 / mean)))))
    gaps = exact.exact_t_centre(gaps, days, rng)
    # The phase's first event soon after the change, so its phase starts near it (the order
    # of the gaps leaves the centre line as it is).
    first = next((i for i, gap in enumerate(gaps) if gap <= days), 0)
    gaps[0], gaps[first] = gaps[first], gaps[0]
    return gaps


def events(measure: Measure, story: EventStory, rng) -> list[Event]:
    """The events of each phase: the last before the change on the day before it, the first
    after it one gap later, and none after the change where `after` is 0."""
    change = change_monday(measure.project.start_date)
    before = _gaps(story.before, story.days_before, rng)
    after = _gaps(story.after, story.days_after, rng) if story.after else []
    day = change - timedelta(days=1 + sum(before))
    days = [day]
    for gap in before + after:
        day += timedelta(days=gap)
        days.append(day)
    means = [story.before] * (len(before) + 1) + [story.after] * len(after)
    return [
        Event(measure=measure, date=day, opportunities_since_previous=round(mean * 9))
        for day, mean in zip(days, means, strict=True)
    ]
