"""The collaborative's own figures, from its teams': pure maths, no Django.

- A shared measure's **collaborative series**: for proportions and rates the pooled ratio of the
  teams reporting in each period (Σ numerators / Σ denominators), so a big team weighs as much as
  its patients; for other data the median of the teams' values, so one team cannot drag it.
  A team counts in the periods it reported, up to the day it left; a period no team reported is
  a gap, not a zero.
- The **IHI progress scores by month**: how many member teams stood at each score (0.5 to 5.0)
  at each month's end, reading each team's latest score on or before that day.
- The **change-package status** of a team for one change, from its PDSA cycles' decisions.
- A learning session's **attendance and feedback** in figures.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from statistics import median

from measurement.spc import Observation

RATIO_TYPES = ("proportion", "rate")

# Collaborative series ----------------------------------------------------------------------


@dataclass(frozen=True)
class TeamSeries:
    """One team's data for a shared measure; `until` the day it left the programme, if it did."""

    team: str
    observations: tuple[Observation, ...]
    until: date | None = None


@dataclass(frozen=True)
class CollaborativePoint:
    period: date
    value: float  # the pooled ratio or the median, before any display multiplier
    teams: int  # how many teams reported in the period
    numerator: float | None = None  # Σ numerators (ratios only)
    denominator: float | None = None  # Σ denominators (ratios only)


def is_ratio(data_type: str) -> bool:
    return data_type in RATIO_TYPES


def team_value(observation: Observation, data_type: str) -> float | None:
    """A period's value as the team's chart plots it (before the display multiplier)."""
    if is_ratio(data_type):
        numerator, denominator = observation.numerator, observation.denominator
        if numerator is not None and denominator:
            return numerator / denominator
        return None
    return observation.value


def _counted(series: TeamSeries) -> Iterable[Observation]:
    return (o for o in series.observations if series.until is None or o.period <= series.until)


def pooled_ratio(series: Sequence[TeamSeries]) -> list[CollaborativePoint]:
    """Σ numerators over Σ denominators of the teams reporting in each period."""
    sums: dict[date, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for team in series:
        for o in _counted(team):
            if o.numerator is None or not o.denominator:
                continue
            total = sums[o.period]
            total[0] += o.numerator
            total[1] += o.denominator
            total[2] += 1
    return [
        CollaborativePoint(period, n / d, int(teams), numerator=n, denominator=d)
        for period, (n, d, teams) in sorted(sums.items())
    ]


def median_of_teams(series: Sequence[TeamSeries]) -> list[CollaborativePoint]:
    """The median of the values of the teams reporting in each period."""
    values: dict[date, list[float]] = defaultdict(list)
    for team in series:
        for o in _counted(team):
            if o.value is not None:
                values[o.period].append(o.value)
    return [
        CollaborativePoint(period, float(median(found)), len(found))
        for period, found in sorted(values.items())
    ]


def collaborative_series(data_type: str, series: Sequence[TeamSeries]) -> list[CollaborativePoint]:
    """The collaborative's series for a measure of `data_type` (rare events have none: each
    team's dates between events do not add up across teams)."""
    if data_type == "events":
        return []
    return pooled_ratio(series) if is_ratio(data_type) else median_of_teams(series)


def as_observations(points: Sequence[CollaborativePoint], data_type: str) -> list[Observation]:
    """The series as the SPC analysis reads it: a p or u chart of the pooled counts, or a run
    chart of the medians."""
    if is_ratio(data_type):
        return [Observation(p.period, None, p.numerator, p.denominator) for p in points]
    return [Observation(p.period, p.value) for p in points]


def spc_chart(data_type: str) -> tuple[str, str]:
    """(chart, rules) the collaborative's series is analysed with: the pooled proportion or rate
    on a p or u chart with Making Data Count rules; medians on a run chart (Anhøj rules)."""
    return {"proportion": ("p", "mdc"), "rate": ("u", "mdc")}.get(data_type, ("run", "anhoej"))


# Progress scores ----------------------------------------------------------------------

SCORES = tuple(Decimal(n) / 2 for n in range(1, 11))  # 0.5, 1.0 ... 5.0


@dataclass(frozen=True)
class Membership:
    team: str
    joined_on: date
    left_on: date | None = None

    def member_during(self, starts: date, ends: date) -> bool:
        return self.joined_on <= ends and (self.left_on is None or self.left_on >= starts)


@dataclass(frozen=True)
class MonthScores:
    month: date  # the month's first day
    counts: dict[Decimal, int]  # every score in SCORES, 0 where no team stood there
    unscored: int  # member teams with no score yet
    mean: float | None

    @property
    def teams(self) -> int:
        return sum(self.counts.values()) + self.unscored


def month_end(month: date) -> date:
    following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return following - timedelta(days=1)


def months_between(starts: date, ends: date) -> list[date]:
    """The first day of every month from `starts`'s to `ends`'s."""
    months, month = [], starts.replace(day=1)
    while month <= ends:
        months.append(month)
        month = month_end(month) + timedelta(days=1)
    return months


def score_on(scores: Sequence[tuple[date, Decimal]], day: date) -> Decimal | None:
    """The latest score recorded on or before `day` (scores in date order)."""
    found = None
    for recorded_on, score in scores:
        if recorded_on > day:
            break
        found = score
    return found


def progress_by_month(
    memberships: Sequence[Membership],
    scores: dict[str, Sequence[tuple[date, Decimal]]],
    starts: date,
    ends: date,
) -> list[MonthScores]:
    """For each month from `starts` to `ends`, the member teams at each score at its end."""
    ordered = {team: sorted(found) for team, found in scores.items()}
    months = []
    for month in months_between(starts, ends):
        last_day = month_end(month)
        counts, unscored = dict.fromkeys(SCORES, 0), 0
        for member in memberships:
            if not member.member_during(month, last_day):
                continue
            score = score_on(ordered.get(member.team, ()), last_day)
            if score is None:
                unscored += 1
            else:
                counts[Decimal(score)] += 1
        months.append(MonthScores(month, counts, unscored, _mean(counts)))
    return months


def _mean(counts: dict[Decimal, int]) -> float | None:
    scored = sum(counts.values())
    if not scored:
        return None
    return float(sum(score * n for score, n in counts.items())) / scored


# The change package ----------------------------------------------------------------------

NOT_STARTED, TESTING, IMPLEMENTED, ABANDONED = "not_started", "testing", "implemented", "abandoned"
# The status a team shows for a change tested by several of its ideas: the furthest along.
STATUS_RANK = {NOT_STARTED: 0, ABANDONED: 1, TESTING: 2, IMPLEMENTED: 3}


@dataclass(frozen=True)
class Cycle:
    status: str  # PDSAStatus code
    decision: str  # PDSADecision code, or "" before the cycle is complete
    start_date: date
    end_date: date | None = None
    order: int = 0  # breaks ties between cycles of the same dates (the cycle's id)


def idea_status(cycles: Sequence[Cycle]) -> str:
    """Not started without cycles; otherwise the latest completed cycle's decision: adopt is
    implemented, abandon abandoned, adapt (or none complete yet) still testing."""
    if not cycles:
        return NOT_STARTED
    complete = [c for c in cycles if c.status == "complete" and c.decision]
    if not complete:
        return TESTING
    latest = max(complete, key=lambda c: (c.end_date or c.start_date, c.start_date, c.order))
    return {"adopt": IMPLEMENTED, "abandon": ABANDONED}.get(latest.decision, TESTING)


def team_status(ideas: Iterable[Sequence[Cycle]]) -> str:
    """A team's status for one change from the cycles of each of its ideas that test it."""
    return max((idea_status(c) for c in ideas), key=STATUS_RANK.__getitem__, default=NOT_STARTED)


# Learning sessions ----------------------------------------------------------------------


@dataclass(frozen=True)
class Attendance:
    team: str | None
    person: str | None
    feedback_score: int | None = None
    contributed: bool | None = None


@dataclass(frozen=True)
class SessionFigures:
    teams: int  # member teams attending
    members: int  # member teams at the time of the session
    people: int
    feedback_mean: float | None
    feedback_count: int
    contributed_share: float | None  # of those who answered
    contributed_count: int


def session_figures(rows: Sequence[Attendance], member_teams: set[str]) -> SessionFigures:
    teams = {row.team for row in rows if row.team is not None and row.team in member_teams}
    people = {row.person for row in rows if row.person is not None}
    scores = [row.feedback_score for row in rows if row.feedback_score is not None]
    answers = [row.contributed for row in rows if row.contributed is not None]
    return SessionFigures(
        teams=len(teams),
        members=len(member_teams),
        people=len(people),
        feedback_mean=sum(scores) / len(scores) if scores else None,
        feedback_count=len(scores),
        contributed_share=sum(answers) / len(answers) if answers else None,
        contributed_count=len(answers),
    )
