"""The work going on now: every generated project still open that began after the fixed years
keeps a library measure (weekly, or one in four monthly) with data to last week or month, a few
teams some weeks behind and one in fourteen quiet for months (demo/current_series.py); those
entering data test their next change in a PDSA cycle. Run once, just after the generated
projects are created. Each project's last edit is dated by its last entry, so quiet ones look
quiet."""

import random
from datetime import UTC, date, datetime, time, timedelta

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from demo import current_series as series
from demo.later_years import FIRST_LATER_YEAR
from demo.stories import STORIES
from measurement.models import DataPoint, Measure, StandardMeasure
from measurement.models.choices import DataType, Frequency
from measurement.periods import last_complete_period, period_start, periods_between, shift
from measurement.services.measures import ADOPTED_FIELDS
from measurement.services.refresh import refresh_measures
from projects.models import (
    ChangeIdea,
    PDSACycle,
    Project,
    ProjectMember,
    ProjectRole,
    ProjectStatus,
)
from regions.models import User


def _projects(today: date) -> tuple[list[Project], list[Project]]:
    """The projects begun after the fixed years: those open now, and one in three of those
    closed (to keep the seed quick)."""
    later = Project.objects.filter(
        start_date__gte=date(FIRST_LATER_YEAR, 4, 1), measures__isnull=True
    ).order_by("start_date", "pk")
    open_ = list(later.filter(status=ProjectStatus.ACTIVE))
    closed = list(later.filter(status__in=[ProjectStatus.COMPLETED, ProjectStatus.STOPPED]))
    return open_, closed[:: series.CLOSED_MEASURED_EVERY]


def _weeks_running(project: Project, today: date) -> int:
    return (today - project.start_date).days // 7


def _old_enough(projects: list[Project], today: date) -> list[Project]:
    return [p for p in projects if _weeks_running(p, today) >= series.QUIET_AFTER_WEEKS]


def _anchors(projects: list[Project], today: date) -> set[int]:
    """Each region's oldest open project begun a month ago or more: kept weekly and up to
    date, so every region's lead has current data to look at."""
    anchors = {}
    for project in sorted(projects, key=lambda p: (p.start_date, p.pk)):
        if _weeks_running(project, today) >= 4:
            anchors.setdefault(project.lead_region_id, project.pk)
    return set(anchors.values())


def _last_period(project: Project, frequency: str, today: date, state: str, rng) -> date:
    if state == series.CLOSED:
        end = project.completed_on or project.status_since
        return shift(period_start(end, frequency), frequency, -1)
    last = last_complete_period(today, frequency)
    missing = series.weeks_missing(state, rng, _weeks_running(project, today))
    if frequency == Frequency.WEEKLY:
        return last - timedelta(weeks=missing)
    return shift(last, frequency, -((missing + 3) // 4))


def _plan(number: int, project: Project, today: date, state: str, rng, weekly=False) -> tuple:
    """(shape, frequency, periods) for the project's measure."""
    shape = series.SHAPES[rng.randrange(len(series.SHAPES))]
    monthly = number % series.MONTHLY_EVERY == 1 and not weekly
    frequency = Frequency.MONTHLY if monthly else Frequency.WEEKLY
    last = _last_period(project, frequency, today, state, rng)
    first = max(
        shift(period_start(project.start_date, frequency), frequency, 1),
        last - timedelta(weeks=series.WEEKS_KEPT),
    )
    return shape, frequency, periods_between(first, last, frequency) if first <= last else []


def _measure(project: Project, standard: StandardMeasure, shape, frequency, idea) -> Measure:
    # Adopted as a team adopts a library measure: its name and definition copied.
    fields = {name: getattr(standard, name) for name in ADOPTED_FIELDS}
    return Measure(
        project=project,
        standard=standard,
        frequency=frequency,
        target=shape.after,
        change_idea=idea,
        data_version=1,  # analysed below
        **fields,
    )


def _points(measure: Measure, shape, periods: list[date], rng) -> list[DataPoint]:
    before, after = series.levels(shape, rng)
    change_at = round(len(periods) * rng.uniform(0.35, 0.65))
    levels = series.level_by_period(before, after, len(periods), change_at)
    if measure.data_type == DataType.CONTINUOUS:
        return [
            DataPoint(measure=measure, period=period, value=value)
            for period, value in zip(periods, series.values(rng, levels), strict=True)
        ]
    cases = shape.cases * (4 if measure.frequency == Frequency.MONTHLY else 1)
    return [
        DataPoint(measure=measure, period=period, numerator=k, denominator=n)
        for period, (k, n) in zip(periods, series.ratio_points(rng, levels, cases), strict=True)
    ]


def _cycles(project, ideas, periods, state, today, rng) -> list[PDSACycle]:
    """The test behind the change, mid-chart; and, for a team entering its data, the next
    change being tested now."""
    cycles = []
    if len(periods) >= 8 and ideas:
        start = periods[len(periods) // 2] - timedelta(weeks=3)
        cycles.append(_cycle(project, ideas[0], start, "complete", "adopt", 2))
    if state in (series.UP_TO_DATE, series.BEHIND) and len(ideas) > 1:
        start = today - timedelta(weeks=rng.randint(1, 5))
        cycles.append(_cycle(project, ideas[1], max(start, project.start_date), "doing", "", 2))
    return cycles


def _cycle(project, idea, start: date, status: str, decision: str, number: int) -> PDSACycle:
    return PDSACycle(
        project=project,
        change_idea=idea,
        title=f"{idea.text}: cycle {number}",
        objective=f"Test “{idea.text}” on every ward.",
        status=status,
        decision=decision,
        start_date=start,
        end_date=start + timedelta(days=14) if status == "complete" else None,
        results="See the run chart." if status == "complete" else "",
        next_steps="Spread." if decision == "adopt" else "",
    )


def _ideas(projects: list[Project]) -> dict[int, list[ChangeIdea]]:
    ideas = {}
    for idea in ChangeIdea.objects.filter(project__in=projects).order_by("position", "pk"):
        ideas.setdefault(idea.project_id, []).append(idea)
    return ideas


def _last_touched(project: Project, periods: list[date], cycles: list[PDSACycle]) -> date:
    days = [project.start_date, *periods[-1:], *(c.start_date for c in cycles)]
    if project.status != ProjectStatus.ACTIVE:
        days.append(project.status_since)
    return max(days)


def _states(
    open_: list[Project], closed: list[Project], anchors: set[int], today: date, rng
) -> dict[int, str]:
    candidates = [p for p in _old_enough(open_, today) if p.pk not in anchors]
    quiet = {p.pk for p in series.quiet_ones(candidates, rng)}
    states = {p.pk: series.state(p.pk in quiet, rng) for p in open_}
    states |= {pk: series.UP_TO_DATE for pk in anchors}
    return states | {p.pk: series.CLOSED for p in closed}


def seed_current_work(seed: int = 2016, today: date | None = None) -> int:
    """Measures, data and cycles for the projects begun after the fixed years; returns the
    measures added."""
    today = today or timezone.localdate()
    open_, closed = _projects(today)
    projects = sorted(open_ + closed, key=lambda p: (p.start_date, p.pk))
    if not projects:
        return 0
    rng = random.Random(seed)
    anchors = _anchors(open_, today)
    states = _states(open_, closed, anchors, today, rng)
    standards = {s.slug: s for s in StandardMeasure.objects.all()}
    ideas = _ideas(projects)
    measures, plans, cycles, touched = [], [], [], {}
    for number, project in enumerate(projects):
        state = states[project.pk]
        shape, frequency, periods = _plan(
            number, project, today, state, rng, weekly=project.pk in anchors
        )
        own = ideas.get(project.pk, [])
        idea = own[0] if own else None
        measures.append(_measure(project, standards[shape.slug], shape, frequency, idea))
        plans.append((shape, periods))
        project_cycles = _cycles(project, own, periods, state, today, rng)
        cycles += project_cycles
        touched[project.pk] = _last_touched(project, periods, project_cycles)
    measures = bulk_create_with_history(measures, Measure)
    points = [
        point
        for measure, (shape, periods) in zip(measures, plans, strict=True)
        for point in _points(measure, shape, periods, rng)
    ]
    DataPoint.objects.bulk_create(points, batch_size=5000)
    bulk_create_with_history(cycles, PDSACycle)
    _date_last_edits(projects, touched)
    _project_leads(open_)
    refresh_measures([measure.pk for measure in measures])
    return len(measures)


LEAD_FIRST_NAMES = ["Asha", "Bryn", "Cara", "Dami", "Eli", "Farah", "Gus", "Hana", "Ivo", "Jess"]
LEAD_LAST_NAMES = ["Okafor", "Price", "Quinn", "Rahman", "Shaw", "Turner", "Usman", "Vaughan"]


def _project_leads(projects: list[Project]) -> None:
    """A lead for each project open now, who does not sign in but is told (on the site and by
    email) when a regional lead reminds the team of overdue data."""
    users = []
    for k, project in enumerate(projects):
        first = LEAD_FIRST_NAMES[k % len(LEAD_FIRST_NAMES)]
        last = LEAD_LAST_NAMES[(k // len(LEAD_FIRST_NAMES) + k) % len(LEAD_LAST_NAMES)]
        user = User(
            username=f"team.project{project.pk}",
            first_name=first,
            last_name=last,
            email=f"{first}.{last}.{project.pk}@example.nhs.uk".lower(),
        )
        user.set_unusable_password()
        users.append(user)
    User.objects.bulk_create(users, ignore_conflicts=True)
    by_name = {u.username: u for u in User.objects.filter(username__in=[u.username for u in users])}
    ProjectMember.objects.bulk_create(
        [
            ProjectMember(
                project=project, user=by_name[f"team.project{project.pk}"], role=ProjectRole.LEAD
            )
            for project in projects
        ],
        ignore_conflicts=True,
    )


def _date_last_edits(projects: list[Project], touched: dict[int, date]) -> None:
    """A project's last edit on its last day of work (bulk_update leaves auto_now alone),
    for these and for the generated projects that have closed."""
    for project in projects:
        project.updated_at = datetime.combine(touched[project.pk], time(17), tzinfo=UTC)
    closed = list(
        Project.objects.exclude(pk__in=touched)
        .exclude(title__in=[story.title for story in STORIES])
        .only("pk", "start_date", "status_since")
    )
    for project in closed:
        day = max(project.start_date, project.status_since)
        project.updated_at = datetime.combine(day, time(17), tzinfo=UTC)
    Project.objects.bulk_update([*projects, *closed], ["updated_at"], batch_size=1000)
