"""Every page that writes learning, outcomes or a story's steps, tried as every role: who is
refused writes nothing.

The project is led by Wessex. Refused everywhere: anyone signed out (sent to sign in), a
national viewer, Oxford's lead and a frontline user not on the team (403). A team member who is
not project lead writes the learning and outcomes (and may agree to be named) but cannot
submit; the project lead submits and withdraws but cannot publish; Wessex's lead publishes.
"""

import pytest
from django.conf import settings
from django.urls import reverse

from learning.models import ProjectLearning, ReportedOutcome, Story, StoryConsent, StoryStep
from projects.models import ProjectRole
from tests.factories import (
    MeasureFactory,
    ProjectFactory,
    ProjectLearningFactory,
    ProjectMemberFactory,
    ReportedOutcomeFactory,
    StoryFactory,
    region,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    project = ProjectFactory(title="Matrix project", lead_region=region("wessex"))
    lead = ProjectMemberFactory(project=project, role=ProjectRole.LEAD).user
    member = ProjectMemberFactory(project=project, role=ProjectRole.MEMBER).user
    ProjectLearningFactory(project=project, summary="Before")
    outcome = ReportedOutcomeFactory(project=project, amount=100)
    measure = MeasureFactory(project=project)
    return {
        "project": project,
        "project_lead": lead,
        "team_member": member,
        "outcome": outcome,
        "measure": measure,
    }


def _at(world, status):
    return StoryFactory(project=world["project"], status=status)


def _pk(world):
    return [world["project"].pk]


# name: (url, set-up before, the post, was it written?)
PAGES = {
    "learning": (
        lambda w: reverse("learning:project_learning", args=_pk(w)),
        lambda w: None,
        lambda w: {"summary": "After"},
        lambda w: ProjectLearning.objects.get().summary == "After",
    ),
    "outcome create": (
        lambda w: reverse("learning:outcome_create", args=_pk(w)),
        lambda w: None,
        lambda w: {"kind": "saving", "description": "New", "cash_releasing": "unknown"},
        lambda w: ReportedOutcome.objects.filter(description="New").exists(),
    ),
    "outcome update": (
        lambda w: reverse("learning:outcome_update", args=[w["outcome"].pk]),
        lambda w: None,
        lambda w: {"kind": "saving", "description": "Changed", "cash_releasing": "yes"},
        lambda w: ReportedOutcome.objects.filter(description="Changed").exists(),
    ),
    "outcome delete": (
        lambda w: reverse("learning:outcome_delete", args=[w["outcome"].pk]),
        lambda w: None,
        lambda w: {},
        lambda w: not ReportedOutcome.objects.exists(),
    ),
    "submit": (
        lambda w: reverse("learning:story_submit", args=_pk(w)),
        lambda w: None,
        lambda w: {"contact": "", "comment": ""},
        lambda w: Story.objects.filter(status="submitted").exists(),
    ),
    "withdraw": (
        lambda w: reverse("learning:story_withdraw", args=_pk(w)),
        lambda w: _at(w, "published"),
        lambda w: {"reason": "Because"},
        lambda w: Story.objects.get().status == "withdrawn",
    ),
    "consent": (
        lambda w: reverse("learning:story_consent", args=_pk(w)),
        lambda w: None,
        lambda w: {"agree": "yes"},
        lambda w: StoryConsent.objects.exists(),
    ),
    "publish": (
        lambda w: reverse("learning:story_review", args=_pk(w)),
        lambda w: _at(w, "submitted"),
        lambda w: {"measures": [w["measure"].pk], "decision": "publish"},
        lambda w: Story.objects.get().status == "published",
    ),
    "send back": (
        lambda w: reverse("learning:story_review", args=_pk(w)),
        lambda w: _at(w, "submitted"),
        lambda w: {"comment": "Not yet", "decision": "return"},
        lambda w: Story.objects.get().status == "returned",
    ),
}
# GET is a read page for every signed-in user (the form only for writers).
READABLE = {"learning"}
REFUSED = ["anonymous", "national_viewer", "oxford_lead", "frontline_member"]
ALLOWED = {
    "team_member": {"learning", "outcome create", "outcome update", "outcome delete", "consent"},
    "project_lead": {
        "learning",
        "outcome create",
        "outcome update",
        "outcome delete",
        "submit",
        "withdraw",
        "consent",
    },
    "wessex_lead": {
        "learning",
        "outcome create",
        "outcome update",
        "outcome delete",
        "submit",
        "withdraw",
        "publish",
        "send back",
    },
}


def _user(name, request, world):
    if name == "anonymous":
        return None
    if name in world:
        return world[name]
    return request.getfixturevalue(name)


def _client(client, user):
    if user is not None:
        client.force_login(user)
    return client


def _assert_refused(response, user):
    if user is None:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", REFUSED)
def test_refused_roles_write_nothing(client, request, world, page, role):
    url, before, post, written = PAGES[page]
    before(world)
    user = _user(role, request, world)
    client = _client(client, user)
    got = client.get(url(world))
    if page in READABLE and user is not None:
        assert got.status_code == 200 and "Save the learning" not in got.content.decode()
    else:
        _assert_refused(got, user)
    _assert_refused(client.post(url(world), post(world)), user)
    assert not written(world)
    assert not StoryStep.objects.exists()


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", list(ALLOWED))
def test_the_matrix_of_who_else_may_write(client, request, world, page, role):
    url, before, post, written = PAGES[page]
    before(world)
    user = _user(role, request, world)
    client = _client(client, user)
    got = client.get(url(world))
    sent = client.post(url(world), post(world))
    if page in ALLOWED[role]:
        assert got.status_code == 200
        assert sent.status_code == 302, sent.content.decode()[-2000:]
        assert written(world)
    else:
        if page not in READABLE:
            assert got.status_code == 403
        assert sent.status_code == 403
        assert not written(world)


@pytest.mark.parametrize(
    "name", ["learning:story", "learning:project_learning", "learning:stories_to_review"]
)
def test_read_pages_need_sign_in(client, world, name):
    args = [] if name == "learning:stories_to_review" else _pk(world)
    response = client.get(reverse(name, args=args))
    _assert_refused(response, None)


@pytest.mark.parametrize("role", ["national_viewer", "oxford_lead", "frontline_member"])
def test_read_pages_are_open_to_every_signed_in_user(client, request, world, role):
    client = _client(client, _user(role, request, world))
    for url in (
        reverse("learning:story", args=_pk(world)),
        reverse("learning:project_learning", args=_pk(world)),
        reverse("learning:stories_to_review"),
    ):
        assert client.get(url).status_code == 200
