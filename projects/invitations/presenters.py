"""Invitations in words: what one is to, and the rows of a list of them."""

from django.utils import timezone

from projects.models import Invitation, InvitationState


def invited_to(invitation: Invitation) -> str:
    """'the team of “Falls on Wessex wards” as a team member', 'Wessex as a regional lead', or
    both joined by 'and'."""
    parts = []
    if invitation.project_id:
        role = invitation.get_project_role_display().lower()
        parts.append(f"the team of “{invitation.project.title}” as a {role}")
    if invitation.region_id:
        role = invitation.get_region_role_display().lower()
        parts.append(f"{invitation.region.name} as a {role}")
    return " and ".join(parts)


def day(moment) -> str:
    return f"{timezone.localtime(moment):%-d %B %Y}"


def _status(invitation: Invitation) -> str:
    state = invitation.state
    if state == InvitationState.PENDING:
        return f"Link works until {day(invitation.expires_at)}"
    if state == InvitationState.EXPIRED:
        return f"Expired on {day(invitation.expires_at)}"
    return state.label


def invitation_rows(invitations) -> list[dict]:
    """One row a person for a table of invitations not yet accepted."""
    return [
        {
            "pk": invitation.pk,
            "name": invitation.full_name,
            "email": invitation.email,
            "invited_to": invited_to(invitation),
            "invited_by": str(invitation.invited_by or "someone no longer on the service"),
            "sent_on": day(invitation.created_at),
            "status": _status(invitation),
            "may_cancel": invitation.state != InvitationState.CANCELLED,
        }
        for invitation in invitations
    ]
