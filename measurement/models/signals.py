"""Special-cause signals seen on a measure, and the notifications they raised."""

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


class QuarterState(models.Model):
    """What a measure's chart showed at the end of each financial quarter (quarter 0: the year),
    read from its latest analysis; the national rollups count these."""

    # No index of its own: the unique (measure, year, quarter) index leads with measure.
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="quarter_states", db_index=False
    )
    financial_year = models.CharField(max_length=7)
    quarter = models.PositiveSmallIntegerField()
    variation = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "financial_year", "quarter"], name="quarter_state_once"
            ),
        ]
        # The rollups count a year's special-cause readings by region: an index-only scan.
        indexes = [
            models.Index(
                fields=["financial_year", "variation", "quarter", "measure"],
                name="quarter_state_counts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.financial_year} Q{self.quarter}: {self.variation}"


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
