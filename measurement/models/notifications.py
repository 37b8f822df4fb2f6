"""Special-cause signals already told to a team, and the notifications that told them."""

from django.conf import settings
from django.db import models

from measurement.models.measure import Measure


class SeenSignal(models.Model):
    """A signal (rule, phase and first period) already told to the team, so it is told once."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="seen_signals")
    rule = models.CharField(max_length=20)
    first_period = models.DateField()
    point_type = models.CharField(max_length=40, blank=True)
    seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "rule", "first_period"], name="seen_signal_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule} from {self.first_period}"


class NotificationKind(models.TextChoices):
    SIGNAL = "signal", "New signal"
    NO_DATA = "no_data", "No data entered"


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(
        max_length=16,
        choices=NotificationKind.choices,
        default=NotificationKind.SIGNAL,
        db_default=NotificationKind.SIGNAL,
    )
    message = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.message


class NotificationSettings(models.Model):
    """How one person hears of new signals and missing data (defaults when there is no row)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    in_app = models.BooleanField("on this site", default=True)
    email = models.BooleanField("by email as they happen", default=True)
    weekly_digest = models.BooleanField("in a weekly email digest", default=True)

    class Meta:
        verbose_name_plural = "notification settings"

    def __str__(self) -> str:
        return f"Notification settings of {self.user}"


class TeamReminder(models.Model):
    """A lead's reminder to a project's team of its overdue data: when, and by whom, so a team
    is reminded at most once a day (measurement.services.team_reminders)."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="data_reminders"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["project", "-sent_at"], name="team_reminder_latest")]

    def __str__(self) -> str:
        return f"Reminder to {self.project_id} at {self.sent_at:%-d %B %Y %H:%M}"
