"""The invitation email: plain text, naming the service, who invited the person, to what, and
until when the link works."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from projects.invitations.presenters import day, invited_to
from projects.models import Invitation

logger = logging.getLogger(__name__)

SUBJECT = "You are invited to the PSC QI Tracker"


def invitation_email(invitation: Invitation, token: str, site_url: str) -> EmailMessage:
    context = {
        "invitation": invitation,
        "inviter": str(invitation.invited_by or "A lead"),
        "invited_to": invited_to(invitation),
        "link": site_url.rstrip("/") + reverse("invitations:accept", args=[token]),
        "until": day(invitation.expires_at),
    }
    return EmailMessage(
        subject=SUBJECT,
        body=render_to_string("invitations/email.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[invitation.email],
    )


def send_invitation(invitation: Invitation, token: str, site_url: str) -> None:
    """Sent after the invitation is saved; a mail server that refuses it is logged (as Django
    does for password resets), and the pending list offers to send it again."""
    try:
        invitation_email(invitation, token, site_url).send()
    except Exception:
        logger.exception("The invitation %s could not be emailed", invitation.pk)
