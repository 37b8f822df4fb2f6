"""Invitations by email to join the service: to a project's team, to a region's leads, or both.

It lives in `projects` because it points at a project as well as a region (apps import only
downward, ADR 0007). Only a digest of the link's token is stored: whoever reads the table cannot
accept an invitation.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from projects.models.project import Project, ProjectRole
from regions.models import Region


class RegionRole(models.TextChoices):
    LEAD = "lead", "Regional lead"


def invitation_expiry():
    """INVITATION_DAYS (14 unless set) from now."""
    return timezone.now() + timedelta(days=settings.INVITATION_DAYS)


class InvitationState(models.TextChoices):
    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted"
    CANCELLED = "cancelled", "Cancelled"
    EXPIRED = "expired", "Expired"


class InvitationQuerySet(models.QuerySet):
    def awaiting(self):
        """Neither accepted nor cancelled: pending, or expired and waiting to be sent again."""
        return self.filter(accepted_at__isnull=True, cancelled_at__isnull=True)

    def pending(self):
        """Neither accepted, cancelled nor expired: the link still works."""
        return self.filter(
            accepted_at__isnull=True, cancelled_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    email = models.EmailField(help_text="Stored in lower case.")
    first_name = models.CharField(max_length=150)
    last_name = models.CharField(max_length=150)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    project_role = models.CharField(max_length=16, choices=ProjectRole.choices, blank=True)
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    region_role = models.CharField(max_length=16, choices=RegionRole.choices, blank=True)
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(default=invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(project__isnull=False) | Q(region__isnull=False),
                name="invitation_to_a_project_or_region",
            ),
            models.CheckConstraint(
                condition=Q(project__isnull=True, project_role="")
                | (Q(project__isnull=False) & ~Q(project_role="")),
                name="invitation_project_role_with_project",
            ),
            models.CheckConstraint(
                condition=Q(region__isnull=True, region_role="")
                | (Q(region__isnull=False) & ~Q(region_role="")),
                name="invitation_region_role_with_region",
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")),
                name="invitation_expires_after_it_is_made",
            ),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(cancelled_at__isnull=True),
                name="invitation_not_both_accepted_and_cancelled",
            ),
        ]
        indexes = [models.Index(fields=["email"], name="invitation_email")]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def state(self) -> InvitationState:
        if self.accepted_at:
            return InvitationState.ACCEPTED
        if self.cancelled_at:
            return InvitationState.CANCELLED
        if self.expires_at <= timezone.now():
            return InvitationState.EXPIRED
        return InvitationState.PENDING
