"""Demo measures telling the programme's published stories, so a new user sees real signals.

Each story: a project (by title), a standard measure it adopts (or its own settings), and weekly
data drawn around a 'before' and an 'after' level with the change at a given week.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from simple_history.utils import bulk_create_with_history

from measurement.models import DataPoint, Event, Measure, Rebase, StandardMeasure
from measurement.services.refresh import refresh_measure
from projects.models import Project


@dataclass(frozen=True)
class Story:
    project: str
    standard: str
    before: float  # level before the change (proportion, rate per unit, or value)
    after: float
    weeks: int = 80
    change_week: int = 30
    denominator: int = 0  # > 0: proportions/rates with about this many cases a week
    rebase_reason: str = ""
    name: str = ""


STORIES = [
    Story(
        "Acute kidney injury on surgical wards",
        "aki-incidence-surgical",
        0.025,
        0.016,
        denominator=400,
    ),
    Story(
        "Emergency department safety checklist", "news-within-one-hour", 0.55, 0.84, denominator=120
    ),
    Story(
        "Emergency department safety checklist",
        "pain-score-within-one-hour",
        0.59,
        0.93,
        denominator=120,
    ),
    Story(
        "Emergency department safety checklist",
        "ecg-within-ten-minutes",
        0.36,
        0.71,
        denominator=40,
    ),
    Story("Retained swabs in maternity", "swab-verbal-handover", 0.27, 0.77, denominator=20),
    Story(
        "Retained swabs in maternity",
        "swab-verbal-handover",
        0.04,
        0.63,
        denominator=20,
        name="Births with a written swab count at handover",
    ),
    Story(
        "Defect-free medicines care on transfer",
        "defect-free-medicines-transfer",
        0.266,
        0.424,
        denominator=60,
    ),
    Story(
        "Safety huddles and falls",
        "falls-per-1000-bed-days",
        0.0075,
        0.0055,
        denominator=1400,
        rebase_reason="Daily safety huddles on every ward",
    ),
    Story("Emergency laparotomy collaborative", "laparotomy-length-of-stay", 17.6, 16.1),
]
# (project, standard, mean days between events before the change, after, days before, after)
EVENT_STORIES = [
    ("Retained swabs in maternity", "days-between-retained-swabs", 75, 600, 450, 620),
    ("Hydration in care homes", "uti-antibiotics-care-homes", 4, 30, 200, 700),
]


def _first_monday(day: date) -> date:
    return (
        day
        - timedelta(days=day.weekday())
        + (timedelta(weeks=1) if day.weekday() else timedelta(0))
    )


def _points(story: Story, measure: Measure, rng: random.Random) -> list[DataPoint]:
    start = _first_monday(measure.project.start_date)
    points = []
    for week in range(story.weeks):
        level = story.before if week < story.change_week else story.after
        period = start + timedelta(weeks=week)
        if story.denominator:
            n = max(1, round(rng.gauss(story.denominator, story.denominator * 0.1)))
            k = sum(rng.random() < level for _ in range(n))
            points.append(DataPoint(measure=measure, period=period, numerator=k, denominator=n))
        else:
            points.append(
                DataPoint(
                    measure=measure, period=period, value=round(rng.gauss(level, level * 0.02), 1)
                )
            )
    return points


def _events(measure: Measure, story: tuple, rng) -> list[Event]:
    """Events about `before` days apart until the project starts, then `after` days apart."""
    _, _, before, after, days_before, days_after = story
    change = measure.project.start_date
    day, end, events = change - timedelta(days=days_before), change + timedelta(days_after), []
    while day < end:
        mean = before if day < change else after
        events.append(
            Event(measure=measure, date=day, opportunities_since_previous=round(mean * 9))
        )
        day += timedelta(days=max(1, round(rng.expovariate(1 / mean))))
    return events


def _measure(project: Project, standard: StandardMeasure, name: str = "") -> Measure:
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


def seed_measures(seed: int = 2016) -> int:
    """Adds the story measures once (matched by project and name); returns how many are new."""
    rng, created = random.Random(seed), 0
    standards = {s.slug: s for s in StandardMeasure.objects.all()}
    projects = {
        p.title: p
        for p in Project.objects.filter(
            title__in={s.project for s in STORIES} | {e[0] for e in EVENT_STORIES}
        )
    }
    for story in STORIES:
        standard = standards[story.standard]
        project = projects.get(story.project)
        name = story.name or standard.name
        if project is None or project.measures.filter(name=name).exists():
            continue
        measure = _measure(project, standard, name)
        points = _points(story, measure, rng)
        bulk_create_with_history(points, DataPoint)
        if story.rebase_reason:
            Rebase.objects.create(
                measure=measure, start=points[story.change_week].period, reason=story.rebase_reason
            )
        refresh_measure(measure.pk)
        created += 1
    for event_story in EVENT_STORIES:
        title, slug = event_story[:2]
        project, standard = projects.get(title), standards[slug]
        if project is None or project.measures.filter(name=standard.name).exists():
            continue
        measure = _measure(project, standard)
        bulk_create_with_history(_events(measure, event_story, rng), Event)
        refresh_measure(measure.pk)
        created += 1
    return created
