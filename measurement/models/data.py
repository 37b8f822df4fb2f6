"""What teams enter: one value per period, rare events, rebases (new phases) and notes on points."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.utils import timezone
from simple_history.models import HistoricalRecords

from measurement.models.measure import Measure


class DataPoint(models.Model):
    """One period's value. Proportions and rates store numerator and denominator instead."""

    # No index of its own: the unique (measure, period) constraint's index leads with measure.
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="data_points", db_index=False
    )
    period = models.DateField(help_text="Weekly periods start on a Monday, monthly on the 1st.")
    value = models.FloatField(null=True, blank=True)
    numerator = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["measure", "period"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "period"], name="datapoint_one_per_period"),
            # numerator <= denominator holds for proportions only (a rate's events may exceed
            # its exposure), so the entry rules check it, knowing the measure's data type.
            models.CheckConstraint(
                condition=(Q(numerator__isnull=True) | Q(numerator__gte=0))
                & (Q(denominator__isnull=True) | Q(denominator__gt=0)),
                name="datapoint_counts_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=False)
                | (Q(numerator__isnull=False) & Q(denominator__isnull=False)),
                name="datapoint_has_a_value",
            ),
        ]

    def __str__(self) -> str:
        if self.value is not None:
            return f"{self.period}: {self.value:g}"
        return f"{self.period}: {self.numerator:g}/{self.denominator:g}"


class Event(models.Model):
    """A rare event (e.g. a never event), charted as the time or opportunities between events."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="events")
    date = models.DateField()
    opportunities_since_previous = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="For g charts: e.g. deliveries since the previous event.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "date"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "date"], name="event_one_per_day"),
        ]

    def __str__(self) -> str:
        return f"Event on {self.date}"


class Rebase(models.Model):
    """A new phase of the chart from `start` (its first point), for a stated reason."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="rebases")
    start = models.DateField()
    reason = models.TextField()
    # What caused the change, where the team has recorded it.
    pdsa_cycle = models.ForeignKey(
        "projects.PDSACycle", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    change_idea = models.ForeignKey(
        "projects.ChangeIdea", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_default=Now())
    history = HistoricalRecords()  # a removed phase keeps its reason, who and when here

    class Meta:
        ordering = ["measure", "start"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "start"], name="rebase_one_per_period"),
            models.CheckConstraint(condition=~Q(reason=""), name="rebase_has_a_reason"),
        ]

    def __str__(self) -> str:
        return f"New phase from {self.start}: {self.reason}"


class PointNote(models.Model):
    """A team's note on one point of the chart ("new staff rota", "data from paper records"),
    drawn on the chart as a numbered marker; a PDSA cycle may be attached to the point."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="notes")
    period = models.DateField(help_text="The point's period (or an event's date).")
    text = models.TextField()
    pdsa_cycle = models.ForeignKey(
        "projects.PDSACycle", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])  # edits keep what it said

    class Meta:
        ordering = ["measure", "period", "created_at", "pk"]
        indexes = [models.Index(fields=["measure", "period"], name="point_note_by_period")]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="point_note_has_text")]

    def __str__(self) -> str:
        return f"Note on {self.period}: {self.text[:40]}"
