"""Accepting an invitation: the invited person chooses a username and password, the account is
made and they join what they were invited to.

Every invitation still pending for the same address is applied at once: following the link
shows the address is theirs, and the other links would otherwise lead to an account that
already exists.
"""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from projects import access
from projects.invitations.tokens import digest
from projects.models import Invitation, InvitationState, ProjectMember
from regions.models import User

UNKNOWN = "unknown"
ACCOUNT_EXISTS = "account_exists"


class InvitationUnavailable(Exception):
    """The link does not work: `reason` is UNKNOWN, ACCOUNT_EXISTS or the invitation's state
    (expired, accepted, cancelled)."""

    def __init__(self, reason: str, invitation: Invitation | None = None):
        super().__init__(reason)
        self.reason, self.invitation = reason, invitation


def _check_open(invitation: Invitation | None) -> Invitation:
    if invitation is None:
        raise InvitationUnavailable(UNKNOWN)
    if invitation.state != InvitationState.PENDING:
        raise InvitationUnavailable(invitation.state, invitation)
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise InvitationUnavailable(ACCOUNT_EXISTS, invitation)
    return invitation


def open_invitation(token: str) -> Invitation:
    """The pending invitation with this token, or InvitationUnavailable saying why not."""
    return _check_open(access.invitation_with_token(token))


def new_person(invitation: Invitation, username: str = "") -> User:
    """The account the invitation would make, not saved: the password validators compare the
    password with its name and email."""
    return User(
        username=username,
        email=invitation.email,
        first_name=invitation.first_name,
        last_name=invitation.last_name,
    )


@transaction.atomic
def invitation_accept(*, token: str, username: str, password: str) -> tuple[User, list]:
    """Makes the account and applies the invitations; returns the user and those invitations."""
    locked = Invitation.objects.select_for_update().filter(token_digest=digest(token)).first()
    user = new_person(_check_open(locked), username)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(f"The username {username} is taken: choose another")
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    return user, _apply_every_pending(user)


def _apply_every_pending(user: User) -> list[Invitation]:
    invitations = list(
        Invitation.objects.select_for_update(of=("self",))
        .pending()
        .filter(email=user.email)
        .select_related("project", "region", "invited_by")
        .order_by("created_at")
    )
    joined = set()
    for invitation in invitations:
        if invitation.project_id and invitation.project_id not in joined:
            _join_team(user, invitation)
            joined.add(invitation.project_id)
        if invitation.region_id:
            user.led_regions.add(invitation.region)
        invitation.accepted_at, invitation.accepted_by = timezone.now(), user
    Invitation.objects.bulk_update(invitations, ["accepted_at", "accepted_by"])
    return invitations


def _join_team(user: User, invitation: Invitation) -> None:
    member = ProjectMember(project=invitation.project, user=user, role=invitation.project_role)
    member._history_user = invitation.invited_by  # the lead who let them in
    member.save()
