"""A generated portfolio so every region has realistic work, sized to the programme's figures.

In 2016/17 the programme started 451 projects, of which 170 were completed within the year; the
story projects supply some of both, and this module the rest, plus projects in every later year
to the day the seed runs. A project still open at the end of the year it started in closes in a
later one, unless that is still to come (demo/later_years.py). Rows are bulk-created (with
their history rows) so seeding stays quick.
"""

import random
from datetime import date, timedelta

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from core.fiscal import financial_year_start
from demo import later_years
from projects.models import (
    CareSetting,
    ChangeIdea,
    PDSACycle,
    PrimaryDriver,
    Project,
    ProjectStatus,
    SecondaryDriver,
    Topic,
)
from regions.models import Organisation, Region

STARTED_2016_17, COMPLETED_2016_17 = 451, 170
LATER_YEARS = {2017: 150, 2018: 100}
TITLE_PATTERNS = [
    "{topic} improvement at {organisation}",
    "Reducing harm: {topic} across {town}",
    "{topic} collaborative, {town}",
]
TOPIC_SETTINGS = {
    Topic.MATERNITY_NEONATAL: ["maternity"],
    Topic.MENTAL_HEALTH: ["mental-health"],
    Topic.HYDRATION_NUTRITION: ["care-home", "community"],
    Topic.FALLS: ["acute-hospital", "care-home"],
    Topic.TRANSFERS_OF_CARE: ["acute-hospital", "primary-care"],
    Topic.MEDICINES_SAFETY: ["primary-care", "acute-hospital"],
    Topic.SAFETY_CULTURE: ["system-wide"],
}
DIAGRAM = [
    ("Reliable processes", ["Standard work", "Checklists used every time"]),
    ("Skilled, engaged teams", ["Training and coaching"]),
]
IDEAS = [
    "Daily huddle",
    "Visual prompt at the bedside",
    "Audit and feedback each week",
    "Patient and carer leaflet",
]


def _period_projects(
    rng, regions, year: int, count: int, completed: int, today: date
) -> list[Project]:
    first, last = date(year, 4, 1), later_years.last_day(year, today)
    days = (last - first).days + 1  # 365 for a year that has ended
    projects = []
    for n in range(count):
        region = regions[n % len(regions)]
        topic = rng.choice([t for t in Topic if t != Topic.OTHER])
        span = min(300, max(1, days - 45)) if n < completed else min(365, days)
        start = first + timedelta(days=rng.randrange(0, span))
        status, done = ProjectStatus.ACTIVE, None
        if n < completed:
            status = ProjectStatus.COMPLETED
            done = min(start + timedelta(days=rng.randrange(45, 240)), last)
        elif n % 23 == 0:
            status = ProjectStatus.STOPPED
        project = Project(
            title=rng.choice(TITLE_PATTERNS).format(
                topic=topic.label, organisation=f"{region.name} partners", town=region.name
            ),
            summary=f"A {topic.label.lower()} project in {region.name}.",
            lead_region=region,
            topic=topic,
            status=status,
            start_date=start,
            status_since=done or start,
            completed_on=done,
            expected_end_date=start + timedelta(days=365),
            progress_score=_score(rng, status),
            aim_what=topic.label.lower(),
            aim_for_whom="patients in the project's services",
            aim_how_much="20%",
            aim_by_when=start + timedelta(days=365),
        )
        project.derive_financial_periods()
        projects.append(project)
    return projects


OPEN_IN_EACH_REGION = 3  # the newest projects of each region run on, whatever their dates


def _newest_open(projects: list[Project]) -> set[int]:
    """The newest open projects of each region (by `id()`: they are not saved yet)."""
    by_region = {}
    for project in sorted(projects, key=lambda p: p.start_date, reverse=True):
        if project.status == ProjectStatus.ACTIVE:
            by_region.setdefault(project.lead_region_id, []).append(id(project))
    return {kept for newest in by_region.values() for kept in newest[:OPEN_IN_EACH_REGION]}


def _close_later(rng, projects: list[Project], today: date) -> None:
    """Projects open at the end of their first year finish (the later ones, a few stop)
    between one and three years on; those whose day is still to come, and each region's
    newest, stay open. Projects of the fixed years finish only after 2017/18, so the
    brochure's collaboratives keep their teams."""
    newest = _newest_open(projects)
    for project in projects:
        if project.status != ProjectStatus.ACTIVE or id(project) in newest:
            continue
        year = financial_year_start(project.start_date)
        soonest = 365 if year < later_years.FIRST_LATER_YEAR else 30
        day = date(year + 1, 3, 31) + timedelta(days=rng.randrange(soonest, soonest + 700))
        if day > today:
            continue
        stops = year >= later_years.FIRST_LATER_YEAR and rng.random() < 0.2
        project.status = ProjectStatus.STOPPED if stops else ProjectStatus.COMPLETED
        project.status_since = day
        project.completed_on = None if stops else day
        project.progress_score = _score(rng, project.status)
        project.derive_financial_periods()


def _score(rng, status) -> str:
    if status == ProjectStatus.COMPLETED:
        return rng.choice(["4.0", "4.5", "5.0"])
    if status == ProjectStatus.STOPPED:
        return rng.choice(["1.0", "1.5", "2.0"])
    return rng.choice(["1.0", "1.5", "2.0", "2.5", "3.0", "3.5"])


def _add_diagrams(rng, projects: list[Project], today: date) -> None:
    primaries = bulk_create_with_history(
        [
            PrimaryDriver(project=p, text=text, position=i)
            for p in projects
            for i, (text, _) in enumerate(DIAGRAM)
        ],
        PrimaryDriver,
    )
    secondaries = bulk_create_with_history(
        [
            SecondaryDriver(primary_driver=primary, text=text, position=i)
            for primary in primaries
            for i, text in enumerate(dict(DIAGRAM)[primary.text])
        ],
        SecondaryDriver,
    )
    ideas = bulk_create_with_history(
        [
            ChangeIdea(project=p, text=text, position=i)
            for p in projects
            for i, text in enumerate(IDEAS)
        ],
        ChangeIdea,
    )
    secondaries_by_project = {}
    for secondary in secondaries:
        secondaries_by_project.setdefault(secondary.primary_driver.project_id, []).append(secondary)
    links = [
        ChangeIdea.secondary_drivers.through(changeidea_id=idea.pk, secondarydriver_id=s.pk)
        for idea in ideas
        for s in rng.sample(secondaries_by_project[idea.project_id], 1 + (idea.position == 0))
    ]
    ChangeIdea.secondary_drivers.through.objects.bulk_create(links)
    _add_cycles(rng, [idea for idea in ideas if idea.position < 2], today)


def _add_cycles(rng, ideas: list[ChangeIdea], today: date) -> None:
    cycles = []
    for idea in ideas:
        start = idea.project.start_date + timedelta(days=rng.randrange(14, 60))
        decision = rng.choice(["adopt", "adapt", "abandon"])
        if start + timedelta(days=14) > today:
            continue  # a project just begun tests its first change soon
        cycles.append(
            PDSACycle(
                project=idea.project,
                change_idea=idea,
                title=f"{idea.text}: first test",
                objective=f"Test “{idea.text}” on one ward for two weeks.",
                status="complete",
                decision=decision,
                start_date=start,
                end_date=start + timedelta(days=14),
                results="See the run chart.",
                next_steps="Spread." if decision == "adopt" else "",
            )
        )
    bulk_create_with_history(cycles, PDSACycle)


def _add_relations(rng, projects: list[Project], regions: list[Region]) -> None:
    settings = {s.slug: s for s in CareSetting.objects.all()}
    organisations = {}
    for organisation in Organisation.objects.only("id", "region_id"):
        organisations.setdefault(organisation.region_id, []).append(organisation.pk)
    Through = Project.care_settings.through
    Through.objects.bulk_create(
        [
            Through(project_id=p.pk, caresetting_id=settings[slug].pk)
            for p in projects
            for slug in TOPIC_SETTINGS.get(p.topic, ["acute-hospital"])
        ]
    )
    OrgThrough = Project.organisations.through
    OrgThrough.objects.bulk_create(
        [
            OrgThrough(project_id=p.pk, organisation_id=org)
            for p in projects
            for org in rng.sample(
                organisations.get(p.lead_region_id, []),
                min(2, len(organisations.get(p.lead_region_id, []))),
            )
        ]
    )
    RegionThrough = Project.participating_regions.through
    RegionThrough.objects.bulk_create(
        [
            RegionThrough(project_id=p.pk, region_id=rng.choice(regions).pk)
            for i, p in enumerate(projects)
            if i % 9 == 0
        ],
        ignore_conflicts=True,
    )


def later_counts(today: date) -> dict[int, int]:
    """Projects started in each year after 2016/17, to `today`'s."""
    counts = dict(LATER_YEARS)
    for year in later_years.later_years(today):
        counts[year] = later_years.projects_started(year, today)
    return counts


def seed_generated_projects(seed: int = 2016, today: date | None = None) -> int:
    """Tops the portfolio up to the programme's figures; returns how many projects it created."""
    if Project.objects.filter(start_financial_year="2016-17").count() >= STARTED_2016_17:
        return 0
    today = today or timezone.localdate()
    rng = random.Random(seed)
    regions = list(Region.objects.order_by("slug"))
    story_started = Project.objects.filter(start_financial_year="2016-17").count()
    story_completed = Project.objects.filter(completion_financial_year="2016-17").count()
    projects = _period_projects(
        rng,
        regions,
        2016,
        STARTED_2016_17 - story_started,
        COMPLETED_2016_17 - story_completed,
        today,
    )
    for year, count in later_counts(today).items():
        projects += _period_projects(rng, regions, year, count, count // 3, today)
    _close_later(random.Random(seed + 1), projects, today)
    projects = bulk_create_with_history(projects, Project)
    _add_relations(rng, projects, regions)
    _add_diagrams(rng, projects, today)
    return len(projects)
