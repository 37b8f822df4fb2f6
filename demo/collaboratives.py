"""The brochure's collaboratives as programmes: their lead regions and leads, member teams (the
demo's existing projects, so the published project figures do not move), learning sessions with
attendance and feedback, shared measures and the teams' data, and IHI progress scores."""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from simple_history.utils import bulk_create_with_history

from demo.measures import measure_of_standard
from demo.people import seed_user
from demo.timeline import first_monday
from learning.models import (
    LearningSession,
    Programme,
    ProgrammeMember,
    ProgrammeMethod,
    ProgrammeStatus,
    SessionAttendance,
    SessionMaterial,
    SessionMode,
    SharedMeasure,
)
from measurement.models import DataPoint, StandardMeasure
from measurement.services.refresh import refresh_measure
from projects.models import ProgressScore, Project, ProjectStatus, Topic
from regions.models import Region, User

EL_REGIONS = ["kent-surrey-sussex", "wessex", "west-of-england"]
SOUTH = ["kent-surrey-sussex", "oxford", "south-west", "wessex", "west-of-england"]


@dataclass(frozen=True)
class Session:
    title: str
    held_on: date
    mode: str = SessionMode.IN_PERSON
    place: str = ""
    agenda: str = ""


@dataclass(frozen=True)
class ProgrammeSpec:
    slug: str
    name: str
    summary: str
    topic: str
    lead_regions: tuple[str, ...]
    start: date
    end: date
    aim: tuple[str, str, str]  # what, for whom, how much (by when: the end)
    aim_text: str
    sessions: tuple[Session, ...]
    method: str = ProgrammeMethod.BREAKTHROUGH_SERIES


PROGRAMMES = [
    ProgrammeSpec(
        "emergency-laparotomy",
        "Emergency Laparotomy Collaborative",
        "Kent Surrey Sussex, Wessex and West of England together spread the ELPQuIC care "
        "bundle from the four hospitals that developed it to 28 hospitals across the three "
        "regions, as a Breakthrough Series collaborative.",
        Topic.SURGERY,
        tuple(EL_REGIONS),
        date(2016, 4, 1),
        date(2018, 3, 31),
        (
            "deaths after emergency laparotomy",
            "adults having an emergency laparotomy in 28 hospitals",
            "1,000 lives saved",
        ),
        "Save 1,000 lives in two years by bringing the ELPQuIC care bundle to every patient "
        "having an emergency laparotomy in 28 hospitals.",
        (
            Session(
                "Learning session 1: the bundle and the data",
                date(2016, 5, 10),
                place="Brighton",
                agenda="The ELPQuIC bundle element by element; setting up NELA data for "
                "weekly run charts; planning the first PDSA cycles.",
            ),
            Session(
                "Learning session 2: sepsis and timely theatre",
                date(2016, 11, 15),
                place="Southampton",
                agenda="Teams share their sepsis screening cycles; flow to theatre.",
            ),
            Session(
                "Learning session 3: critical care and fluids",
                date(2017, 5, 16),
                SessionMode.HYBRID,
                place="Bristol",
                agenda="Goal-directed fluid therapy; admitting high-risk patients to "
                "critical care; spreading to the next hospitals.",
            ),
            Session(
                "Learning session 4: sustaining and spreading",
                date(2017, 11, 14),
                SessionMode.ONLINE,
                agenda="What sustained the gains; handing the bundle to the next wave.",
            ),
        ),
    ),
    ProgrammeSpec(
        "gm-medicines-safety",
        "Greater Manchester Medicines Safety Collaborative",
        "A year-long Breakthrough Series: nine health economy teams met at learning sessions "
        "interspersed with three action periods, testing changes for defect-free medicines "
        "care when patients move between hospital and home.",
        Topic.MEDICINES_SAFETY,
        ("greater-manchester",),
        date(2016, 10, 3),
        date(2017, 9, 29),
        (
            "defect-free medicines care on transfer",
            "patients leaving hospital in nine health economies",
            "from 26.6% to 40%",
        ),
        "Raise defect-free medicines care on transfer from 26.6% to 40% in nine health "
        "economies within a year.",
        (
            Session(
                "Learning session 1: launch",
                date(2016, 10, 3),
                place="Salford",
                agenda="The model for improvement; the defect-free measure and how to collect "
                "it every week; each team's first change ideas.",
            ),
            Session(
                "Learning session 2: reconciliation",
                date(2017, 1, 17),
                place="Stockport",
                agenda="Teams share their first cycles; reconciliation within 24 hours.",
            ),
            Session(
                "Learning session 3: information follows the patient",
                date(2017, 4, 25),
                place="Manchester",
                agenda="Electronic referral to community pharmacy; reading run charts.",
            ),
            Session(
                "Learning session 4: celebration and sustain",
                date(2017, 9, 29),
                place="Salford",
                agenda="Results, what the teams will sustain, and what spreads next.",
            ),
        ),
    ),
    ProgrammeSpec(
        "south-mental-health",
        "South of England Mental Health Improvement Collaborative",
        "Mental health trusts across the south of England learning together: “all teach, "
        "all learn”. Teams bring what they tested to each learning session; 99% of those "
        "who came said they contributed to the learning.",
        Topic.MENTAL_HEALTH,
        tuple(SOUTH),
        date(2016, 9, 1),
        date(2018, 3, 31),
        (
            "restrictive practice on mental health wards",
            "people on mental health wards in the south of England",
            "a third fewer restraints",
        ),
        "A third fewer restraints on the collaborative's mental health wards by March 2018.",
        (
            Session(
                "Learning session 1: all teach, all learn",
                date(2016, 9, 15),
                place="Reading",
                agenda="Every team presents one change it has tried; safety huddles.",
            ),
            Session(
                "Learning session 2: reducing restrictive practice",
                date(2017, 1, 19),
                place="Bristol",
                agenda="Teams teach each other their cycles on de-escalation.",
            ),
            Session(
                "Learning session 3: service users as partners",
                date(2017, 5, 18),
                SessionMode.HYBRID,
                place="Winchester",
                agenda="Co-designing changes with people who use the wards.",
            ),
            Session(
                "Learning session 4: measurement that helps",
                date(2017, 9, 21),
                SessionMode.ONLINE,
                agenda="Run charts every ward can keep; sharing data between trusts.",
            ),
            Session(
                "Learning session 5: sustaining the gains",
                date(2018, 1, 18),
                place="Brighton",
                agenda="What each team will keep doing, and teaching the next wards.",
            ),
        ),
    ),
]
MATERIAL = ("Slides and notes", "https://www.england.nhs.uk/patient-safety/")
GM_TEAMS = 9
GM_STANDARD = "defect-free-medicines-transfer"
# The eight generated teams' levels of defect-free care before and after their change, and the
# week (from the programme's first Monday) it came: with the story team's 26.6% and 42.4%
# the nine average 26.6% at the start and 42.4% at the end, as the brochure reports.
GM_LEVELS = [
    (0.18, 0.36, 16),
    (0.22, 0.39, 18),
    (0.25, 0.41, 20),
    (0.27, 0.44, 22),
    (0.29, 0.45, 24),
    (0.31, 0.47, 28),
    (0.24, 0.40, 30),
    (0.37, 0.47, 32),
]
# The generated teams' topics nearest medicines safety, in order: the nine are chosen from these
# first (Greater Manchester has few projects on medicines themselves).
GM_NEAREST = [
    Topic.MEDICINES_SAFETY,
    Topic.TRANSFERS_OF_CARE,
    Topic.FRAILTY,
    Topic.DETERIORATION,
    Topic.ACUTE_KIDNEY_INJURY,
    Topic.SEPSIS,
    Topic.SAFETY_CULTURE,
    Topic.LEADERSHIP,
]
GM_CASES = 60  # patients audited a week per team


def seed_programme_leads(password: str) -> list[tuple[str, str]]:
    people = []
    for spec in PROGRAMMES:
        user = seed_user(
            f"programme.{spec.slug}", password, first_name="Programme lead", last_name=spec.name
        )
        people.append((user.username, f"programme lead, {spec.name}"))
    return people


def seed_programmes(by: User | None) -> dict[str, Programme]:
    regions = {r.slug: r for r in Region.objects.all()}
    programmes = {}
    for spec in PROGRAMMES:
        what, whom, how_much = spec.aim
        programme = Programme(
            slug=spec.slug,
            name=spec.name,
            summary=spec.summary,
            topic=spec.topic,
            method=spec.method,
            start_date=spec.start,
            end_date=spec.end,
            status=ProgrammeStatus.COMPLETED,
            aim_what=what,
            aim_for_whom=whom,
            aim_how_much=how_much,
            aim_by_when=spec.end,
            aim_text=spec.aim_text,
            created_by=by,
        )
        programme._history_user = by
        programme.save()
        programme.lead_regions.add(*[regions[slug] for slug in spec.lead_regions])
        lead = User.objects.filter(username=f"programme.{spec.slug}").first()
        if lead:
            programme.leads.add(lead)
        programmes[spec.slug] = programme
    return programmes


def _candidates(spec: ProgrammeSpec, regions, topics) -> list[Project]:
    """Projects of the regions and topics that were running while the programme was."""
    projects = Project.objects.filter(
        lead_region__slug__in=regions, topic__in=topics, start_date__lte=spec.end
    ).exclude(status=ProjectStatus.STOPPED)
    return [
        p
        for p in projects.order_by("start_date", "pk")
        if p.completed_on is None or p.completed_on >= spec.start + timedelta(days=60)
    ]


def _teams(spec: ProgrammeSpec) -> list[Project]:
    if spec.slug == "emergency-laparotomy":
        return _candidates(spec, EL_REGIONS, [Topic.SURGERY])
    if spec.slug == "south-mental-health":
        return _candidates(spec, SOUTH, [Topic.MENTAL_HEALTH])
    # Greater Manchester: the story team first, then medicines teams, then others who stayed
    # the whole year, joining at the start where they could, nearest in topic first.
    gm = _candidates(spec, ["greater-manchester"], list(Topic))
    stayed = [p for p in gm if p.completed_on is None or p.completed_on >= spec.end]
    stayed.sort(
        key=lambda p: (
            p.title != "Defect-free medicines care on transfer",
            p.start_date > spec.start + timedelta(weeks=8),
            GM_NEAREST.index(p.topic) if p.topic in GM_NEAREST else len(GM_NEAREST),
            p.start_date,
            p.pk,
        )
    )
    return stayed[:GM_TEAMS]


def _members(programme: Programme, spec: ProgrammeSpec, by) -> list[ProgrammeMember]:
    members = []
    for project in _teams(spec):
        left = (
            project.completed_on
            if project.completed_on and project.completed_on < spec.end
            else None
        )
        members.append(
            ProgrammeMember(
                programme=programme,
                project=project,
                joined_on=max(spec.start, project.start_date),
                left_on=left,
            )
        )
    return bulk_create_with_history(members, ProgrammeMember, default_user=by)


def _sessions(programme: Programme, spec: ProgrammeSpec, by) -> list[LearningSession]:
    sessions = bulk_create_with_history(
        [
            LearningSession(
                programme=programme,
                title=s.title,
                held_on=s.held_on,
                mode=s.mode,
                place=s.place,
                agenda=s.agenda,
            )
            for s in spec.sessions
        ],
        LearningSession,
        default_user=by,
    )
    title, url = MATERIAL
    SessionMaterial.objects.bulk_create(
        [SessionMaterial(session=s, title=f"{s.title}: {title.lower()}", url=url) for s in sessions]
    )
    return sessions


def _attendance(sessions, members, rng, people=(), attendees=None) -> list[SessionAttendance]:
    """Each team at the sessions held while it was a member (one in eight missed one), as a
    team or, where `attendees` names them, as its people; and the named `people` at every
    session; feedback out of 10, and whether they said they contributed."""
    rows = []
    for session in sessions:
        for number, member in enumerate(members):
            if member.joined_on > session.held_on or (
                member.left_on and member.left_on < session.held_on
            ):
                continue
            if (number + session.held_on.month) % 8 == 0:
                continue
            for user in (attendees or {}).get(member.project_id, [None]):
                rows.append(
                    SessionAttendance(
                        session=session,
                        project=member.project,
                        user=user,
                        feedback_score=rng.choice([7, 8, 8, 9, 9, 10]),
                        contributed=True,
                    )
                )
        rows += [
            SessionAttendance(
                session=session, user=user, feedback_score=rng.choice([8, 9, 10]), contributed=True
            )
            for user in people
        ]
    return rows


FIRST_NAMES = ["Amara", "Ben", "Chloe", "Dev", "Erin", "Femi", "Grace", "Hari", "Isla", "Jon"]
LAST_NAMES = ["Ashworth", "Begum", "Carter", "Dlamini", "Evans", "Fraser", "Gill", "Hughes"]


def _team_people(programme: Programme, members, per_team: int = 2) -> dict[int, list[User]]:
    """Two people from each team who come to the sessions (they do not sign in)."""
    wanted = {}
    for number, member in enumerate(members, start=1):
        for i in range(per_team):
            k = (number - 1) * per_team + i
            username = f"{programme.slug}.team{number:02d}.{i + 1}"
            wanted[username] = (
                member.project_id,
                FIRST_NAMES[k % len(FIRST_NAMES)],
                LAST_NAMES[(k // len(FIRST_NAMES) + k) % len(LAST_NAMES)],
            )
    users = []
    for username, (_, first, last) in wanted.items():
        user = User(username=username, first_name=first, last_name=last)
        user.set_unusable_password()
        users.append(user)
    User.objects.bulk_create(users, ignore_conflicts=True)
    people = {}
    for user in User.objects.filter(username__in=wanted).order_by("username"):
        people.setdefault(wanted[user.username][0], []).append(user)
    return people


def _gm_measures(programme: Programme, members, rng) -> int:
    """The shared standard for every team: the story team already measures it; the others
    get their measure with weekly data from joining to the programme's end."""
    standard = StandardMeasure.objects.get(slug=GM_STANDARD)
    SharedMeasure.objects.create(programme=programme, standard=standard, is_mandatory=True)
    first = first_monday(programme.start_date)
    levels = iter(GM_LEVELS)
    created = 0
    for member in members:
        project = member.project
        if project.measures.filter(standard=standard).exists():
            continue
        before, after, change_week = next(levels)
        measure = measure_of_standard(project, standard)
        points = []
        period = first_monday(member.joined_on)
        while period <= (member.left_on or programme.end_date):
            week = (period - first).days // 7
            level = before if week < change_week else after
            n = max(1, round(rng.gauss(GM_CASES, GM_CASES * 0.1)))
            k = sum(rng.random() < level for _ in range(n))
            points.append(DataPoint(measure=measure, period=period, numerator=k, denominator=n))
            period += timedelta(weeks=1)
        bulk_create_with_history(points, DataPoint)
        refresh_measure(measure.pk)
        created += 1
    return created


def _progress_scores(programme: Programme, members) -> int:
    """Monthly IHI progress scores for the teams without any: from 1.5 towards the score the
    team reports now (the Breakthrough Series assessment chart)."""
    months = []
    day = programme.start_date.replace(day=1)
    while day <= programme.end_date:
        months.append(day)
        day = (day + timedelta(days=32)).replace(day=1)
    scored = set(
        ProgressScore.objects.filter(project__in=[m.project for m in members]).values_list(
            "project_id", flat=True
        )
    )
    rows = []
    for member in members:
        project = member.project
        if project.pk in scored:
            continue
        final = float(project.progress_score or 1.5)
        start = min(1.5, final)
        own = [m for m in months if member.joined_on <= m + timedelta(days=31)]
        for i, month in enumerate(own):
            share = i / max(1, len(own) - 1)
            score = round((start + (final - start) * share) * 2) / 2
            rows.append(
                ProgressScore(
                    project=project, score=f"{score:.1f}", recorded_on=max(month, member.joined_on)
                )
            )
    ProgressScore.objects.bulk_create(rows)
    return len(rows)


def seed_collaboratives(programmes: dict[str, Programme], by, seed: int = 2016) -> int:
    """Members, sessions, attendance, shared measures and progress scores; returns the
    number of member teams."""
    rng = random.Random(seed)
    teams = 0
    lead_users = {
        u.username.removeprefix("lead."): u
        for u in User.objects.filter(username__startswith="lead.")
    }
    for spec in PROGRAMMES:
        programme = programmes[spec.slug]
        members = _members(programme, spec, by)
        teams += len(members)
        sessions = _sessions(programme, spec, by)
        people = [lead_users[slug] for slug in spec.lead_regions if slug in lead_users]
        attendees = None
        if spec.slug == "south-mental-health":  # attendance by person, for their team
            attendees = _team_people(programme, members)
        rows = _attendance(sessions, members, rng, people, attendees)
        if spec.slug == "south-mental-health" and rows:
            rows[len(rows) // 2].contributed = False  # 99% said they contributed
        SessionAttendance.objects.bulk_create(rows)
        if spec.slug == "gm-medicines-safety":
            _gm_measures(programme, members, rng)
            _progress_scores(programme, members)
        if spec.slug == "emergency-laparotomy":
            SharedMeasure.objects.create(
                programme=programme,
                standard=StandardMeasure.objects.get(slug="laparotomy-length-of-stay"),
                is_mandatory=False,
            )
    return teams
