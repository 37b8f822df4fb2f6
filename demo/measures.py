"""Demo measures telling the programme's published stories, so a new user sees real signals.

Each story: a project (by title), a standard measure it adopts (or its own settings), and weekly
data drawn around a 'before' and an 'after' level with the change at a given week. The team
rebased each chart where its process changed, naming the change, as Making Data Count teaches.
"""

import math
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from simple_history.utils import bulk_create_with_history

from demo import exact
from demo.timeline import CHANGE_WEEK, change_monday, first_monday
from measurement.models import DataPoint, Event, Measure, Rebase, StandardMeasure
from measurement.services.refresh import refresh_measure
from projects.models import Project, ProjectRole


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


STORIES = [
    Story(
        "Acute kidney injury on surgical wards",
        "aki-incidence-surgical",
        0.025,
        0.016,
        "Electronic AKI alert with a care bundle on every surgical ward",
        "Electronic AKI alert with care bundle",
        denominator=400,
    ),
    Story(
        "Emergency department safety checklist",
        "news-within-one-hour",
        0.55,
        0.84,
        "NEWS chart and escalation protocol introduced on all wards",
        "NEWS in the first hour on the checklist",
        denominator=120,
    ),
    Story(
        "Emergency department safety checklist",
        "pain-score-within-one-hour",
        0.59,
        0.93,
        "Pain score at triage added to the safety checklist",
        "Pain score at triage",
        denominator=120,
    ),
    Story(
        "Emergency department safety checklist",
        "ecg-within-ten-minutes",
        0.36,
        0.71,
        "ECG within ten minutes of arrival added to the chest pain pathway",
        "ECG within ten minutes of arrival",
        denominator=40,
    ),
    Story(
        "Retained swabs in maternity",
        "swab-verbal-handover",
        0.27,
        0.77,
        "Swab count added to the handover script",
        "Swab count in the handover script",
        denominator=20,
    ),
    Story(
        "Retained swabs in maternity",
        "swab-verbal-handover",
        0.04,
        0.63,
        "Swab count box added to the birth record",
        "Swab count box on the birth record",
        denominator=20,
        name="Births with a written swab count at handover",
    ),
    Story(
        "Defect-free medicines care on transfer",
        "defect-free-medicines-transfer",
        0.266,
        0.424,
        "Pharmacy reconciliation within 24 hours of admission",
        "Pharmacy reconciliation within 24 hours",
        denominator=60,
    ),
    Story(
        "Safety huddles and falls",
        "falls-per-1000-bed-days",
        0.0075,
        0.0055,
        "Daily safety huddles on every ward",
        "Ten-minute huddle at shift change",
        # The medical wards of the region's trusts: some 3,500 beds, 24,400 bed-days a week.
        denominator=24_400,
        avoided=2439,
    ),
    Story(
        "Emergency laparotomy collaborative",
        "laparotomy-length-of-stay",
        17.6,
        16.1,
        "Sepsis screening on arrival for every emergency laparotomy",
        "Sepsis screening on arrival",
    ),
]
EVENT_STORIES = [
    EventStory(
        "Retained swabs in maternity",
        "days-between-retained-swabs",
        75,
        0,  # none since: the project closed more than 600 days after the last
        450,
        0,
        "Two-person swab count at every stage of every birth",
        "Two-person count at every stage",
    ),
    EventStory(
        "Hydration in care homes",
        "uti-antibiotics-care-homes",
        4,
        30,
        200,
        700,
        "Seven structured drinks rounds a day in every home",
        "Seven structured drinks rounds a day",
    ),
]
# The t chart's centre line over times between random (Poisson) events, as a share of their
# mean: (E[gap^(1/3.6)])^3.6 for exponential gaps, Γ(1 + 1/3.6)^3.6.
T_CENTRE_OF_MEAN = math.gamma(1 + 1 / exact.T_POWER) ** exact.T_POWER
# A new phase needs points enough to set its limits by; with fewer the team waits.
FEWEST_POINTS_TO_REBASE = 8
REBASED_AFTER = timedelta(weeks=10)  # when the team saw the sustained shift and rebased


def _points(story: Story, measure: Measure, rng: random.Random) -> list[DataPoint]:
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


def _events(measure: Measure, story: EventStory, rng) -> list[Event]:
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


def measure_of_standard(project: Project, standard: StandardMeasure, name: str = "") -> Measure:
    fields = {
        f: getattr(standard, f)
        for f in (
            "kind",
            "definition",
            "inclusions",
            "exclusions",
            "data_source",
            "data_type",
            "chart",
            "rules",
            "improvement",
            "unit",
            "multiplier",
        )
    }
    return Measure.objects.create(
        project=project, standard=standard, name=name or standard.name, **fields
    )


def _rebase(measure: Measure, starts: list[date], story: Story | EventStory) -> None:
    """The new phase from the first point on or after the change, named for the change and
    linked to the idea (and its latest PDSA cycle), as the project's lead recorded it once the
    shift had shown; none while the new phase has too few points to set limits by."""
    change = change_monday(measure.project.start_date)
    after = [start for start in starts if start >= change]
    if len(after) < FEWEST_POINTS_TO_REBASE or not story.change:
        return
    project = measure.project
    idea = project.change_ideas.filter(text=story.idea).first()
    lead = project.members.filter(role=ProjectRole.LEAD).select_related("user").first()
    rebase = Rebase(
        measure=measure,
        start=after[0],
        reason=story.change,
        change_idea=idea,
        pdsa_cycle=idea.cycles.order_by("-start_date").first() if idea else None,
        created_by=lead.user if lead else None,
        created_at=datetime.combine(after[0] + REBASED_AFTER, time(10), tzinfo=UTC),
    )
    rebase._history_user = rebase.created_by
    rebase.save()


def seed_measures(seed: int = 2016) -> int:
    """Adds the story measures once (matched by project and name); returns how many are new."""
    rng, created = random.Random(seed), 0
    standards = {s.slug: s for s in StandardMeasure.objects.all()}
    projects = {
        p.title: p
        for p in Project.objects.filter(
            title__in={s.project for s in STORIES} | {e.project for e in EVENT_STORIES}
        )
    }
    for story in STORIES:
        standard = standards[story.standard]
        project = projects.get(story.project)
        name = story.name or standard.name
        if project is None or project.measures.filter(name=name).exists():
            continue
        measure = measure_of_standard(project, standard, name)
        points = _points(story, measure, rng)
        bulk_create_with_history(points, DataPoint)
        _rebase(measure, [point.period for point in points], story)
        refresh_measure(measure.pk)
        created += 1
    for event_story in EVENT_STORIES:
        project, standard = projects.get(event_story.project), standards[event_story.standard]
        if project is None or project.measures.filter(name=standard.name).exists():
            continue
        measure = measure_of_standard(project, standard)
        events = _events(measure, event_story, rng)
        bulk_create_with_history(events, Event)
        _rebase(measure, [event.date for event in events], event_story)
        refresh_measure(measure.pk)
        created += 1
    return created
