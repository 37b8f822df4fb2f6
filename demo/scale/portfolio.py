"""Projects: who leads them, where, when they started and how far they got, their teams, status
timelines, progress scores and links to organisations, settings and other regions.
Pure: no Django (the caller passes the topic list and the financial-period rule)."""

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from demo.scale.people import People
from demo.scale.rows import Ids, Table

WORDS = [
    "screening",
    "huddle",
    "bundle",
    "checklist",
    "early warning",
    "hydration",
    "handover",
    "safety cross",
    "discharge",
    "medicines review",
]
TITLES = [
    "{topic}: {word} at {organisation}",
    "Reducing harm from {topic_lower} across {town}",
    "{topic} collaborative: {word}, {town}",
    "{word} for {topic_lower} in {town}",
]
TOPIC_SETTINGS = {
    "maternity_neonatal": ["maternity"],
    "mental_health": ["mental-health"],
    "hydration_nutrition": ["care-home", "community"],
    "falls": ["acute-hospital", "care-home"],
    "transfers_of_care": ["acute-hospital", "primary-care"],
    "medicines_safety": ["primary-care", "acute-hospital"],
    "safety_culture": ["system-wide"],
    "frailty": ["community", "patients-home"],
    "deterioration": ["acute-hospital", "ambulance"],
}
PROJECT_COLUMNS = (
    "id",
    "title",
    "summary",
    "lead_region_id",
    "topic",
    "status",
    "status_since",
    "start_date",
    "expected_end_date",
    "completed_on",
    "progress_score",
    "aim_what",
    "aim_for_whom",
    "aim_how_much",
    "aim_by_when",
    "aim_text",
    "start_financial_year",
    "start_quarter",
    "completion_financial_year",
    "completion_quarter",
    "created_by_id",
    "created_at",
    "updated_at",
)
# (start date, completed on) -> (start year, start quarter, completion year, completion quarter)
Derive = Callable[[date, date | None], tuple[str, int, str, int | None]]


@dataclass(frozen=True)
class ProjectInfo:
    """What later generators need to know about a project."""

    id: int
    region_id: int
    topic: str
    topic_label: str
    start: date
    status: str
    lead: int
    team: tuple[int, ...]


def at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def _status(rng, start: date, as_of: date) -> tuple[str, date, date | None]:
    """(status, status since, completed on) as of `as_of`."""
    if start > as_of:
        return "planned", None, None
    duration = timedelta(days=rng.randrange(120, 720))
    if start + duration <= as_of and rng.random() < 0.7:
        return "completed", start + duration, start + duration
    if rng.random() < 0.06:
        stopped = start + timedelta(days=rng.randrange(30, max(31, (as_of - start).days + 1)))
        return "stopped", min(stopped, as_of), None
    return "active", start, None


def _score(rng, status: str) -> str | None:
    if status == "planned" or rng.random() < 0.1:
        return None
    choices = {"completed": ["4.0", "4.5", "5.0"], "stopped": ["1.0", "1.5", "2.0"]}
    return rng.choice(choices.get(status, ["1.0", "1.5", "2.0", "2.5", "3.0", "3.5"]))


class PortfolioBuilder:
    def __init__(
        self,
        rng: random.Random,
        people: People,
        regions,
        topics,
        settings: dict,
        ids: Ids,
        derive: Derive,
    ):
        self.rng, self.people, self.regions, self.ids = rng, people, regions, ids
        self.topics, self.settings, self.derive = topics, settings, derive
        self.projects = Table("project", PROJECT_COLUMNS)
        self.members = Table("project_member", ("id", "project_id", "user_id", "role"))
        self.timeline = Table(
            "status_change",
            ("id", "project_id", "status", "began_on", "recorded_by_id", "recorded_at"),
        )
        self.scores = Table(
            "progress_score", ("id", "project_id", "score", "recorded_on", "recorded_by_id")
        )
        self.orgs = Table("project_orgs", ("id", "project_id", "organisation_id"))
        self.in_settings = Table("project_settings", ("id", "project_id", "caresetting_id"))
        self.partners = Table("project_regions", ("id", "project_id", "region_id"))

    @property
    def tables(self) -> list[Table]:
        return [
            self.projects,
            self.members,
            self.timeline,
            self.scores,
            self.orgs,
            self.in_settings,
            self.partners,
        ]

    def project(self, first: date, as_of: date) -> ProjectInfo:
        rng = self.rng
        region_id, slug, towns = rng.choices(self.regions, self.people.region_weights)[0]
        topic, label = rng.choice(self.topics)
        start = first + timedelta(days=rng.randrange((as_of - first).days + 60))
        status, since, completed = _status(rng, start, as_of)
        pool = self.people.members_by_region[region_id]
        team = rng.sample(pool, min(len(pool), rng.randint(2, 4)))
        project_id = self.ids.take("project")
        created = at(min(start - timedelta(days=rng.randrange(7, 60)), as_of))
        since = since or created.date()
        score = _score(rng, status)
        organisations = self.people.organisations_by_region[region_id]
        organisation = rng.choice(organisations) if organisations else None
        title = rng.choice(TITLES).format(
            topic=label,
            topic_lower=label.lower(),
            word=rng.choice(WORDS),
            town=rng.choice(towns),
            organisation=self.people.organisation_names.get(organisation, towns[0]),
        )
        summary = (
            f"Testing a {rng.choice(WORDS)} across {rng.randint(2, 30)} wards to reduce "
            f"harm from {label.lower()}."
        )
        expected = start + timedelta(days=rng.randrange(365, 540))
        self.projects.add(
            project_id,
            title[0].upper() + title[1:],
            summary,
            region_id,
            topic,
            status,
            since,
            start,
            expected,
            completed,
            score,
            f"harm from {label.lower()}",
            "adult inpatients",
            f"{rng.choice([20, 25, 30, 50])}%",
            expected,
            "",
            *self.derive(start, completed),
            team[0],
            created,
            at(max(since, created.date()), 17),
        )
        info = ProjectInfo(project_id, region_id, topic, label, start, status, team[0], tuple(team))
        self._team(info)
        self._timeline(info, created, since, score)
        self._links(info, organisations, organisation)
        return info

    def _team(self, info: ProjectInfo) -> None:
        for n, user_id in enumerate(info.team):
            self.members.add(
                self.ids.take("project_member"), info.id, user_id, "lead" if n == 0 else "member"
            )

    def _timeline(self, info: ProjectInfo, created: datetime, since: date, score) -> None:
        steps = [("planned", created.date())]
        if info.status != "planned":
            steps.append(("active", info.start))
        if info.status in ("completed", "stopped"):
            steps.append((info.status, since))
        for status, day in steps:
            self.timeline.add(
                self.ids.take("status_change"), info.id, status, day, info.lead, at(day, 10)
            )
        if score:  # the team's first score at the start, the latest when the status began
            first, *latest = sorted({"1.0", score})
            for step, day in [(first, info.start), *((s, since) for s in latest)]:
                self.scores.add(self.ids.take("progress_score"), info.id, step, day, info.lead)

    def _links(self, info: ProjectInfo, organisations: list[int], main: int | None) -> None:
        rng = self.rng
        chosen = {main} if main else set()
        chosen |= set(rng.sample(organisations, min(len(organisations), rng.randint(0, 2))))
        for organisation in sorted(chosen):
            self.orgs.add(self.ids.take("project_orgs"), info.id, organisation)
        for slug in TOPIC_SETTINGS.get(info.topic, ["acute-hospital"]):
            self.in_settings.add(self.ids.take("project_settings"), info.id, self.settings[slug])
        if rng.random() < 0.1:
            others = [r[0] for r in self.regions if r[0] != info.region_id]
            for region_id in sorted(rng.sample(others, rng.randint(1, 2))):
                self.partners.add(self.ids.take("project_regions"), info.id, region_id)
