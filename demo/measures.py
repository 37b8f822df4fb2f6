"""Demo measures telling the programme's published stories, so a new user sees real signals.

Each story: a project (by title), a standard measure it adopts (or its own settings), and weekly
data drawn around a 'before' and an 'after' level with the change at a given week, each phase's
centre line exactly its level (demo/weekly_data.py): the brochure's figures, as the impact
statements compute them. The team rebased each chart where its process changed, naming the
change, as Making Data Count teaches.
"""

import random
from datetime import UTC, date, datetime, time, timedelta

from simple_history.utils import bulk_create_with_history

from demo import weekly_data
from demo.timeline import change_monday
from demo.weekly_data import EventStory, Story
from measurement.models import DataPoint, Event, Measure, Rebase, StandardMeasure
from measurement.services.refresh import refresh_measure
from projects.models import Project, ProjectRole

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
# A new phase needs points enough to set its limits by; with fewer the team waits.
FEWEST_POINTS_TO_REBASE = 8
REBASED_AFTER = timedelta(weeks=10)  # when the team saw the sustained shift and rebased


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
        points = weekly_data.points(story, measure, rng)
        bulk_create_with_history(points, DataPoint)
        _rebase(measure, [point.period for point in points], story)
        refresh_measure(measure.pk)
        created += 1
    for event_story in EVENT_STORIES:
        project, standard = projects.get(event_story.project), standards[event_story.standard]
        if project is None or project.measures.filter(name=standard.name).exists():
            continue
        measure = measure_of_standard(project, standard)
        events = weekly_data.events(measure, event_story, rng)
        bulk_create_with_history(events, Event)
        _rebase(measure, [event.date for event in events], event_story)
        refresh_measure(measure.pk)
        created += 1
    return created
