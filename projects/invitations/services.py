"""Inviting someone to the service by email, and resending or cancelling an invitation.

Each checks permission (`check_may_invite`) whoever calls it; the email goes once the transaction
commits, with a link holding a token that is stored only as its digest. `site_url` is where the
service is reached (`https://qi.example.nhs.uk`), for the link.
"""

from dataclasses import dataclass
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from projects.invitations import emails, tokens
from projects.models import Invitation, Project, ProjectMember, ProjectRole, RegionRole
from projects.models.invitation import invitation_expiry
from projects.services.permissions import check_may_invite
from projects.services.project import member_add
from regions.models import Region, User


@dataclass(frozen=True)
class Invited:
    """What `invite` did: emailed an invitation, or added someone who already has an account to
    the project's team."""

    invitation: Invitation | None = None
    member: ProjectMember | None = None


@transaction.atomic
def invite(
    *,
    by: User,
    email: str,
    first_name: str,
    last_name: str,
    site_url: str,
    project: Project | None = None,
    project_role: str = ProjectRole.MEMBER,
    region: Region | None = None,
    region_role: str = RegionRole.LEAD,
) -> Invited:
    """Invites `email` to `project`'s team as `project_role` and/or to lead `region`. Someone
    who already has an account is added to the project's team at once instead; for a region,
    refused (a national admin gives an existing account a region in the back office)."""
    if project is None and region is None:
        raise ValueError("An invitation is to a project, a region or both.")
    check_may_invite(by, project=project, region=region)
    email = email.strip().lower()
    account = _existing_account(email, project, region)
    if account is not None:
        return Invited(member=member_add(by=by, project=project, user=account, role=project_role))
    _refuse_a_second_pending(email, project, region)
    token, token_digest = tokens.new_token()
    invitation = Invitation(
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        invited_by=by,
        project=project,
        project_role=project_role if project else "",
        region=region,
        region_role=region_role if region else "",
        token_digest=token_digest,
    )
    invitation.full_clean()
    invitation.save()
    _email_after_commit(invitation, token, site_url)
    return Invited(invitation=invitation)


def _existing_account(email: str, project: Project | None, region: Region | None) -> User | None:
    """The one active account to add to the team instead, None if there is no account, or a
    refusal saying what to do instead."""
    accounts = list(User.objects.filter(email__iexact=email)[:2])
    if not accounts:
        return None
    if len(accounts) > 1:
        problem = f"More than one account uses {email}: search for the person and add them"
    elif not accounts[0].is_active:
        problem = f"The account for {email} is switched off: ask a national admin to restore it"
    elif region is not None:
        problem = (
            f"{email} already has an account ({accounts[0].username}): ask a national admin to "
            f"make them a lead of {region.name}"
        )
    else:
        return accounts[0]
    raise ValidationError({"email": problem})


def _refuse_a_second_pending(email: str, project: Project | None, region: Region | None):
    if Invitation.objects.pending().filter(email=email, project=project, region=region).exists():
        raise ValidationError(
            {
                "email": f"{email} has already been invited: resend that invitation from the "
                f"list of pending invitations instead"
            }
        )


def _email_after_commit(invitation: Invitation, token: str, site_url: str) -> None:
    transaction.on_commit(partial(emails.send_invitation, invitation, token, site_url))


@transaction.atomic
def invitation_resend(*, by: User, invitation: Invitation, site_url: str) -> Invitation:
    """Emails a new link (the old one stops working) and starts INVITATION_DAYS again."""
    invitation = _locked(invitation)
    check_may_invite(by, project=invitation.project, region=invitation.region)
    if invitation.accepted_at or invitation.cancelled_at:
        raise ValidationError(
            f"The invitation to {invitation.email} has been {invitation.state.label.lower()}, "
            f"so it cannot be sent again"
        )
    token, invitation.token_digest = tokens.new_token()
    invitation.expires_at = invitation_expiry()
    invitation.save(update_fields=["token_digest", "expires_at"])
    _email_after_commit(invitation, token, site_url)
    return invitation


@transaction.atomic
def invitation_cancel(*, by: User, invitation: Invitation) -> Invitation:
    """The link stops working. Cancelling twice is harmless; an accepted one cannot be."""
    invitation = _locked(invitation)
    check_may_invite(by, project=invitation.project, region=invitation.region)
    if invitation.accepted_at:
        raise ValidationError(
            f"{invitation.full_name} has already accepted: remove them from the team instead"
        )
    if invitation.cancelled_at is None:
        invitation.cancelled_at = timezone.now()
        invitation.save(update_fields=["cancelled_at"])
    return invitation


def _locked(invitation: Invitation) -> Invitation:
    return (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("project", "region")
        .get(pk=invitation.pk)
    )
