"""The data of the projects running now: which library measure each team keeps, how far its
entries have got (up to date, a few weeks behind, or gone quiet months ago) and its points,
drawn around a level that moves once the team's change takes hold; and the measures some
closed projects kept to their end. Pure: no Django.
"""

import math
import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Shape:
    """A library measure as the generated teams keep it: levels before and after a change
    that works, and cases a week (0: a measurement, such as length of stay)."""

    slug: str
    before: float
    after: float
    cases: int = 0


SHAPES = [
    Shape("defect-free-medicines-transfer", 0.45, 0.7, 40),
    Shape("news-within-one-hour", 0.6, 0.85, 50),
    Shape("pain-score-within-one-hour", 0.55, 0.8, 50),
    Shape("ecg-within-ten-minutes", 0.5, 0.75, 30),
    Shape("swab-verbal-handover", 0.6, 0.9, 20),
    Shape("aki-incidence-surgical", 0.025, 0.017, 300),
    Shape("falls-per-1000-bed-days", 0.008, 0.006, 3000),
    Shape("laparotomy-length-of-stay", 16.0, 14.5),
]
UP_TO_DATE, BEHIND, QUIET, CLOSED = "up to date", "behind", "quiet", "closed"
QUIET_SHARE = 0.25  # of the open teams old enough to have gone quiet for months
BEHIND_SHARE = 0.15
QUIET_WEEKS = (30, 52)  # how long ago a quiet team's last entry was
QUIET_AFTER_WEEKS = QUIET_WEEKS[0] + 12  # old enough: twelve weeks of data, then quiet
BEHIND_WEEKS = (2, 6)
MONTHLY_EVERY = 4  # one measure in four is monthly
WEEKS_KEPT = 104  # data from the project's start, or two years back at most
CLOSED_MEASURED_EVERY = 3  # one closed project in three kept a measure in the library


def quiet_ones(old_enough: list, rng: random.Random) -> list:
    """A few of the open teams that began long enough ago: these have gone quiet."""
    if not old_enough:
        return []
    count = min(len(old_enough), max(1, round(len(old_enough) * QUIET_SHARE)))
    return rng.sample(old_enough, count)


def state(quiet: bool, rng: random.Random) -> str:
    if quiet:
        return QUIET
    return BEHIND if rng.random() < BEHIND_SHARE else UP_TO_DATE


def weeks_missing(team_state: str, rng: random.Random, weeks_running: int = 10**6) -> int:
    """Whole weeks between the last complete week and the team's latest entry (a quiet team
    entered data for its first twelve weeks at least)."""
    if team_state == QUIET:
        return rng.randint(
            QUIET_WEEKS[0], max(QUIET_WEEKS[0], min(QUIET_WEEKS[1], weeks_running - 12))
        )
    if team_state == BEHIND:
        return rng.randint(*BEHIND_WEEKS)
    return 0


def effect(rng: random.Random) -> float:
    """How much of the hoped-for change the team got: most some, some none, a few worse."""
    return rng.choices([1.0, 0.6, 0.0, -0.5], weights=[40, 20, 30, 10])[0]


def levels(shape: Shape, rng: random.Random) -> tuple[float, float]:
    moved = effect(rng)
    return shape.before, shape.before + (shape.after - shape.before) * moved


def ratio_points(rng: random.Random, levels_: list[float], cases: int) -> list[tuple[int, int]]:
    """(events, cases) for each period at its level."""
    points = []
    for level in levels_:
        n = max(1, round(rng.gauss(cases, cases * 0.1)))
        if n <= 200:
            k = sum(rng.random() < level for _ in range(n))
        else:
            spread = math.sqrt(n * level * (1 - level))
            k = min(n, max(0, round(rng.gauss(n * level, spread))))
        points.append((k, n))
    return points


def values(rng: random.Random, levels_: list[float]) -> list[float]:
    return [round(max(0.1, rng.gauss(level, level * 0.08)), 1) for level in levels_]


def level_by_period(before: float, after: float, periods: int, change_at: int) -> list[float]:
    return [before if i < change_at else after for i in range(periods)]
