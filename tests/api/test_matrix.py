"""The authorisation matrix: every /api/v1/ route × method × role, from the URL configuration.

Routes are read from the resolver, so a new endpoint fails this test until its expected
outcomes are written in POLICY below. Each call runs in a savepoint that is rolled back, on
objects owned by Wessex, with a valid body; a refused call must leave every table and its
history as they were.
"""

import json
from collections import Counter
from datetime import date

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from learning.models import (
    Adoption,
    ChangeEntry,
    ChangeResource,
    LearningSession,
    Programme,
    ProgrammeMember,
    ProjectLearning,
    ReportedOutcome,
    SharedMeasure,
    Story,
)
from measurement.models import DataPoint, Event, Measure, PointNote, Rebase
from projects.models import (
    ChangeIdea,
    PDSACycle,
    PrimaryDriver,
    Project,
    ProjectMember,
    SecondaryDriver,
)
from regions.models import (
    ChampionRecruitment,
    CultureAssessment,
    Organisation,
    OrganisationEngagement,
    TrainingRecord,
)
from tests.api.conftest import token_for
from tests.api.matrix_bodies import LEARNING_CHANGE, LEARNING_PROGRAMME, bodies
from tests.api.matrix_stories import STORY_ROUTES, story_bodies, story_values, story_world
from tests.factories import (
    AdoptionFactory,
    ChangeEntryFactory,
    ChangeIdeaFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ProgrammeMemberFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "frontline",
    "wessex_lead",
    "oxford_lead",
    "national_viewer",
    "national_admin",
    "partner",
)
OK = "ok"  # any 2xx

# Who may do what, by kind of operation (the policy of docs/adr/0002 and regions/access.py).
OUTCOMES = {
    "public": dict.fromkeys(ROLES, OK),
    "read": {**dict.fromkeys(ROLES, OK), "anonymous": 401},
    "project_edit": {
        "anonymous": 401,
        "frontline": OK,
        "wessex_lead": OK,
        "oxford_lead": 403,
        "national_viewer": 403,
        "national_admin": OK,
        "partner": OK,
    },
    "project_create": {
        "anonymous": 401,
        "frontline": 403,
        "wessex_lead": OK,
        "oxford_lead": 403,
        "national_viewer": 403,
        "national_admin": OK,
        "partner": OK,
    },
    "region_write": {
        "anonymous": 401,
        "frontline": 403,
        "wessex_lead": OK,
        "oxford_lead": 403,
        "national_viewer": 403,
        "national_admin": OK,
        "partner": OK,
    },
    "region_detail": {
        "anonymous": 401,
        "frontline": 403,
        "wessex_lead": OK,
        "oxford_lead": 403,
        "national_viewer": OK,
        "national_admin": OK,
        "partner": OK,
    },
    # A batch naming a measure the user may not enter is rejected row by row (400).
    "bulk": {
        "anonymous": 401,
        "frontline": OK,
        "wessex_lead": OK,
        "oxford_lead": 400,
        "national_viewer": 400,
        "national_admin": OK,
        "partner": OK,
    },
    # Adoptions in a batch: whoever may record none is refused the batch (403); a lead
    # elsewhere has each row refused (400).
    "adoption_bulk": {
        "anonymous": 401,
        "frontline": 403,
        "wessex_lead": OK,
        "oxford_lead": 400,
        "national_viewer": 403,
        "national_admin": OK,
        "partner": OK,
    },
    "nowhere": dict.fromkeys(ROLES, 404),
}

NODE_WRITES = {"POST": "project_edit", "PATCH": "project_edit", "DELETE": "project_edit"}
ACTIVITY = {
    "GET": "read",
    "POST": "region_write",
    "PUT": "region_write",
    "PATCH": "region_write",
    "DELETE": "region_write",
}
POLICY = {
    "api-schema": {"GET": "public"},
    "api-docs": {"GET": "public"},
    "api-not-found": {"GET": "nowhere", "POST": "nowhere"},
    "region-list": {"GET": "read"},
    "region-detail": {"GET": "read"},
    "metrics-national": {"GET": "read"},
    "metrics-region": {"GET": "region_detail"},
    "mdc-summary": {"GET": "read"},
    "organisation-list": {"GET": "read", "POST": "region_write"},
    "organisation-detail": {"GET": "read", "PUT": "region_write", "PATCH": "region_write"},
    **{
        f"activity-{kind}-list": {"GET": "read", "POST": "region_write"}
        for kind in ("training", "champions", "engagement", "culture")
    },
    **{
        f"activity-{kind}-detail": {m: p for m, p in ACTIVITY.items() if m != "POST"}
        for kind in ("training", "champions", "engagement", "culture")
    },
    "project-list": {"GET": "read", "POST": "project_create"},
    "project-detail": {"GET": "read", "PUT": "project_edit", "PATCH": "project_edit"},
    "project-team": {"POST": "project_edit"},
    "project-team-member": {"DELETE": "project_edit"},
    **{
        f"{node}-list": {"GET": "read", "POST": "project_edit"}
        for node in ("primary-driver", "secondary-driver", "change-idea")
    },
    **{
        f"{node}-detail": {"GET": "read", "PATCH": "project_edit", "DELETE": "project_edit"}
        for node in ("primary-driver", "secondary-driver", "change-idea")
    },
    **{
        f"{node}-move": {"POST": "project_edit"}
        for node in ("primary-driver", "secondary-driver", "change-idea")
    },
    "pdsa-cycle-list": {"GET": "read", "POST": "project_edit"},
    "pdsa-cycle-detail": {"GET": "read", "PUT": "project_edit", "PATCH": "project_edit"},
    "measure-list": {"GET": "read", "POST": "project_edit"},
    "measure-detail": {"GET": "read", "PUT": "project_edit", "PATCH": "project_edit"},
    "measure-data": {"POST": "project_edit"},
    "measure-events": {"POST": "project_edit"},
    "measure-phases": {"POST": "project_edit"},
    "measure-phase": {"DELETE": "project_edit"},
    "measure-analysis": {"GET": "read"},
    "measure-chart": {"GET": "read"},
    "measure-csv": {"GET": "read"},
    "measure-xlsx": {"GET": "read"},
    "measure-note-list": {"GET": "read", "POST": "project_edit"},
    "measure-note-detail": {"GET": "read", "PATCH": "project_edit", "DELETE": "project_edit"},
    "data-point-list": {"GET": "read", "POST": "bulk"},
    # The learning system: a programme led by Wessex (no programme leads), an entry Wessex
    # owns, and an adoption by a Wessex organisation.
    "programme-list": {"GET": "read", "POST": "region_write"},
    "programme-detail": {"GET": "read", "PATCH": "region_write"},
    **{
        f"programme-{sub}": {"GET": "read", "POST": "region_write"}
        for sub in ("members", "sessions", "measures")
    },
    "programme-member": {"PATCH": "region_write"},
    "change-list": {"GET": "read", "POST": "region_write"},
    "change-detail": {"GET": "read", "PATCH": "region_write"},
    "change-resources": {"POST": "region_write"},
    "adoption-list": {"GET": "read", "POST": "region_write"},
    "adoption-detail": {"GET": "read", "PATCH": "region_write"},
    "adoption-bulk": {"POST": "adoption_bulk"},
    **STORY_ROUTES,
}
EXPECTED = {
    (name, method, role): OUTCOMES[policy][role]
    for name, methods in POLICY.items()
    for method, policy in methods.items()
    for role in ROLES
}

WATCHED = (
    Project,
    ProjectMember,
    PrimaryDriver,
    SecondaryDriver,
    ChangeIdea,
    PDSACycle,
    Measure,
    DataPoint,
    Event,
    Rebase,
    PointNote,
    Organisation,
    TrainingRecord,
    ChampionRecruitment,
    OrganisationEngagement,
    CultureAssessment,
    Programme,
    ProgrammeMember,
    LearningSession,
    SharedMeasure,
    ChangeEntry,
    ChangeResource,
    Adoption,
    ProjectLearning,
    ReportedOutcome,
    Story,
)


def api_routes():
    """(url name, methods) for every route under /api/v1/, read from the resolver."""
    api = next(p for p in get_resolver().url_patterns if str(p.pattern) == "api/v1/")
    yield from _walk(api.url_patterns)


def _walk(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns)
        else:
            yield pattern.name, _methods(pattern.callback), pattern.pattern.regex.groupindex


def _methods(callback) -> list[str]:
    view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if view_class is None:
        return ["GET", "POST"]  # a plain function: the catch-all answers any method
    if getattr(callback, "actions", None):
        return sorted(
            method.upper()
            for method in callback.actions  # DRF adds head itself
            if method in view_class.http_method_names and method != "head"
        )
    return sorted(
        m.upper()
        for m in view_class.http_method_names
        if m not in ("head", "options") and hasattr(view_class, m)
    )


def fingerprint():
    """Rows and history rows of every table an API call could change."""
    return tuple((model.objects.count(), model.history.count()) for model in WATCHED)


PHASE_START = date(2016, 4, 18)  # a phase to remove (new phases start on 11 April)


class Matrix:
    """The URL, body and client for each (url name, method, role)."""

    def __init__(self, world, people, spare_idea, note, adoption=None, member=None):
        self.world, self.people, self.spare_idea, self.note = world, people, spare_idea, note
        self.adoption, self.member = adoption, member
        self.clients = {role: self._client(role) for role in ROLES}

    def _client(self, role):
        client = APIClient()
        if role == "partner":
            client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(self.people[role])}")
        elif role != "anonymous":
            client.force_login(self.people[role])
        return client

    def url(self, name, method, groups) -> str:
        w = self.world
        pk = {
            "organisation": w.organisation.pk,
            "project": w.project.pk,
            "primary-driver": w.primary_driver.pk,
            "secondary-driver": w.secondary_driver.pk,
            "change-idea": self.spare_idea.pk if method == "DELETE" else w.change_idea.pk,
            "pdsa-cycle": w.cycle.pk,
            "activity-training": w.training.pk,
            "activity-champions": w.champions.pk,
            "activity-engagement": w.engagement.pk,
            "activity-culture": w.culture.pk,
            "measure": w.events_measure.pk if name == "measure-events" else w.measure.pk,
            "adoption": getattr(self.adoption, "pk", None),
        }
        base = name.rsplit("-", 1)[0].removesuffix("-team")
        values = {
            "pk": pk.get(base),
            "slug": {"programme": LEARNING_PROGRAMME, "change": LEARNING_CHANGE}.get(
                base, "wessex"
            ),
            "image_format": "svg",
            "id_or_ods": w.organisation.pk,
            "username": self.people["frontline"].username,
            "measure_id": w.measure.pk,
            "note_id": self.note.pk,
            "start": PHASE_START.isoformat(),
            "project": getattr(self.member, "project_id", None),
        }
        if name in STORY_ROUTES:
            values |= story_values(self.stories, w, name)
        return reverse(name, kwargs={key: values[key] for key in groups})

    def body(self, name, method) -> dict | None:
        return {**bodies(self.world, self.people), **story_bodies(self.world)}.get((name, method))


def call(matrix, name, method, groups, role):
    """The outcome of one call, and whether a refused call changed anything."""
    cache.clear()  # throttles: each call starts with an allowance
    url = matrix.url(name, method, groups)
    with transaction.atomic():
        before = fingerprint()
        response = matrix.clients[role].generic(
            method, url, _json(matrix.body(name, method)), content_type="application/json"
        )
        changed = fingerprint() != before
        transaction.set_rollback(True)
    outcome = OK if 200 <= response.status_code < 300 else response.status_code
    return outcome, response, changed


def _json(body) -> str:
    return json.dumps(body) if body is not None else ""


@pytest.fixture
def matrix(
    world, frontline_member, wessex_lead, oxford_lead, national_viewer, national_admin, partner
):
    people = {
        "frontline": frontline_member,
        "wessex_lead": wessex_lead,
        "oxford_lead": oxford_lead,
        "national_viewer": national_viewer,
        "national_admin": national_admin,
        "partner": partner,
    }
    OrganisationFactory(ods_code="RXY")  # for a new engagement
    note = PointNote.objects.create(measure=world.measure, period=date(2016, 4, 4), text="Agency")
    Rebase.objects.create(measure=world.measure, start=PHASE_START, reason="Falls bundle")
    programme = ProgrammeFactory(slug=LEARNING_PROGRAMME, lead_regions=["wessex"])
    member = ProgrammeMemberFactory(programme=programme, project=ProjectFactory())
    entry = ChangeEntryFactory(slug=LEARNING_CHANGE, owner_region=world.project.lead_region)
    adoption = AdoptionFactory(organisation=world.organisation, entry=entry)
    idea = ChangeIdeaFactory(project=world.project)
    matrix = Matrix(world, people, idea, note, adoption, member)
    matrix.stories = story_world(world)
    return matrix


def test_the_policy_table_covers_exactly_the_api_routes():
    found = {(name, method) for name, methods, _ in api_routes() for method in methods}
    written = {(name, method) for name, methods in POLICY.items() for method in methods}
    assert sorted(found - written) == [], "routes with no expected outcome"
    assert sorted(written - found) == [], "expected outcomes for routes that do not exist"


def test_every_route_method_and_role_answers_as_the_policy_says(matrix, capsys):
    results, problems = Counter(), []
    for name, methods, groups in api_routes():
        for method in methods:
            for role in ROLES:
                outcome, response, changed = call(matrix, name, method, groups, role)
                results[(role, outcome)] += 1
                expected = EXPECTED[(name, method, role)]
                if outcome != expected or (outcome != OK and changed):
                    problems.append(
                        f"{method} {name} as {role}: got {outcome}, expected "
                        f"{expected}{' and it changed data' if changed else ''}: "
                        f"{response.content[:300]!r}"
                    )
                if isinstance(outcome, int) and outcome >= 500:
                    problems.append(f"{method} {name} as {role}: server error")
    with capsys.disabled():
        print(_summary(results))
    assert problems == []


def _summary(results: Counter) -> str:
    outcomes = sorted({outcome for _, outcome in results}, key=str)
    total = sum(results.values())
    lines = [
        f"\nAPI authorisation matrix: {total // len(ROLES)} route-methods × {len(ROLES)} "
        f"roles = {total} requests",
        f"{'role':<16}" + "".join(f"{str(o):>6}" for o in outcomes),
    ]
    for role in ROLES:
        lines.append(f"{role:<16}" + "".join(f"{results[(role, o)]:>6}" for o in outcomes))
    totals = Counter()
    for (_, outcome), count in results.items():
        totals[outcome] += count
    lines.append(f"{'all':<16}" + "".join(f"{totals[o]:>6}" for o in outcomes))
    return "\n".join(lines)


def test_the_catch_all_answers_any_address_with_a_json_404(partner_api):
    response = partner_api.get("/api/v1/a/b/c/")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_a_refused_write_really_changes_nothing(matrix):
    """The fingerprint notices a change (so the matrix's 'changed nothing' check can fail)."""
    with transaction.atomic():
        before = fingerprint()
        response = matrix.clients["partner"].patch(
            f"/api/v1/projects/{matrix.world.project.pk}/", {"title": "Changed"}
        )
        assert response.status_code == 200 and fingerprint() != before
        transaction.set_rollback(True)
