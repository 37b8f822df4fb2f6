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


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="notifications")
    message = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.message
