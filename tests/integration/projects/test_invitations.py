"""Invitations by email: who may invite, the email, accepting (once, in time), resending and
cancelling, and what happens when the person already has an account."""

import html
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from projects.invitations.services import invitation_cancel, invitation_resend, invite
from projects.invitations.tokens import digest
from projects.models import Invitation, ProjectRole
from regions.models import User
from tests.factories import ProjectFactory, ProjectMemberFactory, UserFactory, region

SITE = "http://testserver"
SAM = {"first_name": "Sam", "last_name": "New"}
ANN = {"first_name": "Ann", "last_name": "Smith"}
NEW_PASSWORD = "wessex-falls-2016-ward"


@pytest.fixture
def wessex_project(db):
    return ProjectFactory(title="Falls on Wessex wards", lead_region=region("wessex"))


@pytest.fixture
def project_lead(wessex_project):
    lead = UserFactory(username="project.lead", first_name="Priya", last_name="Lead")
    ProjectMemberFactory(project=wessex_project, user=lead, role=ProjectRole.LEAD)
    return lead


@pytest.fixture
def team_member(frontline_member, wessex_project):
    ProjectMemberFactory(project=wessex_project, user=frontline_member)
    return frontline_member


def _invite(by, project=None, region=None, email="sam.new@nhs.example", **extra):
    return invite(
        by=by,
        email=email,
        first_name="Sam",
        last_name="New",
        site_url=SITE,
        project=project,
        region=region,
        **extra,
    )


def _link(message) -> str:
    return re.search(r"http://testserver(/account/invitations/\S+/)", message.body).group(1)


def _accept(client, link, username="sam.new", password=NEW_PASSWORD):
    return client.post(
        link, {"username": username, "password1": password, "password2": password}, follow=True
    )


def _make_it_expire(invitation):
    """As if sent INVITATION_DAYS and a minute ago."""
    now = timezone.now()
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=now - timedelta(days=15), expires_at=now - timedelta(minutes=1)
    )


def _text(response) -> str:
    return html.unescape(response.content.decode())


# Who may invite ------------------------------------------------------------------------------


@pytest.mark.parametrize("inviter", ["project_lead", "wessex_lead", "national_admin"])
def test_project_leads_regional_leads_and_admins_invite_to_a_team(
    request, django_capture_on_commit_callbacks, wessex_project, inviter
):
    with django_capture_on_commit_callbacks(execute=True):
        invited = _invite(request.getfixturevalue(inviter), project=wessex_project)
    assert invited.invitation.project == wessex_project and invited.member is None
    assert len(mail.outbox) == 1


def test_a_team_member_who_is_not_a_lead_cannot_invite(team_member, wessex_project):
    with pytest.raises(PermissionDenied, match="Only the project's leads, leads of its regions"):
        _invite(team_member, project=wessex_project)
    assert not Invitation.objects.exists()


def test_another_regions_lead_cannot_invite_to_the_team_or_the_region(oxford_lead, wessex_project):
    with pytest.raises(PermissionDenied):
        _invite(oxford_lead, project=wessex_project)
    with pytest.raises(PermissionDenied, match="Only leads of Wessex and national admins"):
        _invite(oxford_lead, region=region("wessex"))
    assert not Invitation.objects.exists()


def test_a_participating_regions_lead_invites_to_the_team(oxford_lead, wessex_project):
    wessex_project.participating_regions.add(region("oxford"))
    assert _invite(oxford_lead, project=wessex_project).invitation


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("project_lead", 200),
        ("wessex_lead", 200),
        ("national_admin", 200),
        ("team_member", 403),
        ("oxford_lead", 403),
        ("national_viewer", 403),
    ],
)
def test_only_those_who_may_invite_open_the_project_invite_page(
    request, client_for, wessex_project, role, status
):
    client = client_for(request.getfixturevalue(role))
    response = client.get(reverse("invitations:project", args=[wessex_project.pk]))
    assert response.status_code == status
    team_page = _text(client.get(reverse("projects:team", args=[wessex_project.pk])))
    assert ("Invite someone who is not yet on the service" in team_page) == (status == 200)


def test_a_refused_invitation_post_saves_and_sends_nothing(client_for, team_member, wessex_project):
    response = client_for(team_member).post(
        reverse("invitations:project", args=[wessex_project.pk]),
        {"first_name": "Sam", "last_name": "New", "email": "sam@nhs.example", "role": "member"},
    )
    assert response.status_code == 403
    assert "Only the project's leads" in _text(response)
    assert not Invitation.objects.exists() and not mail.outbox


@pytest.mark.parametrize(("role", "status"), [("wessex_lead", 200), ("oxford_lead", 403)])
def test_only_a_regions_leads_open_its_invite_page(db, request, client_for, role, status):
    client = client_for(request.getfixturevalue(role))
    assert client.get(reverse("invitations:region", args=["wessex"])).status_code == status
    region_page = _text(client.get(reverse("regions:detail", args=["wessex"])))
    assert ("Invite regional leads" in region_page) == (status == 200)


# The email -----------------------------------------------------------------------------------


def test_the_email_names_the_service_the_inviter_the_team_and_the_deadline(
    client_for, django_capture_on_commit_callbacks, project_lead, wessex_project
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(project_lead).post(
            reverse("invitations:project", args=[wessex_project.pk]),
            {
                "first_name": "Sam",
                "last_name": "New",
                "email": "Sam.New@NHS.example",
                "role": "lead",
            },
            follow=True,
        )
    assert "We emailed an invitation to sam.new@nhs.example" in _text(response)
    [message] = mail.outbox
    invitation = Invitation.objects.get()
    assert message.to == ["sam.new@nhs.example"]
    assert message.subject == "You are invited to the PSC QI Tracker"
    assert "Hello Sam," in message.body
    assert "Priya Lead has invited you to the PSC QI Tracker" in message.body
    assert "the team of “Falls on Wessex wards” as a project lead" in message.body
    assert f"until {timezone.localtime(invitation.expires_at):%-d %B %Y}" in message.body
    token = _link(message).rstrip("/").rsplit("/", 1)[1]
    assert invitation.token_digest == digest(token) and token not in invitation.token_digest
    assert (invitation.project_role, invitation.invited_by) == (ProjectRole.LEAD, project_lead)


def test_invitations_last_invitation_days(settings, wessex_lead, wessex_project):
    settings.INVITATION_DAYS = 3
    invitation = _invite(wessex_lead, project=wessex_project).invitation
    assert invitation.expires_at - invitation.created_at == pytest.approx(
        timedelta(days=3), abs=timedelta(seconds=5)
    )


def test_the_default_is_fourteen_days(wessex_lead, wessex_project):
    invitation = _invite(wessex_lead, project=wessex_project).invitation
    assert (invitation.expires_at - invitation.created_at).days in (13, 14)


# Accepting -----------------------------------------------------------------------------------


def test_accepting_makes_the_account_joins_the_team_and_signs_in(
    client, django_capture_on_commit_callbacks, project_lead, wessex_project
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(project_lead, project=wessex_project)
    link = _link(mail.outbox[0])
    form_page = _text(client.get(link))
    assert "Priya Lead has invited you, Sam New" in form_page
    assert 'value="sam.new@nhs.example"' in form_page  # the username, from the email
    response = _accept(client, link)
    user = User.objects.get(username="sam.new")
    assert response.wsgi_request.user == user
    assert response.redirect_chain[-1][0] == wessex_project.get_absolute_url()
    assert "You have joined the team of “Falls on Wessex wards”" in _text(response)
    assert (user.email, user.first_name, user.last_name) == ("sam.new@nhs.example", "Sam", "New")
    assert wessex_project.members.get(user=user).role == ProjectRole.MEMBER
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == user and invitation.accepted_at
    client.logout()
    signed_in = client.post(reverse("login"), {"username": "sam.new", "password": NEW_PASSWORD})
    assert signed_in.wsgi_request.user == user


def test_a_region_invitation_makes_a_regional_lead(client, national_admin):
    with_commit = _invite(national_admin, region=region("wessex"))
    assert with_commit.invitation.region_role == "lead"
    token = "made-for-the-test"
    Invitation.objects.filter(pk=with_commit.invitation.pk).update(token_digest=digest(token))
    response = _accept(client, reverse("invitations:accept", args=[token]))
    user = User.objects.get(username="sam.new")
    assert list(user.led_regions.all()) == [region("wessex")]
    assert response.redirect_chain[-1][0] == region("wessex").get_absolute_url()


def test_an_invitation_works_once(client, django_capture_on_commit_callbacks, wessex_lead):
    project = ProjectFactory(lead_region=region("wessex"))
    with django_capture_on_commit_callbacks(execute=True):
        _invite(wessex_lead, project=project)
    link = _link(mail.outbox[0])
    _accept(client, link)
    client.logout()
    again = client.get(link)
    assert again.status_code == 410
    assert "This invitation has already been used" in _text(again)
    second = _accept(client, link, username="someone.else")
    assert "already been used" in _text(second)
    assert not User.objects.filter(username="someone.else").exists()


def test_an_expired_invitation_says_so_and_makes_no_account(
    client, django_capture_on_commit_callbacks, wessex_lead, wessex_project
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = _invite(wessex_lead, project=wessex_project).invitation
    _make_it_expire(invitation)
    link = _link(mail.outbox[0])
    page = client.get(link)
    assert page.status_code == 410
    assert "This invitation has expired" in _text(page)
    assert f"Ask {wessex_lead} to send the" in _text(page)
    _accept(client, link)
    assert not User.objects.filter(email="sam.new@nhs.example").exists()


def test_an_unknown_link_says_it_does_not_work(client, db):
    response = client.get(reverse("invitations:accept", args=["not-a-real-token"]))
    assert response.status_code == 404
    assert "This invitation link does not work" in _text(response)


def test_the_password_must_pass_the_validators(
    client, django_capture_on_commit_callbacks, wessex_lead, wessex_project
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(wessex_lead, project=wessex_project)
    link = _link(mail.outbox[0])
    weak = _accept(client, link, password="sam.new@nhs")
    assert "The password is too similar" in _text(weak)
    taken = _accept(client, link, username=wessex_lead.username.upper())
    assert f"The username {wessex_lead.username.upper()} is taken" in _text(taken)
    assert not User.objects.filter(email="sam.new@nhs.example").exists()


def test_accepting_applies_every_invitation_pending_for_the_address(
    client, django_capture_on_commit_callbacks, wessex_lead, wessex_project
):
    other = ProjectFactory(title="Sepsis in Southampton", lead_region=region("wessex"))
    with django_capture_on_commit_callbacks(execute=True):
        _invite(wessex_lead, project=wessex_project)
        _invite(wessex_lead, project=other, project_role=ProjectRole.LEAD)
        _invite(wessex_lead, region=region("wessex"))
    first, second, _ = (_link(message) for message in mail.outbox)
    response = _accept(client, first)
    user = User.objects.get(username="sam.new")
    assert set(user.project_memberships.values_list("project__title", "role")) == {
        ("Falls on Wessex wards", "member"),
        ("Sepsis in Southampton", "lead"),
    }
    assert list(user.led_regions.all()) == [region("wessex")]
    assert "and Wessex as a regional lead" in _text(response)
    assert not Invitation.objects.filter(accepted_at__isnull=True).exists()
    client.logout()
    assert client.get(second).status_code == 410


# Someone who already has an account -----------------------------------------------------------


def test_a_project_invitation_to_an_existing_account_adds_them_at_once(
    client_for, project_lead, wessex_project
):
    existing = UserFactory(username="ann.smith", email="Ann.Smith@nhs.example")
    response = client_for(project_lead).post(
        reverse("invitations:project", args=[wessex_project.pk]),
        {
            "first_name": "Ann",
            "last_name": "Smith",
            "email": "ann.smith@NHS.example",
            "role": "member",
        },
        follow=True,
    )
    assert "already has an account, so they joined the team" in _text(response)
    assert wessex_project.members.filter(user=existing).exists()
    assert not Invitation.objects.exists() and not mail.outbox


def test_a_region_invitation_to_an_existing_account_is_refused_with_what_to_do(
    client_for, wessex_lead
):
    UserFactory(username="ann.smith", email="ann.smith@nhs.example")
    response = client_for(wessex_lead).post(
        reverse("invitations:region", args=["wessex"]),
        {"first_name": "Ann", "last_name": "Smith", "email": "ann.smith@nhs.example"},
    )
    assert response.status_code == 200
    assert "already has an account (ann.smith): ask a national admin" in _text(response)
    assert not Invitation.objects.exists() and not mail.outbox


def test_a_second_invitation_while_one_is_pending_is_refused(wessex_lead, wessex_project):
    _invite(wessex_lead, project=wessex_project)
    with pytest.raises(ValidationError, match="has already been invited: resend"):
        _invite(wessex_lead, project=wessex_project, email="SAM.NEW@nhs.example")


# Resending and cancelling ---------------------------------------------------------------------


def test_sending_again_gives_a_new_link_and_a_new_deadline(
    client, django_capture_on_commit_callbacks, wessex_lead, wessex_project
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = _invite(wessex_lead, project=wessex_project).invitation
    _make_it_expire(invitation)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_resend(by=wessex_lead, invitation=invitation, site_url=SITE)
    old, new = (_link(message) for message in mail.outbox)
    assert old != new
    invitation.refresh_from_db()
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
    assert client.get(old).status_code == 404
    _accept(client, new)
    assert User.objects.filter(username="sam.new").exists()


def test_a_cancelled_invitation_no_longer_works(
    client, django_capture_on_commit_callbacks, wessex_lead, wessex_project
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = _invite(wessex_lead, project=wessex_project).invitation
    invitation_cancel(by=wessex_lead, invitation=invitation)
    response = client.get(_link(mail.outbox[0]))
    assert response.status_code == 410
    assert "This invitation was cancelled" in _text(response)
    with pytest.raises(ValidationError, match="has been cancelled"):
        invitation_resend(by=wessex_lead, invitation=invitation, site_url=SITE)


def test_the_team_page_lists_invitations_not_yet_accepted_with_resend_and_cancel(
    client_for, django_capture_on_commit_callbacks, project_lead, wessex_project
):
    invitation = _invite(project_lead, project=wessex_project).invitation
    client = client_for(project_lead)
    page = _text(client.get(reverse("projects:team", args=[wessex_project.pk])))
    assert "Sam New" in page and "sam.new@nhs.example" in page
    assert reverse("invitations:resend", args=[invitation.pk]) in page
    for action in ("resend", "cancel"):
        form = page.split(f'action="{reverse(f"invitations:{action}", args=[invitation.pk])}"')[1]
        assert form.split("</form>")[0].count('name="csrfmiddlewaretoken"') == 1
    with django_capture_on_commit_callbacks(execute=True):
        resent = client.post(reverse("invitations:resend", args=[invitation.pk]), follow=True)
    assert "We emailed sam.new@nhs.example a new link" in _text(resent)
    assert len(mail.outbox) == 1
    cancelled = client.post(reverse("invitations:cancel", args=[invitation.pk]), follow=True)
    assert "The invitation to sam.new@nhs.example was cancelled" in _text(cancelled)
    assert "sam.new@nhs.example" not in _text(
        client.get(reverse("projects:team", args=[wessex_project.pk]))
    )


@pytest.mark.parametrize("action", ["resend", "cancel"])
@pytest.mark.parametrize("role", ["team_member", "oxford_lead", "national_viewer"])
def test_others_cannot_see_resend_or_cancel_an_invitation(
    request, client_for, wessex_lead, wessex_project, role, action
):
    invitation = _invite(wessex_lead, project=wessex_project).invitation
    client = client_for(request.getfixturevalue(role))
    assert client.post(reverse(f"invitations:{action}", args=[invitation.pk])).status_code == 404
    page = _text(client.get(reverse("projects:team", args=[wessex_project.pk])))
    assert "sam.new@nhs.example" not in page
    invitation.refresh_from_db()
    assert invitation.cancelled_at is None and not mail.outbox
    with pytest.raises(PermissionDenied):
        invitation_cancel(by=request.getfixturevalue(role), invitation=invitation)


def test_the_region_page_lists_its_invitations(client_for, wessex_lead, oxford_lead):
    _invite(wessex_lead, region=region("wessex"))
    _invite(oxford_lead, region=region("oxford"), email="olly@nhs.example")
    page = _text(client_for(wessex_lead).get(reverse("invitations:region", args=["wessex"])))
    assert "sam.new@nhs.example" in page and "Wessex as a regional lead" in page
    assert "olly@nhs.example" not in page
